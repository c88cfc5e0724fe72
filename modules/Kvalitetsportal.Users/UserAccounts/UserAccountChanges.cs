using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;

namespace Kvalitetsportal.Users.UserAccounts;

/// <summary>A new account as the administrator filled it in; <see cref="UnitName"/> is for the audit entry.</summary>
public sealed record NewAccount(string Email, string DisplayName, int? UnitId, string? UnitName, IReadOnlyList<string> Roles, string Password);

/// <summary>What an administrator changed on an account. <see cref="NewPassword"/> is set, never recorded.</summary>
public sealed record AccountChange(string Email, string DisplayName, int? UnitId, IReadOnlyList<string> Roles, string? NewPassword, bool Lock, bool Unlock);

/// <summary>
/// An administrator's changes to accounts: create one, or change its profile, roles, password and
/// lock. Each runs in one transaction with its audit entries, so the audit never records a change
/// that did not happen (nor misses one that did).
/// </summary>
public sealed class UserAccountChanges(UserManager<PortalUser> users, PortalDbContext db, IAuditTrail audit)
{
    public async Task<(IdentityResult Result, PortalUser User)> CreateAsync(NewAccount account, CancellationToken cancellationToken)
    {
        var user = new PortalUser
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            DisplayName = account.DisplayName,
            OrganisationUnitId = account.UnitId,
            CreatedAt = DateTimeOffset.UtcNow,
            LockoutEnabled = true,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.CreateAsync(user, account.Password);
        if (result.Succeeded && account.Roles.Count > 0)
        {
            result = await users.AddToRolesAsync(user, account.Roles);
        }

        if (result.Succeeded)
        {
            // Never the password: only who the account is for and what it may do.
            audit.Record(new AuditEntry(AuditCategories.Users, AuditActions.Created, AuditSubjectTypes.User, user.Id, user.DisplayName)
            {
                Changes = AuditValues.Changes(
                    ("displayName", "Namn", null, user.DisplayName),
                    ("email", "E-postadress", null, user.Email),
                    ("unit", "Enhet", null, account.UnitName),
                    ("roles", "Roller", null, AuditValues.List(account.Roles))),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return (result, user);
    }

    /// <param name="unitName">The name of a unit id, for the audit entry.</param>
    public async Task<IdentityResult> ChangeAsync(PortalUser user, AccountChange change, Func<int?, string?> unitName, CancellationToken cancellationToken)
    {
        var currentRoles = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = (user.DisplayName, user.Email, Unit: unitName(user.OrganisationUnitId));
        user.Email = change.Email;
        user.UserName = change.Email;
        user.DisplayName = change.DisplayName;
        user.OrganisationUnitId = change.UnitId;
        var steps = new List<Func<Task<IdentityResult>>>
        {
            () => users.UpdateAsync(user),
            () => users.AddToRolesAsync(user, change.Roles.Where(r => !currentRoles.Contains(r))),
            () => users.RemoveFromRolesAsync(user, currentRoles.Where(r => !change.Roles.Contains(r))),
        };
        if (currentRoles.Any(r => !change.Roles.Contains(r)))
        {
            // A removed role must not live on in a session that still carries it: end them all.
            steps.Add(() => users.UpdateSecurityStampAsync(user));
        }

        if (change.NewPassword is { Length: > 0 } newPassword)
        {
            // Resetting changes the security stamp, which ends the user's sessions.
            steps.Add(async () => await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), newPassword));
        }

        if (change.Lock)
        {
            steps.Add(() => users.SetLockoutEnabledAsync(user, true));
            steps.Add(() => users.SetLockoutEndDateAsync(user, LockState.Indefinitely));
            steps.Add(() => users.UpdateSecurityStampAsync(user));
        }
        else if (change.Unlock)
        {
            steps.Add(() => users.SetLockoutEndDateAsync(user, null));
            steps.Add(() => users.ResetAccessFailedCountAsync(user));
        }

        var result = IdentityResult.Success;
        foreach (var step in steps)
        {
            result = await step();
            if (!result.Succeeded)
            {
                return result;
            }
        }

        RecordChange(user, before, unitName(user.OrganisationUnitId), currentRoles, change);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Administrators whose accounts are not locked: the portal must always keep one.</summary>
    public async Task<int> CountActiveAdministratorsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        return (await users.GetUsersInRoleAsync(WellKnownRoles.Administrator)).Count(u => !LockState.Of(u.LockoutEnd, now).IsLocked);
    }

    /// <summary>Records what a change did, in its transaction. A new password is noted, never recorded.</summary>
    private void RecordChange(PortalUser user, (string DisplayName, string? Email, string? Unit) before, string? unitAfter, HashSet<string> rolesBefore, AccountChange change)
    {
        var profile = AuditValues.Changes(
            ("displayName", "Namn", before.DisplayName, user.DisplayName),
            ("email", "E-postadress", before.Email, user.Email),
            ("unit", "Enhet", before.Unit, unitAfter),
            ("password", "Lösenord", null, change.NewPassword is { Length: > 0 } ? "Nytt lösenord satt av administratör" : null));
        if (profile.Count > 0)
        {
            audit.Record(new AuditEntry(AuditCategories.Users, AuditActions.Updated, AuditSubjectTypes.User, user.Id, user.DisplayName) { Changes = profile });
        }

        if (!rolesBefore.SetEquals(change.Roles))
        {
            audit.Record(new AuditEntry(AuditCategories.Users, AuditActions.RolesChanged, AuditSubjectTypes.User, user.Id, user.DisplayName)
            {
                Changes = AuditValues.Changes(
                    ("roles", "Roller", AuditValues.List(rolesBefore), AuditValues.List(change.Roles)),
                    ("added", "Tillagda roller", null, AuditValues.List(change.Roles.Where(r => !rolesBefore.Contains(r)))),
                    ("removed", "Borttagna roller", AuditValues.List(rolesBefore.Where(r => !change.Roles.Contains(r))), null)),
            });
        }

        if (change.Lock || change.Unlock)
        {
            audit.Record(new AuditEntry(AuditCategories.Users, change.Lock ? AuditActions.Locked : AuditActions.Unlocked, AuditSubjectTypes.User, user.Id, user.DisplayName));
        }
    }
}
