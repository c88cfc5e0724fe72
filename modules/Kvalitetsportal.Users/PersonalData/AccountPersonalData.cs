using Kvalitetsportal.Data;
using Kvalitetsportal.Localization;
using Kvalitetsportal.PersonalData;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Users.UserAccounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Users.PersonalData;

/// <summary>
/// The account: name, address, unit, roles. Erasure pseudonymises the account rather than deleting the
/// row, because items, decisions and the audit log name the person by its id and are kept; with the
/// name gone, every page that shows them shows the pseudonym.
/// </summary>
internal sealed class AccountPersonalData(PortalDbContext db, TimeProvider clock) : IPersonalDataSource
{
    public int Order => 0;

    public async Task<PersonalDataSection> ExtractAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Set<PortalUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return new PersonalDataSection("Konto", Purpose, []);
        }

        var roles = await RoleNamesAsync(userId, cancellationToken);
        var locked = LockState.Of(user.LockoutEnd, clock.GetUtcNow()).IsLocked;
        return new PersonalDataSection("Konto", Purpose,
        [
            new PersonalDataRecord(user.DisplayName,
            [
                new("Namn", user.DisplayName),
                new("E-postadress", user.Email ?? ""),
                new("Telefon", user.PhoneNumber ?? ""),
                new("Organisationsenhet (id)", user.OrganisationUnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                new("Roller", string.Join(", ", roles)),
                new("Kontot skapat", SwedishTime.Of(user.CreatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                new("Spärrat", locked ? "Ja" : "Nej"),
                new("Lösenord", "Sparas bara som ett saltat hashvärde; portalen kan inte läsa det."),
            ]),
        ]);
    }

    public async Task<PersonalDataErasure> EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var user = await db.Set<PortalUser>().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return new PersonalDataErasure("Konto", [], []);
        }

        // The address must stay unique and must never reach a real mailbox (.invalid is reserved, RFC 2606).
        var address = $"borttagen-{user.Id}@borttagen.invalid";
        user.DisplayName = pseudonym;
        user.UserName = address;
        user.NormalizedUserName = address.ToUpperInvariant();
        user.Email = address;
        user.NormalizedEmail = address.ToUpperInvariant();
        user.EmailConfirmed = false;
        user.PhoneNumber = null;
        user.PasswordHash = null;
        user.LockoutEnabled = true;
        user.LockoutEnd = LockState.Indefinitely;
        // A new stamp ends every session of the account at once (SessionCheck).
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();

        var roles = await db.Set<IdentityUserRole<string>>().Where(r => r.UserId == userId).ToListAsync(cancellationToken);
        db.RemoveRange(roles);
        db.RemoveRange(await db.Set<IdentityUserClaim<string>>().Where(c => c.UserId == userId).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<IdentityUserLogin<string>>().Where(l => l.UserId == userId).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<IdentityUserToken<string>>().Where(t => t.UserId == userId).ToListAsync(cancellationToken));

        return new PersonalDataErasure("Konto",
            [
                "Namn, e-postadress och telefon ersatta med pseudonymen " + pseudonym,
                "Lösenordet och alla inloggningar borttagna; kontot är spärrat och alla sessioner avslutade",
                $"Roller borttagna ({roles.Count})",
            ],
            [
                "Kontots id och enhet sparas: ärenden, beslut och granskningsloggen hänvisar till id:t och visar nu pseudonymen.",
            ]);
    }

    private async Task<List<string>> RoleNamesAsync(string userId, CancellationToken cancellationToken) =>
        await (from ur in db.Set<IdentityUserRole<string>>()
               join r in db.Set<PortalRole>() on ur.RoleId equals r.Id
               where ur.UserId == userId
               orderby r.Name
               select r.Name!).ToListAsync(cancellationToken);

    private const string Purpose = "För att du ska kunna logga in och för att visa vem som gjort vad (myndighetsutövning, allmänt intresse).";
}
