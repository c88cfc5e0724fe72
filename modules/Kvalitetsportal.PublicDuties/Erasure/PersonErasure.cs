using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.PersonalData;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.PublicDuties.Erasure;

public enum ErasureRefusal
{
    None,
    NoSuchPerson,
    OwnAccount,
    LastAdministrator,
}

public sealed record ErasureResult(ErasureRefusal Refusal, string Pseudonym, IReadOnlyList<PersonalDataErasure> Parts);

/// <summary>
/// Erases or pseudonymises a person on request (GDPR art. 17), keeping what the archive law requires:
/// every source stages its part, the audit event is added, and all of it is saved in one transaction,
/// so a failure leaves the person as they were. See ADR 0035.
/// </summary>
public sealed class PersonErasure(
    IEnumerable<IPersonalDataSource> sources,
    UserManager<PortalUser> users,
    IAuditTrail audit,
    PortalDbContext db)
{
    public const string ErasedAction = AuditActions.PersonalDataErased;

    public async Task<ErasureResult> EraseAsync(string userId, string actorId, string requestReference, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return new ErasureResult(ErasureRefusal.NoSuchPerson, "", []);
        }

        if (user.Id == actorId)
        {
            return new ErasureResult(ErasureRefusal.OwnAccount, "", []);
        }

        if (await users.IsInRoleAsync(user, WellKnownRoles.Administrator)
            && !(await users.GetUsersInRoleAsync(WellKnownRoles.Administrator)).Any(u => u.Id != user.Id))
        {
            return new ErasureResult(ErasureRefusal.LastAdministrator, "", []);
        }

        // Stable and not derived from the name: the id's first characters tell people apart in old records.
        var pseudonym = $"Borttagen person {user.Id[..Math.Min(8, user.Id.Length)]}";
        // The account's own tracked row must be the one the sources change, not UserManager's copy.
        db.ChangeTracker.Clear();
        var strategy = db.Database.CreateExecutionStrategy();
        var parts = new List<PersonalDataErasure>();
        await strategy.ExecuteAsync(async () =>
        {
            parts.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var source in sources.OrderBy(s => s.Order))
            {
                parts.Add(await source.EraseAsync(userId, pseudonym, cancellationToken));
            }

            // The event keeps no name: the log would otherwise hold what was just erased.
            audit.Record(new AuditEntry(AuditCategories.Users, ErasedAction, AuditSubjectTypes.User, userId, pseudonym)
            {
                ActorId = actorId,
                Changes = AuditValues.Changes(
                    ("request", "Begäran (ärende)", null, requestReference),
                    ("erased", "Raderat", null, string.Join("; ", parts.SelectMany(p => p.Erased)))),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        return new ErasureResult(ErasureRefusal.None, pseudonym, parts);
    }
}
