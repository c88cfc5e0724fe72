using Kvalitetsportal.Audit;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Contents.Members;

/// <summary>
/// The members of items and their secrecy markings: the one writer of both tables (ADR 21), and
/// what access scopes read to expand "the reader's memberships" (ADR 22). A change tells the
/// committed handlers (search, list totals) after it commits, as an edit of the item would.
/// </summary>
public interface IContentMembers
{
    Task<IReadOnlyList<ContentMember>> GetAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>Adds the person in the role (nothing if they have it already).</summary>
    Task AddAsync(ContentTypeDefinition type, string contentItemId, string userId, string role, string actorId, CancellationToken cancellationToken = default);

    Task RemoveAsync(ContentTypeDefinition type, string contentItemId, string userId, string role, string actorId, CancellationToken cancellationToken = default);

    /// <summary>Whether the person declared jäv for the item (<see cref="ContentMemberRoles.Excluded"/>).</summary>
    Task<bool> IsExcludedAsync(string contentItemId, string userId, CancellationToken cancellationToken = default);

    Task<ContentSecrecy?> GetSecrecyAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>Marks the item confidential on a legal ground (e.g. "OSL 18 kap. 8 §"); null removes the marking.</summary>
    Task SetSecrecyAsync(ContentTypeDefinition type, string contentItemId, string? legalGround, string actorId, CancellationToken cancellationToken = default);

    /// <summary>The items of the type where the reader is a member in one of the roles.</summary>
    Task<IReadOnlySet<string>> ItemsWithRoleAsync(string contentType, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default);

    /// <summary>
    /// The items of the type the reader must not reach: those they are excluded from, and
    /// confidential ones when they neither hold a role the type names nor are a member.
    /// </summary>
    Task<IReadOnlySet<string>> ClosedToAsync(ContentTypeDefinition type, string userId, IReadOnlySet<string> userRoles, CancellationToken cancellationToken = default);

    /// <summary>
    /// Who of <paramref name="userIds"/> a mail or notice about the item must not reach (the same
    /// exclusion and secrecy rule as <see cref="ClosedToAsync"/>), and whether the item is
    /// confidential (then nothing goes to a fixed address either: no one checks who reads it).
    /// </summary>
    Task<(bool Confidential, IReadOnlySet<string> Closed)> RecipientsClosedAsync(ContentTypeDefinition type, string contentItemId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default);
}

public sealed class ContentMembers(
    PortalDbContext db,
    IEnumerable<IContentCommittedHandler> committedHandlers,
    IAuditTrail audit,
    TimeProvider clock) : IContentMembers
{
    private DbSet<ContentMember> Members => db.Set<ContentMember>();

    private DbSet<ContentSecrecy> Secrecy => db.Set<ContentSecrecy>();

    public async Task<IReadOnlyList<ContentMember>> GetAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        await Members.AsNoTracking().Where(m => m.ContentItemId == contentItemId).OrderBy(m => m.Role).ThenBy(m => m.UserId).ToListAsync(cancellationToken);

    public async Task AddAsync(ContentTypeDefinition type, string contentItemId, string userId, string role, string actorId, CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(type, contentItemId, cancellationToken);
        role = CheckedRole(role);
        if (await Members.AnyAsync(m => m.ContentItemId == contentItemId && m.UserId == userId && m.Role == role, cancellationToken))
        {
            return;
        }

        Members.Add(new ContentMember
        {
            ContentItemId = contentItemId,
            ContentType = type.Name,
            UserId = userId,
            Role = role,
            AddedUtc = clock.GetUtcNow().UtcDateTime,
            AddedBy = actorId,
        });
        Audit(type, latest, actorId, ("member", "Medlem", null, $"{userId} ({role})"));
        await SaveAsync(type, latest, actorId, cancellationToken);
    }

    public async Task RemoveAsync(ContentTypeDefinition type, string contentItemId, string userId, string role, string actorId, CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(type, contentItemId, cancellationToken);
        var member = await Members.FirstOrDefaultAsync(m => m.ContentItemId == contentItemId && m.UserId == userId && m.Role == role, cancellationToken);
        if (member is null)
        {
            return;
        }

        Members.Remove(member);
        Audit(type, latest, actorId, ("member", "Medlem", $"{userId} ({role})", null));
        await SaveAsync(type, latest, actorId, cancellationToken);
    }

    public Task<bool> IsExcludedAsync(string contentItemId, string userId, CancellationToken cancellationToken = default) =>
        Members.AnyAsync(m => m.ContentItemId == contentItemId && m.UserId == userId && m.Role == ContentMemberRoles.Excluded, cancellationToken);

    public Task<ContentSecrecy?> GetSecrecyAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        Secrecy.AsNoTracking().FirstOrDefaultAsync(s => s.ContentItemId == contentItemId, cancellationToken);

    public async Task SetSecrecyAsync(ContentTypeDefinition type, string contentItemId, string? legalGround, string actorId, CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(type, contentItemId, cancellationToken);
        var marking = await Secrecy.FirstOrDefaultAsync(s => s.ContentItemId == contentItemId, cancellationToken);
        legalGround = legalGround?.Trim();
        if (string.IsNullOrEmpty(legalGround))
        {
            if (marking is null)
            {
                return;
            }

            Secrecy.Remove(marking);
            Audit(type, latest, actorId, ("secrecy", "Sekretess", marking.LegalGround, null));
        }
        else
        {
            if (legalGround.Length > ContentMemberRoles.MaxLegalGroundLength)
            {
                throw new ArgumentException("The legal ground is too long.", nameof(legalGround));
            }

            Audit(type, latest, actorId, ("secrecy", "Sekretess", marking?.LegalGround, legalGround));
            if (marking is null)
            {
                marking = new ContentSecrecy { ContentItemId = contentItemId, ContentType = type.Name, LegalGround = legalGround, MarkedBy = actorId };
                Secrecy.Add(marking);
            }

            marking.LegalGround = legalGround;
            marking.MarkedBy = actorId;
            marking.MarkedUtc = clock.GetUtcNow().UtcDateTime;
        }

        await SaveAsync(type, latest, actorId, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> ItemsWithRoleAsync(string contentType, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        var wanted = roles.ToList();
        return (await Members.AsNoTracking()
            .Where(m => m.UserId == userId && m.ContentType == contentType && wanted.Contains(m.Role))
            .Select(m => m.ContentItemId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlySet<string>> ClosedToAsync(ContentTypeDefinition type, string userId, IReadOnlySet<string> userRoles, CancellationToken cancellationToken = default)
    {
        var name = type.Name;
        var mine = await Members.AsNoTracking().Where(m => m.UserId == userId && m.ContentType == name)
            .Select(m => new { m.ContentItemId, m.Role }).ToListAsync(cancellationToken);
        var closed = mine.Where(m => m.Role == ContentMemberRoles.Excluded).Select(m => m.ContentItemId).ToHashSet(StringComparer.Ordinal);
        if (!type.ConfidentialRoles.Any(userRoles.Contains))
        {
            var memberOf = mine.Select(m => m.ContentItemId).ToHashSet(StringComparer.Ordinal);
            foreach (var id in await Secrecy.AsNoTracking().Where(s => s.ContentType == name).Select(s => s.ContentItemId).ToListAsync(cancellationToken))
            {
                if (!memberOf.Contains(id))
                {
                    closed.Add(id);
                }
            }
        }

        return closed;
    }

    public async Task<(bool Confidential, IReadOnlySet<string> Closed)> RecipientsClosedAsync(ContentTypeDefinition type, string contentItemId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var members = await Members.AsNoTracking().Where(m => m.ContentItemId == contentItemId && ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.Role }).ToListAsync(cancellationToken);
        var closed = members.Where(m => m.Role == ContentMemberRoles.Excluded).Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var confidential = await Secrecy.AnyAsync(s => s.ContentItemId == contentItemId, cancellationToken);
        if (confidential)
        {
            var roles = type.ConfidentialRoles;
            var cleared = await db.Set<IdentityUserRole<string>>().AsNoTracking()
                .Where(ur => ids.Contains(ur.UserId))
                .Join(db.Set<PortalRole>(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .Where(x => x.Name != null && roles.Contains(x.Name))
                .Select(x => x.UserId).ToListAsync(cancellationToken);
            var open = members.Select(m => m.UserId).Concat(cleared).ToHashSet(StringComparer.Ordinal);
            closed.UnionWith(ids.Where(id => !open.Contains(id)));
        }

        return (confidential, closed);
    }

    private static string CheckedRole(string role)
    {
        role = role.Trim();
        return role.Length is > 0 and <= ContentMemberRoles.MaxRoleLength ? role : throw new ArgumentException("A membership role is 1–64 characters.", nameof(role));
    }

    private async Task<ContentItem> LatestAsync(ContentTypeDefinition type, string contentItemId, CancellationToken cancellationToken) =>
        await db.Set<ContentItem>().AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Latest && i.ContentType == type.Name, cancellationToken)
        ?? throw new InvalidOperationException($"Content item {contentItemId} of type {type.Name} does not exist.");

    // In the same save as the change: who was let in or shut out, and by whom, is never lost. Users
    // are named by id only (the log shows its own view of people).
    private void Audit(ContentTypeDefinition type, ContentItem latest, string actorId, (string Field, string Label, string? Before, string? After) change) =>
        audit.Record(new AuditEntry(AuditCategories.Content, AuditActions.AccessChanged, type.Name, latest.ContentItemId, latest.DisplayText)
        {
            ActorId = actorId,
            Changes = AuditValues.Changes(change),
        });

    // Search reindexes the item and list totals are forgotten after the commit, as for an edit.
    private async Task SaveAsync(ContentTypeDefinition type, ContentItem latest, string actorId, CancellationToken cancellationToken)
    {
        var committed = new ContentCommitted(type, latest, ContentEvents.AccessChanged, actorId);
        db.AfterCommit.Add(async ct =>
        {
            foreach (var handler in committedHandlers)
            {
                await handler.CommittedAsync(committed, ct);
            }
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
