using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Users.UserAccounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Users.UserAdmin;

/// <summary>
/// The administrator's account pages. The searching is <see cref="UserSearch"/>'s and the saving
/// (transactions, roles, lock, audit) <see cref="UserAccountChanges"/>'s; this class checks the
/// form and answers.
/// </summary>
[Admin]
[RequirePermission(UsersPermissions.ManageUsersName)]
[Route("admin/anvandare")]
public sealed class UsersController(
    UserManager<PortalUser> users,
    UserSearch search,
    UserAccountChanges accounts,
    IUnitDirectory unitDirectory,
    IStringLocalizer<UsersController> localizer,
    ILogger<UsersController> logger) : Controller
{
    private const string Administrator = WellKnownRoles.Administrator;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? roll, int? enhet, int sida = 1, CancellationToken cancellationToken = default)
    {
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var text = q?.Trim() ?? "";
        var unitIds = enhet is int unitId ? units.SelfAndDescendants(unitId).ToList() : null;
        var found = await search.PageAsync(text, roll, unitIds, sida, UserListPage.PageSize, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return View(new UserListPage
        {
            Query = new UserListQuery(text, roll, enhet, found.Page),
            TotalCount = found.TotalCount,
            Users = [.. found.Users.Select(hit => new UserRow(
                hit.User.Id,
                hit.User.DisplayName,
                hit.User.Email ?? "",
                units.NameOf(hit.User.OrganisationUnitId),
                hit.Roles,
                LockState.Of(hit.User.LockoutEnd, now)))],
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
            ModelState.AddModelError(nameof(form.Password), localizer["Skriv ett startlösenord."]);
        }

        await CheckPasswordAsync(new PortalUser { UserName = form.Email, Email = form.Email }, form.Password);
        CheckChoices(form, units, roles, currentUnitId: null);
        if (form.Roles.Contains(Administrator) && !User.IsInRole(Administrator))
        {
            ModelState.AddModelError(nameof(form.Roles), localizer["Bara en administratör kan ge rollen Administratör."]);
        }

        if (ModelState.IsValid)
        {
            var (result, user) = await accounts.CreateAsync(
                new NewAccount(form.Email, form.DisplayName, form.OrganisationUnitId, units.NameOf(form.OrganisationUnitId), form.Roles, form.Password!),
                cancellationToken);
            if (result.Succeeded)
            {
                logger.LogInformation("User {UserId} created by {ActorId}", user.Id, users.GetUserId(User));
                TempData["Message"] = localizer["Kontot för {0} är skapat.", user.DisplayName].Value;
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
            ModelState.AddModelError(string.Empty, localizer["Det här är en administratörs konto. Bara en administratör kan ändra det."]);
        }

        return View("Form", Fill(form, await unitDirectory.LoadAsync(cancellationToken), await RoleChoicesAsync(cancellationToken), user.OrganisationUnitId));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, UserForm form, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var lockState = LockState.Of(user.LockoutEnd, DateTimeOffset.UtcNow);
        form.UserId = user.Id;
        form.Lock = lockState;
        Normalise(form);
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var roles = await RoleChoicesAsync(cancellationToken);
        await CheckPasswordAsync(user, form.Password);
        CheckChoices(form, units, roles, user.OrganisationUnitId);

        var wasAdministrator = (await users.GetRolesAsync(user)).Contains(Administrator);
        var staysAdministrator = form.Roles.Contains(Administrator);
        var locks = form.Locked && !lockState.IsLocked;
        if (!User.IsInRole(Administrator) && wasAdministrator)
        {
            ModelState.AddModelError(string.Empty, localizer["Det här är en administratörs konto. Bara en administratör kan ändra det."]);
        }
        else if (!User.IsInRole(Administrator) && staysAdministrator)
        {
            ModelState.AddModelError(nameof(form.Roles), localizer["Bara en administratör kan ge rollen Administratör."]);
        }

        if (locks && user.Id == users.GetUserId(User))
        {
            ModelState.AddModelError(nameof(form.Locked), localizer["Du kan inte spärra ditt eget konto."]);
        }
        else if (wasAdministrator && !lockState.IsLocked && (locks || !staysAdministrator) && await accounts.CountActiveAdministratorsAsync() <= 1)
        {
            ModelState.AddModelError(
                locks ? nameof(form.Locked) : nameof(form.Roles),
                locks
                    ? localizer["Kontot tillhör den enda aktiva administratören och kan inte spärras. Ge först någon annan rollen Administratör."]
                    : localizer["Det här är den enda aktiva administratören. Ge först någon annan rollen Administratör, annars kan ingen längre administrera portalen."]);
        }

        if (ModelState.IsValid)
        {
            var change = new AccountChange(form.Email, form.DisplayName, form.OrganisationUnitId, form.Roles, form.Password, Lock: locks, Unlock: !form.Locked && lockState.IsLocked);
            var result = await accounts.ChangeAsync(user, change, units.NameOf, cancellationToken);
            if (result.Succeeded)
            {
                logger.LogInformation("User {UserId} changed by {ActorId} (locked: {Locked})", user.Id, users.GetUserId(User), form.Locked);
                TempData["Message"] = localizer["Ändringarna för {0} är sparade.", user.DisplayName].Value;
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddIdentityErrors(result, passwordField: nameof(form.Password), emailField: nameof(form.Email));
        }

        return View("Form", Fill(form, units, roles, user.OrganisationUnitId));
    }

    private async Task<IReadOnlyList<RoleChoice>> RoleChoicesAsync(CancellationToken cancellationToken) =>
        [.. (await search.RolesAsync(cancellationToken)).Select(r => new RoleChoice(r.Name, r.Description))];

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
            ModelState.AddModelError(nameof(form.OrganisationUnitId), localizer["Välj en enhet i listan."]);
        }

        if (form.Roles.Any(r => roles.All(choice => choice.Name != r)))
        {
            ModelState.AddModelError(nameof(form.Roles), localizer["Välj bara roller som finns i listan."]);
        }
    }
}
