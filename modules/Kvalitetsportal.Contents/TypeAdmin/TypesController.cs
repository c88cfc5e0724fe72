using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Contents.TypeAdmin;

/// <summary>Content types: their settings, fields, preview and who may do what with their items.</summary>
[Admin]
[RequirePermission(ContentPermissions.ManageContentTypesName)]
[Route("admin/innehallstyper")]
public sealed class TypesController(
    IContentDefinitionStore store,
    IPermissionService permissions,
    RoleManager<PortalRole> roles,
    PortalDbContext db,
    IUnitDirectory unitDirectory,
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
            ModelState.AddModelError(nameof(form.Name), "Det tekniska namnet måste börja med en stor bokstav och bara innehålla bokstäverna A–Z och siffror (2–64 tecken).");
        }
        else if (form.Name.Length > 0 && await store.GetAsync(form.Name, cancellationToken) is not null)
        {
            ModelState.AddModelError(nameof(form.Name), $"Det finns redan en innehållstyp med det tekniska namnet \"{form.Name}\". Välj ett annat.");
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
        TempData["Message"] = $"Innehållstypen {type.DisplayName} är skapad. Lägg nu till dess fält.";
        return Redirect($"{Base}/{type.Name}");
    }

    [HttpGet("{typeName}")]
    public async Task<IActionResult> Details(string typeName, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        var rows = new List<RoleGrants>();
        foreach (var role in await RoleNamesAsync(cancellationToken))
        {
            var grants = await permissions.GetGrantsAsync(role, cancellationToken);
            var actions = Enum.GetValues<ContentAction>().Where(a => grants.Contains(ContentPermissions.Name(type.Name, a))).ToHashSet();
            rows.Add(new RoleGrants(role, role == WellKnownRoles.Administrator, actions));
        }

        return View("Details", new TypeDetailsModel { Type = type, Roles = rows });
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

        var type = FieldKinds.Clone(stored);
        type.DisplayName = form.DisplayName;
        Apply(form, type);
        if (!await SaveAsync(type, cancellationToken))
        {
            return View("Settings", form);
        }

        TempData["Message"] = $"Inställningarna för {type.DisplayName} är sparade.";
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
            ModelState.AddModelError(nameof(form.Kind), "Välj vilken typ av fält det är.");
        }

        if (form.Name.Length > 0 && !ContentTypeDefinition.IsValidFieldName(form.Name))
        {
            ModelState.AddModelError(nameof(form.Name), "Det tekniska namnet måste börja med en liten bokstav och bara innehålla bokstäverna A–Z och siffror (högst 64 tecken).");
        }
        else if (form.Name.Length > 0 && stored.Fields.Any(f => string.Equals(f.Name, form.Name, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError(nameof(form.Name), $"Det finns redan ett fält med det tekniska namnet \"{form.Name}\". Välj ett annat.");
        }
        else if (form.Name.Length == 0 && form.Label.Length > 0)
        {
            ModelState.AddModelError(nameof(form.Name), "Skriv ett tekniskt namn med bokstäverna A–Z.");
        }

        var field = new ContentFieldDefinition { Name = form.Name, Label = form.Label, Kind = form.Kind ?? FieldKind.ShortText };
        CheckAndApply(form, field, stored);
        if (!ModelState.IsValid)
        {
            return View("Field", form);
        }

        var type = FieldKinds.Clone(stored);
        field.Order = type.Fields.Count == 0 ? 1 : type.Fields.Max(f => f.Order) + 1;
        type.Fields.Add(field);
        if (!await SaveAsync(type, cancellationToken))
        {
            return View("Field", form);
        }

        TempData["Message"] = $"Fältet {field.Label} är tillagt.";
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

        var type = FieldKinds.Clone(stored);
        var edited = type.Field(fieldName)!;
        if (form.ModuleField)
        {
            CheckLabelAndHint(form);
            edited.Label = form.Label;
            edited.Hint = form.Hint?.Trim() ?? "";
            edited.Required = form.Required;
        }
        else
        {
            CheckAndApply(form, edited, stored);
        }

        if (!ModelState.IsValid || !await SaveAsync(type, cancellationToken))
        {
            return View("Field", form);
        }

        TempData["Message"] = $"Fältet {edited.Label} är sparat.";
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
            TempData["Error"] = $"Fältet {existing.Label} hör till modulen {type.DefinedBy} och kan inte tas bort.";
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
            TempData["Error"] = $"Fältet {existing.Label} hör till modulen {stored.DefinedBy} och kan inte tas bort.";
            return Redirect($"{Base}/{stored.Name}");
        }

        var type = FieldKinds.Clone(stored);
        type.Fields.RemoveAll(f => f.Name == fieldName);
        if (!await SaveAsync(type, cancellationToken))
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect($"{Base}/{stored.Name}");
        }

        logger.LogInformation("Field {Field} removed from content type {ContentType} by {ActorId}", fieldName, type.Name, ActorId);
        TempData["Message"] = $"Fältet {existing.Label} är borttaget från formuläret. Det som redan sparats i fältet finns kvar i ärendena.";
        return Redirect($"{Base}/{type.Name}#falt");
    }

    [HttpPost("{typeName}/falt/{fieldName}/flytta-upp")]
    public Task<IActionResult> MoveUp(string typeName, string fieldName, CancellationToken cancellationToken) => MoveAsync(typeName, fieldName, -1, cancellationToken);

    [HttpPost("{typeName}/falt/{fieldName}/flytta-ned")]
    public Task<IActionResult> MoveDown(string typeName, string fieldName, CancellationToken cancellationToken) => MoveAsync(typeName, fieldName, +1, cancellationToken);

    [HttpGet("{typeName}/forhandsgranska")]
    public async Task<IActionResult> Preview(string typeName, CancellationToken cancellationToken)
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
    public async Task<IActionResult> Grants(string typeName, [FromForm(Name = "Grants")] List<string>? grants, CancellationToken cancellationToken)
    {
        var type = await store.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        var roleNames = await RoleNamesAsync(cancellationToken);
        var typePermissions = Enum.GetValues<ContentAction>().Select(a => ContentPermissions.Name(type.Name, a)).ToHashSet(StringComparer.Ordinal);
        var wanted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var value in grants ?? [])
        {
            var separator = value.LastIndexOf(':');
            var role = separator > 0 ? value[..separator] : "";
            var action = separator > 0 ? value[(separator + 1)..] : "";
            if (!roleNames.Contains(role) || !Enum.TryParse<ContentAction>(action, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(action, out _))
            {
                TempData["Error"] = "Välj bara roller och behörigheter som finns i tabellen.";
                return Redirect($"{Base}/{type.Name}#behorigheter");
            }

            if (!wanted.TryGetValue(role, out var set))
            {
                wanted[role] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(ContentPermissions.Name(type.Name, parsed));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var role in roleNames.Where(r => r != WellKnownRoles.Administrator))
            {
                var current = await permissions.GetGrantsAsync(role, cancellationToken);
                var next = current.Where(p => !typePermissions.Contains(p)).Concat(wanted.GetValueOrDefault(role) ?? []).ToHashSet(StringComparer.Ordinal);
                if (!next.SetEquals(current))
                {
                    await permissions.SetGrantsAsync(role, next, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        });

        logger.LogInformation("Permissions for content type {ContentType} changed by {ActorId}", type.Name, ActorId);
        TempData["Message"] = $"Behörigheterna för {type.DisplayName} är sparade.";
        return Redirect($"{Base}/{type.Name}#behorigheter");
    }

    private async Task<IActionResult> MoveAsync(string typeName, string fieldName, int direction, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(typeName, cancellationToken);
        if (stored?.Field(fieldName) is null)
        {
            return NotFound();
        }

        var type = FieldKinds.Clone(stored);
        var ordered = type.OrderedFields.ToList();
        var index = ordered.FindIndex(f => f.Name == fieldName);
        var target = index + direction;
        if (target >= 0 && target < ordered.Count)
        {
            (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Order = i + 1;
            }

            if (!await SaveAsync(type, cancellationToken))
            {
                TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
                return Redirect($"{Base}/{type.Name}#falt");
            }

            TempData["Message"] = $"Fältet {ordered[target].Label} är flyttat {(direction < 0 ? "upp" : "ned")}.";
        }

        return Redirect($"{Base}/{type.Name}#falt");
    }

    private static void Apply(TypeSettingsForm form, ContentTypeDefinition type)
    {
        type.Description = form.Description?.Trim() ?? "";
        type.TitleLabel = string.IsNullOrWhiteSpace(form.TitleLabel) ? "Titel" : form.TitleLabel.Trim();
        type.Drafts = form.Drafts;
        type.Versioned = form.Versioned;
        type.UnitFromSubmitter = form.UnitFromSubmitter;
    }

    private void CheckLabelAndHint(FieldForm form)
    {
        if (string.IsNullOrWhiteSpace(form.Label))
        {
            ModelState.AddModelError(nameof(form.Label), "Skriv fältets etikett.");
        }
        else if (form.Label.Length > 200)
        {
            ModelState.AddModelError(nameof(form.Label), "Etiketten får vara högst 200 tecken.");
        }

        if (form.Hint is { Length: > 500 })
        {
            ModelState.AddModelError(nameof(form.Hint), "Hjälptexten får vara högst 500 tecken.");
        }
    }

    /// <summary>Checks the posted settings field by field (errors under each input) and copies them to the field.</summary>
    private void CheckAndApply(FieldForm form, ContentFieldDefinition field, ContentTypeDefinition type)
    {
        CheckLabelAndHint(form);
        field.Label = form.Label?.Trim() ?? "";
        field.Hint = form.Hint?.Trim() ?? "";
        field.Required = form.Required;
        field.ShowInList = form.ShowInList;
        field.Searchable = form.Searchable;
        field.MaxLength = null;
        field.Min = field.Max = null;
        field.Choices = [];
        field.Multiple = false;
        field.ReferencedType = null;
        field.AllowedExtensions = [];
        field.MaxFileSizeKb = field.MaxFiles = null;

        switch (field.Kind)
        {
            case FieldKind.ShortText or FieldKind.LongText or FieldKind.RichText:
                if (form.MaxLength is <= 0 or > 100_000)
                {
                    ModelState.AddModelError(nameof(form.MaxLength), "Största antal tecken måste vara mellan 1 och 100 000, eller tomt.");
                }

                field.MaxLength = form.MaxLength;
                break;
            case FieldKind.Number:
                if (form.Min is decimal min && form.Max is decimal max && min > max)
                {
                    ModelState.AddModelError(nameof(form.Max), "Största värdet får inte vara mindre än minsta värdet.");
                }

                field.Min = form.Min;
                field.Max = form.Max;
                break;
            case FieldKind.Choice:
                var choices = form.Choices();
                if (choices.Count == 0)
                {
                    ModelState.AddModelError(nameof(form.ChoicesText), "Skriv minst ett alternativ, ett per rad.");
                }
                else if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
                {
                    ModelState.AddModelError(nameof(form.ChoicesText), "Samma alternativ står två gånger.");
                }
                else if (choices.Any(c => c.Length > 200))
                {
                    ModelState.AddModelError(nameof(form.ChoicesText), "Ett alternativ får vara högst 200 tecken.");
                }

                field.Choices = choices;
                field.Multiple = form.Multiple;
                break;
            case FieldKind.ContentReference:
                if (string.IsNullOrEmpty(form.ReferencedType) || (form.ReferencedType != type.Name && form.OtherTypes.All(t => t.Name != form.ReferencedType)))
                {
                    ModelState.AddModelError(nameof(form.ReferencedType), "Välj vilken innehållstyp fältet hänvisar till.");
                }

                field.ReferencedType = form.ReferencedType;
                break;
            case FieldKind.Files:
                var extensions = form.AllowedExtensions.Where(e => !string.IsNullOrEmpty(e)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (extensions.Count == 0)
                {
                    ModelState.AddModelError(nameof(form.AllowedExtensions), "Välj minst en tillåten filtyp.");
                }
                else if (extensions.Any(e => !UploadCheck.KnownExtensions.Contains(e, StringComparer.OrdinalIgnoreCase)))
                {
                    ModelState.AddModelError(nameof(form.AllowedExtensions), "Välj bara filtyper i listan.");
                }

                if (form.MaxFileSizeMb is <= 0 or > 100)
                {
                    ModelState.AddModelError(nameof(form.MaxFileSizeMb), "Största filstorlek måste vara mellan 1 och 100 MB, eller tomt.");
                }

                if (form.MaxFiles is <= 0 or > 50)
                {
                    ModelState.AddModelError(nameof(form.MaxFiles), "Högst antal filer måste vara mellan 1 och 50, eller tomt.");
                }

                field.AllowedExtensions = [.. extensions.Select(e => e.ToLowerInvariant())];
                field.MaxFileSizeKb = form.MaxFileSizeMb * 1024;
                field.MaxFiles = form.MaxFiles;
                break;
        }
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
        IReadOnlyList<string> problems;
        try
        {
            problems = await store.SaveAsync(type, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Saving content type {ContentType} failed", type.Name);
            problems = ["Innehållstypen kunde inte sparas eftersom någon annan ändrade den samtidigt. Ladda om sidan och försök igen."];
        }

        foreach (var problem in problems)
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        return problems.Count == 0;
    }

    private async Task<List<string>> RoleNamesAsync(CancellationToken cancellationToken) =>
        [.. (await roles.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(cancellationToken)).OrderBy(r => r == WellKnownRoles.Administrator ? 0 : 1).ThenBy(r => r, StringComparer.CurrentCulture)];

    private string? ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
