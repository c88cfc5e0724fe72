using System.Security.Claims;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Organisation.Units;

/// <summary>The organisation tree: add, edit, move, retire and reactivate units. Units are never deleted.</summary>
[Admin]
[RequirePermission(OrganisationPermissions.ManageOrganisationName)]
[Route("admin/organisation")]
public sealed class UnitsController(PortalDbContext db, IUnitDirectory units, IEnumerable<IPersonDirectory> people, IStringLocalizer<UnitsController> localizer, ILogger<UnitsController> logger) : Controller
{
    private IPersonDirectory? People => people.FirstOrDefault();

    private const string TreeUrl = "/admin/organisation";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await LoadTreeAsync(cancellationToken));

    [HttpGet("ny")]
    public async Task<IActionResult> Create(int? parent, CancellationToken cancellationToken)
    {
        var tree = await LoadTreeAsync(cancellationToken);
        var model = new UnitFormModel { ParentId = parent is int id && tree.Find(id) is { IsActive: true } ? id : null };
        return View(Prepare(model, tree, unit: null));
    }

    [HttpPost("ny")]
    public async Task<IActionResult> Create(UnitFormModel model, CancellationToken cancellationToken)
    {
        var tree = await LoadTreeAsync(cancellationToken);
        Validate(model, tree, unit: null);
        var managerId = await ManagerIdAsync(model, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(Prepare(model, tree, unit: null));
        }

        var unit = new OrganisationUnit
        {
            Code = model.Code.Trim(),
            Name = model.Name.Trim(),
            Kind = model.Kind!.Value,
            ParentId = model.ParentId,
            ManagerUserId = managerId,
        };
        db.Add(unit);
        if (!await TrySaveAsync(cancellationToken))
        {
            db.Entry(unit).State = EntityState.Detached;
            return View(Prepare(model, tree, unit: null));
        }

        logger.LogInformation("Organisation unit {UnitId} added by user {UserId}", unit.Id, UserId);
        TempData["Message"] = localizer["\"{0}\" är tillagd.", unit.Name].Value;
        return Redirect($"{TreeUrl}#enhet-{unit.Id}");
    }

    [HttpGet("{id:int}/andra")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var tree = await LoadTreeAsync(cancellationToken);
        if (tree.Find(id) is not { } unit)
        {
            return NotFound();
        }

        var manager = unit.ManagerUserId is { } managerUserId && People is { } directory ? await directory.FindByIdAsync(managerUserId, cancellationToken) : null;
        var model = new UnitFormModel { Code = unit.Code, Name = unit.Name, Kind = unit.Kind, ParentId = unit.ParentId, ManagerEmail = manager?.Email };
        return View(Prepare(model, tree, unit));
    }

    [HttpPost("{id:int}/andra")]
    public async Task<IActionResult> Edit(int id, UnitFormModel model, CancellationToken cancellationToken)
    {
        var tree = await LoadTreeAsync(cancellationToken);
        if (tree.Find(id) is not { } unit)
        {
            return NotFound();
        }

        Validate(model, tree, unit);
        var managerId = await ManagerIdAsync(model, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(Prepare(model, tree, unit));
        }

        var moved = unit.ParentId != model.ParentId;
        if (People is not null)
        {
            unit.ManagerUserId = managerId;
        }

        unit.Code = model.Code.Trim();
        unit.Name = model.Name.Trim();
        unit.Kind = model.Kind!.Value;
        unit.ParentId = model.ParentId;
        unit.Parent = model.ParentId is int parentId ? tree.Find(parentId) : null;
        if (!await TrySaveAsync(cancellationToken))
        {
            var fresh = await ReloadTreeAsync(cancellationToken);
            return View(Prepare(model, fresh, fresh.Find(id)));
        }

        logger.LogInformation("Organisation unit {UnitId} changed by user {UserId} (moved: {Moved})", unit.Id, UserId, moved);
        TempData["Message"] = localizer["Ändringarna av \"{0}\" är sparade.", unit.Name].Value;
        return Redirect($"{TreeUrl}#enhet-{unit.Id}");
    }

    [HttpPost("{id:int}/avveckla")]
    public async Task<IActionResult> Retire(int id, CancellationToken cancellationToken)
    {
        var tree = await LoadTreeAsync(cancellationToken);
        if (tree.Find(id) is not { } unit)
        {
            return NotFound();
        }

        if (!unit.IsActive)
        {
            TempData["Message"] = localizer["\"{0}\" är redan avvecklad.", unit.Name].Value;
            return Redirect(EditUrl(unit));
        }

        var activeChildren = tree.ActiveChildrenOf(unit.Id);
        if (activeChildren.Count > 0)
        {
            TempData["Error"] = localizer["\"{0}\" kan inte avvecklas eftersom {1} aktiva enheter ligger under den ({2}). Avveckla eller flytta dem först.", unit.Name, activeChildren.Count, string.Join(", ", activeChildren.Select(c => c.Name))].Value;
            return Redirect(EditUrl(unit));
        }

        unit.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        units.Invalidate();
        logger.LogInformation("Organisation unit {UnitId} retired by user {UserId}", unit.Id, UserId);
        TempData["Message"] = localizer["\"{0}\" är avvecklad. Den ligger kvar i trädet, markerad som avvecklad, och kan återaktiveras.", unit.Name].Value;
        return Redirect($"{TreeUrl}#enhet-{unit.Id}");
    }

    [HttpPost("{id:int}/ateraktivera")]
    public async Task<IActionResult> Reactivate(int id, CancellationToken cancellationToken)
    {
        var tree = await LoadTreeAsync(cancellationToken);
        if (tree.Find(id) is not { } unit)
        {
            return NotFound();
        }

        if (unit.IsActive)
        {
            TempData["Message"] = localizer["\"{0}\" är redan aktiv.", unit.Name].Value;
            return Redirect(EditUrl(unit));
        }

        if (unit.ParentId is int parentId && tree.Find(parentId) is { IsActive: false } parent)
        {
            TempData["Error"] = localizer["\"{0}\" kan inte återaktiveras eftersom den överordnade enheten \"{1}\" är avvecklad. Återaktivera \"{1}\" först, eller flytta enheten.", unit.Name, parent.Name].Value;
            return Redirect(EditUrl(unit));
        }

        unit.IsActive = true;
        await db.SaveChangesAsync(cancellationToken);
        units.Invalidate();
        logger.LogInformation("Organisation unit {UnitId} reactivated by user {UserId}", unit.Id, UserId);
        TempData["Message"] = localizer["\"{0}\" är återaktiverad.", unit.Name].Value;
        return Redirect($"{TreeUrl}#enhet-{unit.Id}");
    }

    private void Validate(UnitFormModel model, OrganisationTree tree, OrganisationUnit? unit)
    {
        var code = model.Code?.Trim() ?? "";
        if (code.Length > 0)
        {
            if (code.Any(char.IsControl))
            {
                ModelState.AddModelError(nameof(model.Code), localizer["Koden innehåller otillåtna tecken."]);
            }

            var other = tree.Flatten().Select(n => n.Unit)
                .FirstOrDefault(u => u.Id != unit?.Id && string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
            if (other is not null)
            {
                var retired = other.IsActive ? "" : localizer[" (avvecklad)"].Value;
                ModelState.AddModelError(nameof(model.Code), localizer["Koden \"{0}\" används redan av \"{1}\"{2}. Välj en annan kod.", code, other.Name, retired]);
            }
        }

        if ((model.Name?.Any(char.IsControl)) == true)
        {
            ModelState.AddModelError(nameof(model.Name), localizer["Namnet innehåller otillåtna tecken."]);
        }

        if (model.Kind is UnitKind kind && !Enum.IsDefined(kind))
        {
            ModelState.AddModelError(nameof(model.Kind), localizer["Välj en typ i listan."]);
        }

        if (model.ParentId is not int parentId)
        {
            return;
        }

        if (tree.Find(parentId) is not { } parent)
        {
            ModelState.AddModelError(nameof(model.ParentId), localizer["Den valda överordnade enheten finns inte. Välj en i listan."]);
        }
        else if (unit is not null && parent.Id == unit.Id)
        {
            ModelState.AddModelError(nameof(model.ParentId), localizer["En enhet kan inte vara överordnad sig själv. Välj en annan överordnad."]);
        }
        else if (unit is not null && tree.IsInBranchOf(parent.Id, unit.Id))
        {
            ModelState.AddModelError(nameof(model.ParentId), localizer["\"{0}\" kan inte flyttas under \"{1}\", eftersom \"{1}\" ligger under \"{0}\". Välj en överordnad utanför enhetens egen gren.", unit.Name, parent.Name]);
        }
        else if (!parent.IsActive && (unit is null || (unit.IsActive && unit.ParentId != parent.Id)))
        {
            ModelState.AddModelError(nameof(model.ParentId), localizer["\"{0}\" är avvecklad. Välj en aktiv överordnad enhet.", parent.Name]);
        }
        else if (tree.LevelOf(parent.Id) + (unit is null ? 1 : tree.HeightOf(unit.Id)) > OrganisationUnit.MaxLevels)
        {
            ModelState.AddModelError(nameof(model.ParentId), localizer["Trädet får ha högst {0} nivåer, och under \"{1}\" skulle det bli fler. Välj en överordnad högre upp.", OrganisationUnit.MaxLevels, parent.Name]);
        }
    }

    /// <summary>The user id of the manager the form names by e-mail; null when none is named (or unknown, with an error).</summary>
    private async Task<string?> ManagerIdAsync(UnitFormModel model, CancellationToken cancellationToken)
    {
        if (People is not { } directory || string.IsNullOrWhiteSpace(model.ManagerEmail))
        {
            return null;
        }

        var person = await directory.FindByEmailAsync(model.ManagerEmail.Trim(), cancellationToken);
        if (person is null)
        {
            ModelState.AddModelError(nameof(model.ManagerEmail), localizer["Det finns ingen användare med e-postadressen \"{0}\". Skriv adressen till någon som har ett konto i portalen.", model.ManagerEmail.Trim()]);
        }

        return person?.Id;
    }

    /// <summary>Fills what the form shows besides the user's input: the unit and the parents to choose from.</summary>
    private UnitFormModel Prepare(UnitFormModel model, OrganisationTree tree, OrganisationUnit? unit)
    {
        model.CanChooseManager = People is not null;
        model.Unit = unit;
        // A unit's own branch is left out: it cannot be moved in under itself.
        model.ParentChoices = [.. tree.Flatten().Where(n =>
            (unit is null || !tree.IsInBranchOf(n.Unit.Id, unit.Id)) && (n.Unit.IsActive || n.Unit.Id == unit?.ParentId || n.Unit.Id == model.ParentId))];
        model.ActiveChildren = unit is null ? [] : tree.ActiveChildrenOf(unit.Id);
        return model;
    }

    private async Task<OrganisationTree> LoadTreeAsync(CancellationToken cancellationToken) =>
        new(await db.Set<OrganisationUnit>().ToListAsync(cancellationToken));

    private async Task<OrganisationTree> ReloadTreeAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await LoadTreeAsync(cancellationToken);
    }

    /// <summary>Saves; a unit added with the same code at the same moment ends as a message, not an error page.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            units.Invalidate();
            return true;
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Saving organisation unit failed for user {UserId}", UserId);
            ModelState.AddModelError(nameof(UnitFormModel.Code), localizer["Enheten kunde inte sparas eftersom någon annan ändrade organisationen samtidigt, troligen med samma kod. Kontrollera koden och försök igen."]);
            return false;
        }
    }

    private static string EditUrl(OrganisationUnit unit) => $"{TreeUrl}/{unit.Id}/andra";

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
