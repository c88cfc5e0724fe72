using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Data;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>Someone an activity addresses: a portal user (with id) or a fixed address.</summary>
public sealed record Person(string? UserId, string Name, string? Email)
{
    /// <summary>The person as a notice addresses them; null for a fixed address (no portal user to tell).</summary>
    public NoticeRecipient? AsNoticeRecipient() => UserId is null ? null : new(UserId, Name, Email);
}

/// <summary>
/// Turns a definition's <see cref="Recipient"/> into people, and an assignment into the holder
/// value stored on the item (<see cref="Assignee"/>). Locked accounts get nothing.
/// </summary>
public sealed class Recipients(PortalDbContext db, TimeProvider clock, IContentMembers members)
{
    private readonly Dictionary<string, Person?> _users = new(StringComparer.Ordinal);

    /// <summary>
    /// The people a mail or notice about the run's item goes to: never someone excluded from the
    /// item (jäv), and for a confidential item only its members and the roles its type names (ADR 22).
    /// </summary>
    public async Task<IReadOnlyList<Person>> ResolveAsync(Recipient to, RunContext run, CancellationToken cancellationToken)
    {
        var people = await AddressedAsync(to, run, cancellationToken);
        if (people.Count == 0)
        {
            return people;
        }

        var (confidential, closed) = await members.RecipientsClosedAsync(run.Type, run.Item.ContentItemId, [.. people.Select(p => p.UserId).OfType<string>()], cancellationToken);
        return confidential || closed.Count > 0
            ? [.. people.Where(p => p.UserId is null ? !confidential : !closed.Contains(p.UserId))]
            : people;
    }

    private async Task<IReadOnlyList<Person>> AddressedAsync(Recipient to, RunContext run, CancellationToken cancellationToken)
    {
        switch (to.Kind)
        {
            case RecipientKind.Owner:
                return await OneAsync(run.Item.OwnerId, cancellationToken);
            case RecipientKind.Assignee:
                return await HolderAsync(run.AssignedTo, cancellationToken);
            case RecipientKind.Role:
                return string.IsNullOrEmpty(to.Value) ? [] : await RoleMembersAsync(to.Value, cancellationToken);
            case RecipientKind.User:
                return await UserNamedAsync(to.Value, cancellationToken) is { } named ? [named] : [];
            case RecipientKind.UnitManager:
                return await UnitManagerIdAsync(run.Item.OrganisationUnitId, cancellationToken) is { } managerId ? await OneAsync(managerId, cancellationToken) : [];
            case RecipientKind.UserField:
                return run.Data[to.Value ?? ""]?.ToString() is { Length: > 0 } userId ? await OneAsync(userId, cancellationToken) : [];
            case RecipientKind.Address:
                return string.IsNullOrWhiteSpace(to.Value) ? [] : [new Person(null, to.Value, to.Value)];
            default:
                return [];
        }
    }

    /// <summary>The holder value for an assignment (null: nobody), or null with found=false when the person does not exist.</summary>
    public async Task<(string? Holder, bool Found)> AssigneeAsync(Recipient? to, RunContext run, CancellationToken cancellationToken)
    {
        if (to is null)
        {
            return (null, true);
        }

        string? userId = to.Kind switch
        {
            RecipientKind.Owner => run.Item.OwnerId,
            RecipientKind.User => (await UserNamedAsync(to.Value, cancellationToken))?.UserId,
            RecipientKind.UnitManager => await UnitManagerIdAsync(run.Item.OrganisationUnitId, cancellationToken),
            RecipientKind.UserField => run.Data[to.Value ?? ""]?.ToString() is { Length: > 0 } id ? id : null,
            _ => null,
        };
        return to.Kind switch
        {
            RecipientKind.Role when !string.IsNullOrEmpty(to.Value) => (Assignee.Role(to.Value), true),
            _ when userId is not null => (Assignee.User(userId), true),
            _ => (null, false),
        };
    }

    /// <summary>How a holder is shown: a person's name, or the role's name.</summary>
    public async Task<string?> HolderNameAsync(string? holder, CancellationToken cancellationToken)
    {
        if (!Assignee.TryParse(holder, out var isRole, out var name))
        {
            return null;
        }

        return isRole ? $"{name} (roll)" : (await UserAsync(name, cancellationToken))?.Name ?? "(okänd användare)";
    }

    public async Task<Person?> UserAsync(string userId, CancellationToken cancellationToken)
    {
        if (_users.TryGetValue(userId, out var known))
        {
            return known;
        }

        var now = clock.GetUtcNow();
        var user = await db.Set<PortalUser>().AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd })
            .FirstOrDefaultAsync(cancellationToken);
        var person = user is null || user.LockoutEnd > now ? null : new Person(user.Id, user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? user.Id, user.Email);
        _users[userId] = person;
        return person;
    }

    private async Task<IReadOnlyList<Person>> OneAsync(string userId, CancellationToken cancellationToken) =>
        await UserAsync(userId, cancellationToken) is { } person ? [person] : [];

    private async Task<IReadOnlyList<Person>> HolderAsync(string? holder, CancellationToken cancellationToken) =>
        !Assignee.TryParse(holder, out var isRole, out var name) ? []
        : isRole ? await RoleMembersAsync(name, cancellationToken)
        : await OneAsync(name, cancellationToken);

    private async Task<IReadOnlyList<Person>> RoleMembersAsync(string role, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var members = await (
                from userRole in db.Set<IdentityUserRole<string>>()
                join r in db.Set<PortalRole>() on userRole.RoleId equals r.Id
                join u in db.Set<PortalUser>() on userRole.UserId equals u.Id
                where r.Name == role
                select new { u.Id, u.DisplayName, u.Email, u.LockoutEnd })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. members
            .Where(m => m.LockoutEnd is null || m.LockoutEnd <= now)
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => new Person(m.Id, m.DisplayName.Length > 0 ? m.DisplayName : m.Email ?? m.Id, m.Email))];
    }

    private async Task<Person?> UserNamedAsync(string? userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return null;
        }

        var normalized = userName.Trim().ToUpperInvariant();
        var id = await db.Set<PortalUser>().AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized)
            .Select(u => u.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await UserAsync(id, cancellationToken);
    }

    /// <summary>The manager of the unit, or of the nearest unit above it that has one.</summary>
    private async Task<string?> UnitManagerIdAsync(int? unitId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<int>();
        while (unitId is int id && seen.Add(id))
        {
            var unit = await db.Set<OrganisationUnit>().AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new { u.ManagerUserId, u.ParentId })
                .FirstOrDefaultAsync(cancellationToken);
            if (unit is null)
            {
                return null;
            }

            if (unit.ManagerUserId is { Length: > 0 } manager)
            {
                return manager;
            }

            unitId = unit.ParentId;
        }

        return null;
    }
}
