using Kvalitetsportal.Audit;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Users.UserAdmin;

[Admin]
[RequirePermission(UsersPermissions.ManageUsersName)]
[Route("admin/anvandare")]
public sealed class UsersController(
    UserManager<PortalUser> users,
    PortalDbContext db,
    IUnitDirectory unitDirectory,
    IAuditTrail audit,
    ILogger<UsersController> logger) : Controller
{
    private const string Administrator = WellKnownRoles.Administrator;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? roll, int? enhet, int sida = 1, CancellationToken cancellationToken = default)
    {
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var query = db.Set<PortalUser>().AsNoTracking();

        var search = q?.Trim() ?? "";
        if (search.Length > 0)
        {
            var upper = search.ToUpperInvariant();
            var lower = search.ToLowerInvariant();
            // Case-insensitive in SQL (the StringComparison overloads are not translated). PostgreSQL's
            // UPPER knows å, ä and ö; SQLite's changes only a–z, so there LOWER catches "Sjöberg" for "sjö".
#pragma warning disable CA1862
            query = query.Where(u => u.DisplayName.ToUpper().Contains(upper)
                || u.DisplayName.ToLower().Contains(lower)
                || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)));
#pragma warning restore CA1862
        }

        if (!string.IsNullOrEmpty(roll))
        {
            var roleId = await db.Set<PortalRole>().Where(r => r.Name == roll).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            query = query.Where(u => db.Set<IdentityUserRole<string>>().Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        if (enhet is int unitId)
        {
            var unitIds = units.SelfAndDescendants(unitId).ToList();
            query = query.Where(u => u.OrganisationUnitId != null && unitIds.Contains(u.OrganisationUnitId.Value));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + UserListPage.PageSize - 1) / UserListPage.PageSize);
        var page = Math.Clamp(sida, 1, pageCount);
        var found = await query
            .OrderBy(u => u.DisplayName).ThenBy(u => u.NormalizedEmail)
            .Skip((page - 1) * UserListPage.PageSize).Take(UserListPage.PageSize)
            .ToListAsync(cancellationToken);

        var ids = found.Select(u => u.Id).ToList();
        var roleNames = (await (
                from ur in db.Set<IdentityUserRole<string>>()
                join r in db.Set<PortalRole>() on ur.RoleId equals r.Id
                where ids.Contains(ur.UserId)
                select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name ?? "");

        var now = DateTimeOffset.UtcNow;
        return View(new UserListPage
        {
            Query = new UserListQuery(search, roll, enhet, page),
            TotalCount = total,
            Users = [.. found.Select(u => new UserRow(
                u.Id,
                u.DisplayName,
                u.Email ?? "",
                units.NameOf(u.OrganisationUnitId),
                [.. roleNames[u.Id].Order(StringComparer.CurrentCulture)],
                LockState.Of(u.LockoutEnd, now)))],
            AllRoles = await RoleChoicesAsync(cancellationToken),
            Units = units.Options(),
        });
    }

    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var roles = await RoleChoicesAsync(cancellationToken);
        // New accounts are usually employees; the administrator can untick it.
        var form = new UserForm { Roles = [.. roles.Where(r => r.Name == "Medarbetare").Select(r => r.Name)] };
        return View("Form", Fill(form, await unitDirectory.LoadAsync(cancellationToken), roles, keepUnitId: null));
    }

    [HttpPost("ny")]
    public async Task<IActionResult> Create(UserForm form, CancellationToken cancellationToken)
    {
        form.UserId = null;
        Normalise(form);
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var roles = await RoleChoicesAsync(cancellationToken);
        if (string.IsNullOrEmpty(form.Password))
        {
            ModelState.AddModelError(nameof(form.Password), "Skriv ett startlösenord.");
        }

        await CheckPasswordAsync(new PortalUser { UserName = form.Email, Email = form.Email }, form.Password);
        CheckChoices(form, units, roles, currentUnitId: null);
        if (form.Roles.Contains(Administrator) && !User.IsInRole(Administrator))
        {
            ModelState.AddModelError(nameof(form.Roles), "Bara en administratör kan ge rollen Administratör.");
        }

        if (ModelState.IsValid)
        {
            var user = new PortalUser
            {
                UserName = form.Email,
                Email = form.Email,
                EmailConfirmed = true,
                DisplayName = form.DisplayName,
                OrganisationUnitId = form.OrganisationUnitId,
                CreatedAt = DateTimeOffset.UtcNow,
                LockoutEnabled = true,
            };
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await users.CreateAsync(user, form.Password!);
            if (result.Succeeded && form.Roles.Count > 0)
            {
                result = await users.AddToRolesAsync(user, form.Roles);
            }

            if (result.Succeeded)
            {
                // Never the password: only who the account is for and what it may do.
                audit.Record(new AuditEntry(AuditCategories.Users, AuditActions.Created, AuditSubjectTypes.User, user.Id, user.DisplayName)
                {
                    Changes = AuditValues.Changes(
                        ("displayName", "Namn", null, user.DisplayName),
                        ("email", "E-postadress", null, user.Email),
                        ("unit", "Enhet", null, units.NameOf(user.OrganisationUnitId)),
                        ("roles", "Roller", null, AuditValues.List(form.Roles))),
                });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("User {UserId} created by {ActorId}", user.Id, users.GetUserId(User));
                TempData["Message"] = $"Kontot för {user.DisplayName} är skapat.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddIdentityErrors(result, passwordField: nameof(form.Password), emailField: nameof(form.Email));
        }

        return View("Form", Fill(form, units, roles, keepUnitId: null));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var lockState = LockState.Of(user.LockoutEnd, DateTimeOffset.UtcNow);
        var form = new UserForm
        {
            UserId = user.Id,
            Email = user.Email ?? "",
            DisplayName = user.DisplayName,
            OrganisationUnitId = user.OrganisationUnitId,
            Roles = [.. await users.GetRolesAsync(user)],
            Locked = lockState.IsLocked,
            Lock = lockState,
        };
        if (form.Roles.Contains(Administrator) && !User.IsInRole(Administrator))
        {
            ModelState.AddModelError(string.Empty, "Det här är en administratörs konto. Bara en administratör kan ändra det.");
        }

        return View("Form", await FillAsync(form, user.OrganisationUnitId, cancellationToken));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, UserForm form, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var now = DateTimeOffset.UtcNow;
        var lockState = LockState.Of(user.LockoutEnd, now);
        form.UserId = user.Id;
        form.Lock = lockState;
        Normalise(form);
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var roles = await RoleChoicesAsync(cancellationToken);
        await CheckPasswordAsync(user, form.Password);
        CheckChoices(form, units, roles, user.OrganisationUnitId);

        var currentRoles = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var wasAdministrator = currentRoles.Contains(Administrator);
        var staysAdministrator = form.Roles.Contains(Administrator);
        var locks = form.Locked && !lockState.IsLocked;
        if (!User.IsInRole(Administrator) && wasAdministrator)
        {
            ModelState.AddModelError(string.Empty, "Det här är en administratörs konto. Bara en administratör kan ändra det.");
        }
        else if (!User.IsInRole(Administrator) && staysAdministrator)
        {
            ModelState.AddModelError(nameof(form.Roles), "Bara en administratör kan ge rollen Administratör.");
        }

        if (locks && user.Id == users.GetUserId(User))
        {
            ModelState.AddModelError(nameof(form.Locked), "Du kan inte spärra ditt eget konto.");
        }
        else if (wasAdministrator && !lockState.IsLocked && (locks || !staysAdministrator) && await CountActiveAdministratorsAsync(now) <= 1)
        {
            ModelState.AddModelError(
                locks ? nameof(form.Locked) : nameof(form.Roles),
                locks
                    ? "Kontot tillhör den enda aktiva administratören och kan inte spärras. Ge först någon annan rollen Administratör."
                    : "Det här är den enda aktiva administratören. Ge först någon annan rollen Administratör, annars kan ingen längre administrera portalen.");
        }

        if (ModelState.IsValid)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var before = (user.DisplayName, user.Email, Unit: units.NameOf(user.OrganisationUnitId));
            user.Email = form.Email;
            user.UserName = form.Email;
            user.DisplayName = form.DisplayName;
            user.OrganisationUnitId = form.OrganisationUnitId;
            var steps = new List<Func<Task<IdentityResult>>>
            {
                () => users.UpdateAsync(user),
                () => users.AddToRolesAsync(user, form.Roles.Where(r => !currentRoles.Contains(r))),
                () => users.RemoveFromRolesAsync(user, currentRoles.Where(r => !form.Roles.Contains(r))),
            };
            if (form.Password is { Length: > 0 } newPassword)
            {
                // Resetting changes the security stamp, which ends the user's sessions.
                steps.Add(async () => await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), newPassword));
            }

            if (locks)
            {
                steps.Add(() => users.SetLockoutEnabledAsync(user, true));
                steps.Add(() => users.SetLockoutEndDateAsync(user, LockState.Indefinitely));
                steps.Add(() => users.UpdateSecurityStampAsync(user));
            }
            else if (!form.Locked && lockState.IsLocked)
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
                    break;
                }
            }

            if (result.Succeeded)
            {
                RecordEdit(user, before, units.NameOf(user.OrganisationUnitId), currentRoles, form, locks, unlocks: !form.Locked && lockState.IsLocked);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("User {UserId} changed by {ActorId} (locked: {Locked})", user.Id, users.GetUserId(User), form.Locked);
                TempData["Message"] = $"Ändringarna för {user.DisplayName} är sparade.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddIdentityErrors(result, passwordField: nameof(form.Password), emailField: nameof(form.Email));
        }

        return View("Form", Fill(form, units, roles, user.OrganisationUnitId));
    }

    /// <summary>Records what an edit changed, in the edit's transaction. A new password is noted, never recorded.</summary>
    private void RecordEdit(PortalUser user, (string DisplayName, string? Email, string? Unit) before, string? unitAfter, HashSet<string> rolesBefore, UserForm form, bool locks, bool unlocks)
    {
        var profile = AuditValues.Changes(
            ("displayName", "Namn", before.DisplayName, user.DisplayName),
            ("email", "E-postadress", before.Email, user.Email),
            ("unit", "Enhet", before.Unit, unitAfter),
            ("password", "Lösenord", null, form.Password is { Length: > 0 } ? "Nytt lösenord satt av administratör" : null));
        if (profile.Count > 0)
        {
            audit.Record(new AuditEntry(AuditCategories.Users, AuditActions.Updated, AuditSubjectTypes.User, user.Id, user.DisplayName) { Changes = profile });
        }

        if (!rolesBefore.SetEquals(form.Roles))
        {
            audit.Record(new AuditEntry(AuditCategories.Users, AuditActions.RolesChanged, AuditSubjectTypes.User, user.Id, user.DisplayName)
            {
                Changes = AuditValues.Changes(
                    ("roles", "Roller", AuditValues.List(rolesBefore), AuditValues.List(form.Roles)),
                    ("added", "Tillagda roller", null, AuditValues.List(form.Roles.Where(r => !rolesBefore.Contains(r)))),
                    ("removed", "Borttagna roller", AuditValues.List(rolesBefore.Where(r => !form.Roles.Contains(r))), null)),
            });
        }

        if (locks || unlocks)
        {
            audit.Record(new AuditEntry(AuditCategories.Users, locks ? AuditActions.Locked : AuditActions.Unlocked, AuditSubjectTypes.User, user.Id, user.DisplayName));
        }
    }

    private async Task<int> CountActiveAdministratorsAsync(DateTimeOffset now) =>
        (await users.GetUsersInRoleAsync(Administrator)).Count(u => !LockState.Of(u.LockoutEnd, now).IsLocked);

    private async Task<IReadOnlyList<RoleChoice>> RoleChoicesAsync(CancellationToken cancellationToken) =>
        [.. (await db.Set<PortalRole>().AsNoTracking().Select(r => new RoleChoice(r.Name ?? "", r.Description)).ToListAsync(cancellationToken))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)];

    private async Task<UserForm> FillAsync(UserForm form, int? keepUnitId, CancellationToken cancellationToken) =>
        Fill(form, await unitDirectory.LoadAsync(cancellationToken), await RoleChoicesAsync(cancellationToken), keepUnitId);

    private static UserForm Fill(UserForm form, UnitDirectory units, IReadOnlyList<RoleChoice> roles, int? keepUnitId)
    {
        form.Units = units.Options(keepUnitId);
        form.AllRoles = roles;
        form.Password = null;
        return form;
    }

    private static void Normalise(UserForm form)
    {
        form.Email = form.Email?.Trim() ?? "";
        form.DisplayName = form.DisplayName?.Trim() ?? "";
        form.Roles = [.. form.Roles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Checks the password rules up front, so that they are shown together with any other errors.</summary>
    private async Task CheckPasswordAsync(PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return;
        }

        foreach (var validator in users.PasswordValidators)
        {
            ModelState.AddIdentityErrors(await validator.ValidateAsync(users, user, password), passwordField: nameof(UserForm.Password));
        }
    }

    private void CheckChoices(UserForm form, UnitDirectory units, IReadOnlyList<RoleChoice> roles, int? currentUnitId)
    {
        if (form.OrganisationUnitId is int unitId && !units.IsActive(unitId) && (unitId != currentUnitId || units.NameOf(unitId) is null))
        {
            ModelState.AddModelError(nameof(form.OrganisationUnitId), "Välj en enhet i listan.");
        }

        if (form.Roles.Any(r => roles.All(choice => choice.Name != r)))
        {
            ModelState.AddModelError(nameof(form.Roles), "Välj bara roller som finns i listan.");
        }
    }
}
