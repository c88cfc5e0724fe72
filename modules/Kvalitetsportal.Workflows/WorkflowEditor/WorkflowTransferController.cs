using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>A workflow out and in as JSON, and running items moved from older versions to the current one.</summary>
[Admin]
[RequirePermission(WorkflowPermissions.ManageWorkflowsName)]
[Route("admin/arbetsfloden")]
public sealed class WorkflowTransferController(
    IWorkflowDefinitionStore store,
    IContentDefinitionStore contentTypes,
    WorkflowEditorQueries queries,
    WorkflowMigrator migrator,
    IStringLocalizer<WorkflowTransferController> localizer,
    ILogger<WorkflowTransferController> logger) : Controller
{
    private const string Base = WorkflowsAdminController.Base;

    /// <summary>The store's JSON, but with å, ä and ö written as letters: the file is for people to read too.</summary>
    private static readonly JsonSerializerOptions ExportJson = new(WorkflowDefinitionStore.Json) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>A post (a button), like the content types' export: the download carries the antiforgery token.</summary>
    [HttpPost("{typeName}/exportera")]
    public async Task<IActionResult> Export(string typeName, int? version, CancellationToken cancellationToken)
    {
        var history = await store.GetHistoryAsync(typeName, cancellationToken);
        var chosen = version ?? (history.Count > 0 ? history[0].Version : 0);
        var definition = history.Any(h => h.Version == chosen) ? await store.GetVersionAsync(typeName, chosen, cancellationToken) : null;
        if (definition is null)
        {
            return NotFound();
        }

        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(definition, ExportJson));
        return File(bytes, "application/json", $"arbetsflode-{typeName}-v{chosen.ToString(CultureInfo.InvariantCulture)}.json");
    }

    [HttpGet("{typeName}/importera")]
    public async Task<IActionResult> Import(string typeName, CancellationToken cancellationToken)
    {
        var type = await contentTypes.GetAsync(typeName, cancellationToken);
        return type is null ? NotFound() : View("Import", new ImportModel { Type = type });
    }

    /// <summary>Checks the JSON exactly as a save from the editor would; nothing is stored unless all of it is right.</summary>
    [HttpPost("{typeName}/importera")]
    [RequestSizeLimit(ImportModel.MaxBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportModel.MaxBytes + 64 * 1024)]
    public async Task<IActionResult> Import(string typeName, ImportModel form, CancellationToken cancellationToken)
    {
        var type = await contentTypes.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        form.Type = type;
        var json = form.Json;
        if (form.File is { Length: > 0 } file)
        {
            if (file.Length > ImportModel.MaxBytes)
            {
                ModelState.AddModelError(nameof(form.File), localizer["Filen är större än 512 kB. En definition är sällan större än några kB: är det rätt fil?"]);
                return View("Import", form);
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            json = await reader.ReadToEndAsync(cancellationToken);

            // Shown in the text box if it is refused, so the administrator can correct it there.
            form.Json = json;
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            ModelState.AddModelError(nameof(form.Json), localizer["Klistra in en definition eller välj en fil."]);
            return View("Import", form);
        }

        WorkflowDefinition definition;
        try
        {
            definition = WorkflowDefinitionStore.Parse(json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? localizer[" (rad {0}, tecken {1})", line + 1, (ex.BytePositionInLine ?? 0) + 1].Value : "";
            ModelState.AddModelError(nameof(form.Json), localizer["Texten är ingen arbetsflödesdefinition i JSON{0}. Inget har sparats.", where]);
            return View("Import", form);
        }

        // A definition exported from another type may be used for this one: the type is this page's.
        definition.ContentType = type.Name;
        var result = await store.SaveAsync(definition, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (!result.Saved)
        {
            form.Problems = [.. result.Problems.Select(p => p.Message)];
            ModelState.AddModelError(nameof(form.Json), localizer["Definitionen har {0} fel och har inte sparats. Rätta felen nedan och importera igen.", result.Problems.Count]);
            return View("Import", form);
        }

        logger.LogInformation("Workflow of {ContentType} imported as version {Version}", type.Name, result.Version);
        TempData["Message"] = localizer["Definitionen är importerad och sparad som version {0}.", result.Version!].Value;
        return Redirect($"{Base}/{type.Name}");
    }

    [HttpGet("{typeName}/flytta")]
    public async Task<IActionResult> Migrate(string typeName, int? version, CancellationToken cancellationToken)
    {
        var model = await MigrationModelAsync(typeName, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        var selected = model.Groups.FirstOrDefault(g => g.Version == version) ?? (model.Groups.Count > 0 ? model.Groups[0] : null);
        return View("Migrate", new MigrationModel { Type = model.Type, CurrentVersion = model.CurrentVersion, CurrentStates = model.CurrentStates, Groups = model.Groups, Selected = selected });
    }

    [HttpPost("{typeName}/flytta")]
    public async Task<IActionResult> Migrate(string typeName, MigrationForm form, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var model = await MigrationModelAsync(typeName, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        var group = model.Groups.FirstOrDefault(g => g.Version == form.FromVersion);
        if (group is null)
        {
            TempData["Error"] = localizer["Inga pågående ärenden går på version {0}.", form.FromVersion].Value;
            return Redirect($"{Base}/{typeName}/flytta");
        }

        // Keep every choice the administrator made, and name each state that still needs one.
        var chosen = form.Map.Where(m => m.From is not null).GroupBy(m => m.From!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().To, StringComparer.Ordinal);
        var rows = group.States.Select(s => s with { To = chosen.GetValueOrDefault(s.From) }).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            if (string.IsNullOrEmpty(rows[i].To) || !model.CurrentStates.Contains(rows[i].To!))
            {
                ModelState.AddModelError($"Map[{i}].To", localizer["Välj vilket steg i version {0} ärendena i \"{1}\" ska till.", model.CurrentVersion, rows[i].From]);
            }
        }

        var posted = new MigrationModel
        {
            Type = model.Type,
            CurrentVersion = model.CurrentVersion,
            CurrentStates = model.CurrentStates,
            Groups = model.Groups,
            Selected = group with { States = rows },
        };
        if (ModelState.ErrorCount > 0)
        {
            return View("Migrate", posted);
        }

        var result = await migrator.MigrateAsync(typeName, group.Version, rows.ToDictionary(r => r.From, r => r.To!, StringComparer.Ordinal),
            User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                ModelState.AddModelError("", problem);
            }

            return View("Migrate", posted);
        }

        logger.LogInformation("{Count} items of {ContentType} moved from workflow version {From} to {To}", result.Moved, typeName, group.Version, result.ToVersion);
        TempData["Message"] = localizer["{0} ärenden är flyttade från version {1} till version {2}.", result.Moved, group.Version, result.ToVersion].Value;
        return Redirect($"{Base}/{typeName}/flytta");
    }

    private async Task<MigrationModel?> MigrationModelAsync(string typeName, CancellationToken cancellationToken)
    {
        var type = await contentTypes.GetAsync(typeName, cancellationToken);
        var history = type is null ? [] : await store.GetHistoryAsync(typeName, cancellationToken);
        if (type is null || history.Count == 0)
        {
            return null;
        }

        var currentVersion = history[0].Version;
        var current = await store.GetVersionAsync(typeName, currentVersion, cancellationToken);
        var currentStates = current?.States.Select(s => s.Name).ToList() ?? [];
        var counts = await queries.ItemCountsAsync(typeName, cancellationToken);
        var groups = new List<MigrationGroup>();
        foreach (var version in counts.Where(c => c.Version < currentVersion).GroupBy(c => c.Version).OrderBy(g => g.Key))
        {
            // The old version's states in its order, then any state items are in that it does not know.
            var old = await store.GetVersionAsync(typeName, version.Key, cancellationToken);
            var order = old?.States.Select(s => s.Name).ToList() ?? [];
            var rows = version.Where(c => c.State is not null)
                .GroupBy(c => c.State!, StringComparer.Ordinal)
                .OrderBy(g => order.IndexOf(g.Key) is var i && i >= 0 ? i : int.MaxValue)
                .Select(g => new MigrationRow(g.Key, g.Sum(c => c.Count), currentStates.Contains(g.Key) ? g.Key : null))
                .ToList();
            groups.Add(new MigrationGroup(version.Key, rows));
        }

        return new MigrationModel { Type = type, CurrentVersion = currentVersion, CurrentStates = currentStates, Groups = groups };
    }
}
