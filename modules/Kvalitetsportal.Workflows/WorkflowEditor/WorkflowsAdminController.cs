using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>The workflows administrators shape: the list, the editor (with its graph), on/off and the versions.</summary>
[Admin]
[RequirePermission(WorkflowPermissions.ManageWorkflowsName)]
[Route("admin/arbetsfloden")]
public sealed class WorkflowsAdminController(
    IWorkflowDefinitionStore store,
    IContentDefinitionStore contentTypes,
    RoleManager<PortalRole> roles,
    WorkflowEditorQueries queries,
    MailPreviews previews,
    IStringLocalizer<WorkflowsAdminController> localizer,
    ILogger<WorkflowsAdminController> logger) : Controller
{
    public const string Base = "/admin/arbetsfloden";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var types = await contentTypes.GetAllAsync(cancellationToken);
        var current = (await store.ListCurrentAsync(cancellationToken)).ToDictionary(r => r.ContentType, StringComparer.Ordinal);
        var counts = await queries.ItemCountsAsync(null, cancellationToken);
        var rows = new List<WorkflowRow>();
        foreach (var type in types.Values.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture))
        {
            if (!current.TryGetValue(type.Name, out var record))
            {
                rows.Add(new WorkflowRow(type.Name, type.DisplayName, null, null, false, [], 0));
                continue;
            }

            var definition = WorkflowDefinitionStore.Parse(record.Definition);
            var ofType = counts.Where(c => c.ContentType == type.Name).ToList();
            var running = definition.States
                .Select(s => (s.Name, ofType.Where(c => c.State == s.Name).Sum(c => c.Count)))
                .Concat(ofType.Where(c => c.State is not null && definition.State(c.State) is null).GroupBy(c => c.State!).Select(g => (g.Key, g.Sum(c => c.Count))))
                .ToList();
            rows.Add(new WorkflowRow(type.Name, type.DisplayName, string.IsNullOrWhiteSpace(definition.DisplayName) ? null : definition.DisplayName,
                record.Version, record.Enabled, running, ofType.Where(c => c.Version < record.Version).Sum(c => c.Count)));
        }

        return View("Index", new WorkflowListModel { Rows = rows, UnhandledStops = await queries.UnhandledStopsAsync(cancellationToken) });
    }

    [HttpGet("{typeName}")]
    [GraphStyleNonce]
    public async Task<IActionResult> Edit(string typeName, string? mall, CancellationToken cancellationToken)
    {
        var type = await contentTypes.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        var current = await CurrentAsync(typeName, cancellationToken);
        if (current is null)
        {
            var starter = mall == WorkflowStarters.Empty ? WorkflowStarters.Blank(type) : WorkflowStarters.Suggestion(type);
            var page = await PageAsync(type, WorkflowFormMapper.FromDefinition(starter, 0), null, cancellationToken);
            return View("Edit", page);
        }

        var definition = WorkflowDefinitionStore.Parse(current.Definition);
        return View("Edit", await PageAsync(type, WorkflowFormMapper.FromDefinition(definition, current.Version), current, cancellationToken));
    }

    /// <summary>Every button of the editor posts here with the whole working copy; only "save" stores anything.</summary>
    [HttpPost("{typeName}")]
    [GraphStyleNonce]
    [RequestFormLimits(ValueCountLimit = 20_000)]
    public async Task<IActionResult> Edit(string typeName, WorkflowForm form, CancellationToken cancellationToken)
    {
        var type = await contentTypes.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        // The form binds only strings and lists; every check is made below, with the error beside its input.
        ModelState.Clear();
        WorkflowFormEdits.Normalize(form);
        var current = await CurrentAsync(typeName, cancellationToken);
        var op = string.IsNullOrEmpty(form.Op) ? "check" : form.Op;
        if (op.StartsWith(MailPreviews.Op + ":", StringComparison.Ordinal))
        {
            // Nothing is saved or checked: the mail as it would read, beside its activity.
            var previewed = await PageAsync(type, form, current, cancellationToken);
            var prefix = op[(MailPreviews.Op.Length + 1)..];
            previewed.Preview = await previews.RenderAsync(type, form, prefix, User.FindFirst("name")?.Value ?? User.Identity?.Name ?? "", cancellationToken);
            previewed.Notice = previewed.Preview is null
                ? localizer["Det finns inget mejl att förhandsgranska. Skriv en ämnesrad eller en text först."].Value
                : null;
            previewed.FocusId = previewed.Preview is null ? null : MailPreviews.RegionId(prefix);
            return View("Edit", previewed);
        }

        if (op is not ("save" or "check"))
        {
            var edit = WorkflowFormEdits.Apply(form, op);
            var edited = await PageAsync(type, form, current, cancellationToken);
            edited.Notice = edit is null ? null : localizer["{0} Inget är sparat ännu.", edit.Notice].Value;
            edited.FocusId = edit?.FocusId;
            return View("Edit", edited);
        }

        var page = await PageAsync(type, form, current, cancellationToken);
        var errors = new List<FormError>();
        var definition = WorkflowFormMapper.ToDefinition(form, type.Name, page.Roles, [.. type.OrderedFields.Select(f => f.Name)], errors);
        var problems = await ValidateAsync(definition, cancellationToken);
        AddErrors(errors, problems, definition);
        if (ModelState.ErrorCount > 0)
        {
            page.FocusId = "error-summary";
            return View("Edit", page);
        }

        if (op == "check")
        {
            page.Notice = localizer["Inga fel hittades. Arbetsflödet är inte sparat ännu."].Value;
            return View("Edit", page);
        }

        if ((current?.Version ?? 0) != form.BaseVersion)
        {
            // Someone saved in between: say so, and let a second "Spara" knowingly replace their version.
            ModelState.AddModelError("", localizer["Någon annan sparade version {0} av arbetsflödet medan du ändrade. Spara igen om dina ändringar ska ersätta den, eller ladda om sidan för att se den.", current?.Version!]);
            form.BaseVersion = current?.Version ?? 0;
            page.FocusId = "error-summary";
            return View("Edit", page);
        }

        var result = await store.SaveAsync(definition, ActorId, cancellationToken);
        if (!result.Saved)
        {
            AddErrors([], result.Problems, definition);
            page.FocusId = "error-summary";
            return View("Edit", page);
        }

        if (result.Version == current?.Version)
        {
            TempData["Message"] = localizer["Inget var ändrat, så ingen ny version sparades. Version {0} gäller.", result.Version!].Value;
        }
        else
        {
            logger.LogInformation("Workflow of {ContentType} saved as version {Version} by {ActorId}", type.Name, result.Version, ActorId);
            TempData["Message"] = localizer["Arbetsflödet är sparat som version {0}.", result.Version!].Value;
        }

        return Redirect($"{Base}/{type.Name}");
    }

    [HttpPost("{typeName}/sla-pa")]
    public Task<IActionResult> Enable(string typeName, CancellationToken cancellationToken) => SetEnabledAsync(typeName, true, cancellationToken);

    [HttpPost("{typeName}/stang-av")]
    public Task<IActionResult> Disable(string typeName, CancellationToken cancellationToken) => SetEnabledAsync(typeName, false, cancellationToken);

    [HttpGet("{typeName}/versioner")]
    public async Task<IActionResult> History(string typeName, CancellationToken cancellationToken)
    {
        var type = await contentTypes.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        var history = await store.GetHistoryAsync(typeName, cancellationToken);
        if (history.Count == 0)
        {
            return Redirect($"{Base}/{type.Name}");
        }

        var names = await queries.UserNamesAsync(history.Select(h => h.CreatedBy), cancellationToken);
        var counts = await queries.ItemCountsAsync(typeName, cancellationToken);
        return View("History", new HistoryModel
        {
            Type = type,
            Versions = [.. history.Select(h => (h, h.CreatedBy is { } id ? names.GetValueOrDefault(id) : null, counts.Where(c => c.Version == h.Version).Sum(c => c.Count)))],
        });
    }

    private async Task<IActionResult> SetEnabledAsync(string typeName, bool enabled, CancellationToken cancellationToken)
    {
        var type = await contentTypes.GetAsync(typeName, cancellationToken);
        if (type is null || await CurrentAsync(typeName, cancellationToken) is null)
        {
            return NotFound();
        }

        await store.SetEnabledAsync(typeName, enabled, ActorId, cancellationToken);
        logger.LogInformation("Workflow of {ContentType} switched {State} by {ActorId}", typeName, enabled ? "on" : "off", ActorId);
        TempData["Message"] = enabled
            ? localizer["Arbetsflödet för {0} är påslaget. Nya ärenden följer det.", type.DisplayName].Value
            : localizer["Arbetsflödet för {0} är avstängt. Nya ärenden får inget arbetsflöde; pågående ärenden behåller sitt.", type.DisplayName].Value;
        return Redirect($"{Base}/{type.Name}");
    }

    private async Task<EditorPage> PageAsync(ContentTypeDefinition type, WorkflowForm form, WorkflowDefinitionRecord? current, CancellationToken cancellationToken)
    {
        var counts = current is null ? [] : await queries.ItemCountsAsync(type.Name, cancellationToken);
        return new EditorPage
        {
            Type = type,
            Form = form,
            Roles = await RoleNamesAsync(cancellationToken),
            OtherTypes = [.. (await contentTypes.GetAllAsync(cancellationToken)).Values.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture).Select(t => (t.Name, t.DisplayName))],
            Current = current,
            OlderVersions = [.. counts.Where(c => c.Version < current!.Version).GroupBy(c => c.Version).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(c => c.Count)))],
        };
    }

    private async Task<IReadOnlyList<WorkflowProblem>> ValidateAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var types = await contentTypes.GetAllAsync(cancellationToken);
        var roleNames = (await RoleNamesAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return WorkflowDefinitionValidator.Validate(definition, types.GetValueOrDefault(definition.ContentType), roleNames, types);
    }

    /// <summary>
    /// Puts each error on its input, in page order (the summary lists them as they are added). An
    /// input the form already found wrong does not also get the validator's message about it.
    /// </summary>
    private void AddErrors(List<FormError> errors, IReadOnlyList<WorkflowProblem> problems, WorkflowDefinition definition)
    {
        var taken = errors.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var all = errors.Concat(problems.Select(p => new FormError(WorkflowFormMapper.FormKey(p.Path, definition), p.Message)).Where(e => !taken.Contains(e.Key)));
        foreach (var error in all.OrderBy(e => e.Key, FormKeyOrder.Instance).DistinctBy(e => (e.Key, e.Message)))
        {
            ModelState.AddModelError(error.Key, error.Message);
        }
    }

    private async Task<WorkflowDefinitionRecord?> CurrentAsync(string typeName, CancellationToken cancellationToken)
    {
        // The newest version whether on or off: the editor edits it either way.
        var newest = (await store.ListCurrentAsync(cancellationToken)).FirstOrDefault(r => r.ContentType == typeName);
        return newest;
    }

    private async Task<List<string>> RoleNamesAsync(CancellationToken cancellationToken) =>
        [.. (await roles.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(cancellationToken)).Order(StringComparer.CurrentCulture)];

    private string? ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}

/// <summary>Orders input names as the page shows them: the form first, then states, then transitions, by index.</summary>
internal sealed class FormKeyOrder : IComparer<string>
{
    public static readonly FormKeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Tokens(x ?? "");
        var b = Tokens(y ?? "");
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static List<int> Tokens(string key)
    {
        static int Rank(string name) => name switch
        {
            "" => 0,
            "DisplayName" => 1,
            "InitialState" => 2,
            "States" => 3,
            "Transitions" => 4,
            _ => 5,
        };

        var head = key.Split('[', '.')[0];
        var tokens = new List<int> { Rank(head) };
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(key, "\\[([0-9]+)\\]"))
        {
            tokens.Add(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return tokens;
    }
}
