using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Contents.TypeAdmin;

/// <summary>
/// Content types: their settings, fields, preview and who may do what with their items. Saving is
/// <see cref="ContentTypeChanges"/>'s, a field's rules <see cref="FieldRules"/>' and the grants
/// <see cref="ContentTypeGrants"/>'; this class reads the forms and answers.
/// </summary>
[Admin]
[RequirePermission(ContentPermissions.ManageContentTypesName)]
[Route("admin/innehallstyper")]
public sealed class TypesController(
    IContentDefinitionStore store,
    ContentTypeChanges changes,
    FieldRules rules,
    IUnitDirectory unitDirectory,
    IStringLocalizer<TypesController> localizer,
    ILogger<TypesController> logger) : Controller
{
    private const string Base = "/admin/innehallstyper";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var types = (await store.GetAllAsync(cancellationToken)).Values
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .Select(t => new TypeRow(t.Name, t.DisplayName, t.Fields.Count, t.DefinedBy))
            .ToList();
        return View("Index", new TypeListModel { Types = types });
    }

    [HttpGet("ny")]
    public IActionResult Create() => View("Settings", new TypeSettingsForm { IsNew = true, Drafts = true, Versioned = true, TitleLabel = "Titel" });

    [HttpPost("ny")]
    public async Task<IActionResult> Create(TypeSettingsForm form, CancellationToken cancellationToken)
    {
        form.IsNew = true;
        form.DisplayName = form.DisplayName?.Trim() ?? "";
        form.Name = string.IsNullOrWhiteSpace(form.Name) ? TechnicalNames.ForType(form.DisplayName) : form.Name.Trim();
        if (form.Name.Length > 0 && !ContentTypeDefinition.IsValidTypeName(form.Name))
        {
            ModelState.AddModelError(nameof(form.Name), localizer["Det tekniska namnet måste börja med en stor bokstav och bara innehålla bokstäverna A–Z och siffror (2–64 tecken)."]);
        }
        else if (form.Name.Length > 0 && await store.GetAsync(form.Name, cancellationToken) is not null)
        {
            ModelState.AddModelError(nameof(form.Name), localizer["Det finns redan en innehållstyp med det tekniska namnet \"{0}\". Välj ett annat.", form.Name]);
        }

        if (!ModelState.IsValid)
        {
            return View("Settings", form);
        }

        var type = new ContentTypeDefinition { Name = form.Name, DisplayName = form.DisplayName };
        Apply(form, type);
        if (!await SaveAsync(type, cancellationToken))
        {
            return View("Settings", form);
        }

        logger.LogInformation("Content type {ContentType} created by {ActorId}", type.Name, ActorId);
        TempData["Message"] = localizer["Innehållstypen {0} är skapad. Lägg nu till dess fält.", type.DisplayName].Value;
        return Redirect($"{Base}/{type.Name}");
    }

    [HttpGet("{typeName}")]
    public async Task<IActionResult> Details(string typeName, [FromServices] ContentTypeGrants grants, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        return View("Details", new TypeDetailsModel { Type = type, Roles = await grants.RowsAsync(type, cancellationToken) });
    }

    [HttpGet("{typeName}/installningar")]
    public async Task<IActionResult> Settings(string typeName, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        return View("Settings", new TypeSettingsForm
        {
            Name = type.Name,
            DisplayName = type.DisplayName,
            Description = type.Description,
            TitleLabel = type.TitleLabel,
            Drafts = type.Drafts,
            Versioned = type.Versioned,
            UnitFromSubmitter = type.UnitFromSubmitter,
        });
    }

    [HttpPost("{typeName}/installningar")]
    public async Task<IActionResult> Settings(string typeName, TypeSettingsForm form, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(typeName, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        form.Name = stored.Name;
        form.DisplayName = form.DisplayName?.Trim() ?? "";
        if (!ModelState.IsValid)
        {
            return View("Settings", form);
        }

        var type = stored.Copy();
        type.DisplayName = form.DisplayName;
        Apply(form, type);
        if (!await SaveAsync(type, cancellationToken))
        {
            return View("Settings", form);
        }

        TempData["Message"] = localizer["Inställningarna för {0} är sparade.", type.DisplayName].Value;
        return Redirect($"{Base}/{type.Name}");
    }

    [HttpGet("{typeName}/falt/nytt")]
    public async Task<IActionResult> AddField(string typeName, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        return View("Field", await FillAsync(new FieldForm { IsNew = true, Kind = FieldKind.ShortText }, type, cancellationToken));
    }

    [HttpPost("{typeName}/falt/nytt")]
    public async Task<IActionResult> AddField(string typeName, FieldForm form, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(typeName, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        form.IsNew = true;
        await FillAsync(form, stored, cancellationToken);
        form.Label = form.Label?.Trim() ?? "";
        form.Name = string.IsNullOrWhiteSpace(form.Name) ? TechnicalNames.ForField(form.Label) : form.Name.Trim();
        if (form.Kind is null || !Enum.IsDefined(form.Kind.Value))
        {
            ModelState.Remove(nameof(form.Kind));
            ModelState.AddModelError(nameof(form.Kind), localizer["Välj vilken typ av fält det är."]);
        }

        if (form.Name.Length > 0 && !ContentTypeDefinition.IsValidFieldName(form.Name))
        {
            ModelState.AddModelError(nameof(form.Name), localizer["Det tekniska namnet måste börja med en liten bokstav och bara innehålla bokstäverna A–Z och siffror (högst 64 tecken)."]);
        }
        else if (form.Name.Length > 0 && stored.Fields.Any(f => string.Equals(f.Name, form.Name, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError(nameof(form.Name), localizer["Det finns redan ett fält med det tekniska namnet \"{0}\". Välj ett annat.", form.Name]);
        }
        else if (form.Name.Length == 0 && form.Label.Length > 0)
        {
            ModelState.AddModelError(nameof(form.Name), localizer["Skriv ett tekniskt namn med bokstäverna A–Z."]);
        }

        var field = new ContentFieldDefinition { Name = form.Name, Label = form.Label, Kind = form.Kind ?? FieldKind.ShortText };
        rules.CheckAndApply(form, field, stored, ModelState);
        if (!ModelState.IsValid)
        {
            return View("Field", form);
        }

        var type = stored.Copy();
        field.Order = type.Fields.Count == 0 ? 1 : type.Fields.Max(f => f.Order) + 1;
        type.Fields.Add(field);
        if (!await SaveAsync(type, cancellationToken))
        {
            return View("Field", form);
        }

        TempData["Message"] = localizer["Fältet {0} är tillagt.", field.Label].Value;
        return Redirect($"{Base}/{type.Name}#falt");
    }

    [HttpGet("{typeName}/falt/{fieldName}")]
    public async Task<IActionResult> EditField(string typeName, string fieldName, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        var existing = type?.Field(fieldName);
        if (type is null || existing is null)
        {
            return NotFound();
        }

        return View("Field", await FillAsync(FieldForm.From(existing), type, cancellationToken));
    }

    [HttpPost("{typeName}/falt/{fieldName}")]
    public async Task<IActionResult> EditField(string typeName, string fieldName, FieldForm form, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(typeName, cancellationToken);
        if (stored?.Field(fieldName) is not { } original)
        {
            return NotFound();
        }

        await FillAsync(form, stored, cancellationToken);

        // The technical name and the kind never change: the items' data is stored under them.
        form.Name = original.Name;
        form.Kind = original.Kind;
        ModelState.Remove(nameof(form.Kind));
        form.Label = form.Label?.Trim() ?? "";

        var type = stored.Copy();
        var edited = type.Field(fieldName)!;
        if (form.ModuleField)
        {
            rules.CheckLabelAndHint(form, ModelState);
            edited.Label = form.Label;
            edited.Hint = form.Hint?.Trim() ?? "";
            edited.Required = form.Required;
        }
        else
        {
            rules.CheckAndApply(form, edited, stored, ModelState);
        }

        if (!ModelState.IsValid || !await SaveAsync(type, cancellationToken))
        {
            return View("Field", form);
        }

        TempData["Message"] = localizer["Fältet {0} är sparat.", edited.Label].Value;
        return Redirect($"{Base}/{type.Name}#falt");
    }

    [HttpGet("{typeName}/falt/{fieldName}/ta-bort")]
    public async Task<IActionResult> RemoveField(string typeName, string fieldName, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        var existing = type?.Field(fieldName);
        if (type is null || existing is null)
        {
            return NotFound();
        }

        if (type.DefinedBy is not null)
        {
            TempData["Error"] = localizer["Fältet {0} hör till modulen {1} och kan inte tas bort.", existing.Label, type.DefinedBy].Value;
            return Redirect($"{Base}/{type.Name}");
        }

        var form = FieldForm.From(existing);
        form.Type = type;
        return View("RemoveField", form);
    }

    [HttpPost("{typeName}/falt/{fieldName}/ta-bort")]
    public async Task<IActionResult> RemoveFieldConfirmed(string typeName, string fieldName, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(typeName, cancellationToken);
        if (stored?.Field(fieldName) is not { } existing)
        {
            return NotFound();
        }

        if (stored.DefinedBy is not null)
        {
            TempData["Error"] = localizer["Fältet {0} hör till modulen {1} och kan inte tas bort.", existing.Label, stored.DefinedBy].Value;
            return Redirect($"{Base}/{stored.Name}");
        }

        var type = stored.Copy();
        type.Fields.RemoveAll(f => f.Name == fieldName);
        if (!await SaveAsync(type, cancellationToken))
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect($"{Base}/{stored.Name}");
        }

        logger.LogInformation("Field {Field} removed from content type {ContentType} by {ActorId}", fieldName, type.Name, ActorId);
        TempData["Message"] = localizer["Fältet {0} är borttaget från formuläret. Det som redan sparats i fältet finns kvar i ärendena.", existing.Label].Value;
        return Redirect($"{Base}/{type.Name}#falt");
    }

    [HttpPost("{typeName}/falt/{fieldName}/flytta-upp")]
    public Task<IActionResult> MoveUp(string typeName, string fieldName, CancellationToken cancellationToken) => MoveAsync(typeName, fieldName, -1, cancellationToken);

    [HttpPost("{typeName}/falt/{fieldName}/flytta-ned")]
    public Task<IActionResult> MoveDown(string typeName, string fieldName, CancellationToken cancellationToken) => MoveAsync(typeName, fieldName, +1, cancellationToken);

    [HttpGet("{typeName}/forhandsgranska")]
    public async Task<IActionResult> Preview(string typeName, [FromServices] PortalDbContext db, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        var units = (await unitDirectory.LoadAsync(cancellationToken)).Options();
        return View("Preview", new PreviewModel { Type = type, Units = units });
    }

    [HttpPost("{typeName}/behorigheter")]
    public async Task<IActionResult> Grants(string typeName, [FromForm(Name = "Grants")] List<string>? grants, [FromServices] ContentTypeGrants typeGrants, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        if (!await typeGrants.SaveAsync(type, grants ?? [], cancellationToken))
        {
            TempData["Error"] = localizer["Välj bara roller och behörigheter som finns i tabellen."].Value;
            return Redirect($"{Base}/{type.Name}#behorigheter");
        }

        logger.LogInformation("Permissions for content type {ContentType} changed by {ActorId}", type.Name, ActorId);
        TempData["Message"] = localizer["Behörigheterna för {0} är sparade.", type.DisplayName].Value;
        return Redirect($"{Base}/{type.Name}#behorigheter");
    }

    private async Task<IActionResult> MoveAsync(string typeName, string fieldName, int direction, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(typeName, cancellationToken);
        if (stored?.Field(fieldName) is null)
        {
            return NotFound();
        }

        if (ContentTypeChanges.Move(stored, fieldName, direction) is var (type, moved))
        {
            if (!await SaveAsync(type, cancellationToken))
            {
                TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
                return Redirect($"{Base}/{type.Name}#falt");
            }

            TempData["Message"] = direction < 0
                ? localizer["Fältet {0} är flyttat upp.", moved.Label].Value
                : localizer["Fältet {0} är flyttat ned.", moved.Label].Value;
        }

        return Redirect($"{Base}/{stored.Name}#falt");
    }

    private static void Apply(TypeSettingsForm form, ContentTypeDefinition type)
    {
        type.Description = form.Description?.Trim() ?? "";
        type.TitleLabel = string.IsNullOrWhiteSpace(form.TitleLabel) ? "Titel" : form.TitleLabel.Trim();
        type.Drafts = form.Drafts;
        type.Versioned = form.Versioned;
        type.UnitFromSubmitter = form.UnitFromSubmitter;
    }

    private async Task<FieldForm> FillAsync(FieldForm form, ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        form.Type = type;
        form.ModuleField = type.DefinedBy is not null && !form.IsNew;
        form.OtherTypes = [.. (await store.GetAllAsync(cancellationToken)).Values
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .Select(t => (t.Name, t.DisplayName))];
        return form;
    }

    /// <summary>Saves through the store; the validator's problems go to the error summary.</summary>
    private async Task<bool> SaveAsync(ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        var problems = await changes.SaveAsync(type, cancellationToken);
        foreach (var problem in problems)
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        return problems.Count == 0;
    }

    private string? ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
