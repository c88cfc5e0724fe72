using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Users.RoleAdmin;

[Admin]
[RequirePermission(UsersPermissions.ManageRolesName)]
[Route("admin/roller")]
public sealed class RolesController(
    RoleManager<PortalRole> roles,
    IPermissionService permissions,
    PortalDbContext db,
    IAuditTrail audit,
    IStringLocalizer<RolesController> localizer,
    ILogger<RolesController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var counts = await db.Set<IdentityUserRole<string>>()
            .GroupBy(ur => ur.RoleId)
            .Select(g => new { RoleId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.RoleId, x => x.Count, cancellationToken);
        var rows = (await db.Set<PortalRole>().AsNoTracking().ToListAsync(cancellationToken))
            .Select(r => new RoleRow(r.Id, r.Name ?? "", r.Description, counts.GetValueOrDefault(r.Id)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
        return View(rows);
    }

    [HttpGet("ny")]
    public IActionResult Create() => View(new RoleCreateForm());

    [HttpPost("ny")]
    public async Task<IActionResult> Create(RoleCreateForm form, CancellationToken cancellationToken)
    {
        form.Name = form.Name?.Trim() ?? "";
        if (ModelState.IsValid)
        {
            var role = new PortalRole(form.Name) { Description = form.Description?.Trim() ?? "" };
            var result = await roles.CreateAsync(role);
            if (result.Succeeded)
            {
                // The role manager has saved the role; the event follows in its own save.
                audit.Record(new AuditEntry(AuditCategories.Permissions, AuditActions.Created, AuditSubjectTypes.Role, role.Name!, role.Name!)
                {
                    Changes = AuditValues.Changes(("description", "Beskrivning", null, role.Description)),
                });
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Role {RoleId} created by {ActorId}", role.Id, ActorId);
                TempData["Message"] = localizer["Rollen {0} är skapad. Välj nu vilka behörigheter den ska ha.", role.Name ?? ""].Value;
                return RedirectToAction(nameof(Edit), new { id = role.Id });
            }

            ModelState.AddIdentityErrors(result, roleNameField: nameof(form.Name));
        }

        return View(form);
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var role = await roles.FindByIdAsync(id);
        if (role is null)
        {
            return NotFound();
        }

        var form = new RoleEditForm
        {
            Description = role.Description,
            Permissions = [.. await permissions.GetGrantsAsync(role.Name!, cancellationToken)],
        };
        return View(await FillAsync(form, role, cancellationToken));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, RoleEditForm form, CancellationToken cancellationToken)
    {
        var role = await roles.FindByIdAsync(id);
        if (role is null)
        {
            return NotFound();
        }

        await FillAsync(form, role, cancellationToken);
        var available = form.Groups.SelectMany(g => g.Permissions).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        form.Permissions = [.. form.Permissions.Where(p => !string.IsNullOrEmpty(p)).Distinct(StringComparer.Ordinal)];
        if (!form.IsAdministrator && form.Permissions.Any(p => !available.Contains(p)))
        {
            ModelState.AddModelError(nameof(form.Permissions), "Välj bara behörigheter som finns i listan.");
        }

        if (ModelState.IsValid)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            role.Description = form.Description?.Trim() ?? "";
            var result = await roles.UpdateAsync(role);
            if (result.Succeeded)
            {
                if (!form.IsAdministrator)
                {
                    // Grants of disabled features are not shown, so they are kept as they are.
                    var hidden = (await permissions.GetGrantsAsync(role.Name!, cancellationToken)).Where(p => !available.Contains(p));
                    await permissions.SetGrantsAsync(role.Name!, hidden.Concat(form.Permissions), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Role {RoleId} changed by {ActorId}", role.Id, ActorId);
                TempData["Message"] = localizer["Rollen {0} är sparad.", role.Name ?? ""].Value;
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddIdentityErrors(result);
        }

        return View(form);
    }

    [HttpPost("{id}/ta-bort")]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken)
    {
        var role = await roles.FindByIdAsync(id);
        if (role is null)
        {
            return NotFound();
        }

        if (role.Name == WellKnownRoles.Administrator)
        {
            TempData["Error"] = localizer["Rollen Administratör kan inte tas bort."].Value;
            return RedirectToAction(nameof(Edit), new { id });
        }

        var userCount = await UserCountAsync(role.Id, cancellationToken);
        if (userCount > 0)
        {
            TempData["Error"] = localizer["Rollen {0} kan inte tas bort eftersom {1} användare har den. Ta först bort rollen från dem.", role.Name ?? "", userCount].Value;
            return RedirectToAction(nameof(Edit), new { id });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        audit.Record(new AuditEntry(AuditCategories.Permissions, AuditActions.Removed, AuditSubjectTypes.Role, role.Name!, role.Name!));
        await permissions.SetGrantsAsync(role.Name!, [], cancellationToken);
        var result = await roles.DeleteAsync(role);
        if (!result.Succeeded)
        {
            TempData["Error"] = string.Join(" ", result.Errors.Select(e => e.Description));
            return RedirectToAction(nameof(Edit), new { id });
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Role {RoleId} deleted by {ActorId}", role.Id, ActorId);
        TempData["Message"] = localizer["Rollen {0} är borttagen.", role.Name ?? ""].Value;
        return RedirectToAction(nameof(Index));
    }

    private string? ActorId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    private Task<int> UserCountAsync(string roleId, CancellationToken cancellationToken) =>
        db.Set<IdentityUserRole<string>>().CountAsync(ur => ur.RoleId == roleId, cancellationToken);

    private async Task<RoleEditForm> FillAsync(RoleEditForm form, PortalRole role, CancellationToken cancellationToken)
    {
        form.Id = role.Id;
        form.Name = role.Name ?? "";
        form.UserCount = await UserCountAsync(role.Id, cancellationToken);
        form.Groups = [.. (await permissions.GetAvailablePermissionsAsync(cancellationToken))
            .Where(g => g.Permissions.Count > 0)
            .Select(g => new PermissionGroup(g.FeatureName, g.Permissions))];
        return form;
    }
}
