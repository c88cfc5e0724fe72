using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Riskanalys.Risks;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.InternKontroll.Control;

public sealed record PointView(ContentItem Point, string Goal, string? Process, string? ResponsibleId, IReadOnlyList<ContentItem> Checks, TrafficLight Light)
{
    /// <summary>The risk from the nämnd's risk list the point treats (null: none chosen, or not visible to the reader).</summary>
    public RiskSummary? Risk { get; init; }
}

public sealed record PlanView(ContentItem Plan, int? Year, string Namnd, IReadOnlyList<ContentItem> Processes, IReadOnlyList<PointView> Points, IReadOnlyList<ContentItem> Actions);

public sealed record PlanSummary(ContentItem Plan, int? Year, string Namnd, int Points, int Reported, int Deviations, int OpenActions, TrafficLight Light);

/// <summary>
/// Reads internal control for one reader. Every list goes through the reader's access scope for its
/// type (the same clauses as lists, search, export and the API), so a page built from it shows
/// nothing of another nämnd unless the workflow lets the reader see it.
/// </summary>
public sealed class InternalControl(
    IContentDefinitionStore types,
    IContentQuery query,
    ContentAccessService access,
    IUnitDirectory units,
    IWorkflowDefinitionStore workflows,
    IRiskRegister risks,
    IOptions<TrafficLightOptions> lights)
{
    public async Task<ContentTypeDefinition> TypeAsync(string name, CancellationToken cancellationToken) =>
        await types.GetAsync(name, cancellationToken) ?? throw new InvalidOperationException($"Innehållstypen {name} saknas: kör funktionen Intern kontrolls recept.");

    /// <summary>The latest version of every item of the type that the reader may see.</summary>
    public async Task<IReadOnlyList<ContentItem>> VisibleAsync(ClaimsPrincipal reader, string typeName, CancellationToken cancellationToken)
    {
        var type = await TypeAsync(typeName, cancellationToken);
        var scope = await access.ScopeAsync(reader, type, ContentAccessKind.View, cancellationToken);
        if (scope.IsEmpty)
        {
            return [];
        }

        return await query.Latest.Where(i => i.ContentType == typeName).Where(scope.ToPredicate()).OrderBy(i => i.DisplayText).ToListAsync(cancellationToken);
    }

    public async Task<PlanView> PlanAsync(ClaimsPrincipal reader, ContentItem plan, CancellationToken cancellationToken)
    {
        var all = await LoadAsync(reader, cancellationToken);

        // The chosen risks, each through the risk register's own access (a secret risk stays hidden).
        var chosen = new Dictionary<string, RiskSummary>(StringComparer.Ordinal);
        var riskIds = all.Points.Where(p => RefersTo(p, ControlTypes.PlanField, plan))
            .Select(p => ControlTypes.Text(p.GetData()[ControlTypes.RiskField])).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var riskId in riskIds)
        {
            if (await risks.FindAsync(reader, riskId, cancellationToken) is { } risk)
            {
                chosen[riskId] = risk;
            }
        }

        return Assemble(plan, all, await units.LoadAsync(cancellationToken), chosen);
    }

    /// <summary>Kommunstyrelsen's overview: one row per plan the reader may see, newest year first, then by nämnd.</summary>
    public async Task<IReadOnlyList<PlanSummary>> OverviewAsync(ClaimsPrincipal reader, CancellationToken cancellationToken)
    {
        var plans = await VisibleAsync(reader, ControlTypes.Plan, cancellationToken);
        // An action is open until its workflow reaches a final state (which states are final is data).
        var workflow = (await workflows.GetCurrentAsync(ControlTypes.Action, cancellationToken))?.Definition;
        var finalActionStates = workflow?.States.Where(s => s.Final).Select(s => s.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        // Each type is read once for the whole page, not once per plan; the summary needs no risks.
        var all = await LoadAsync(reader, cancellationToken);
        var directory = await units.LoadAsync(cancellationToken);
        var noRisks = new Dictionary<string, RiskSummary>(StringComparer.Ordinal);
        var rows = new List<PlanSummary>(plans.Count);
        foreach (var plan in plans)
        {
            var view = Assemble(plan, all, directory, noRisks);
            var outcomes = view.Points.SelectMany(p => p.Checks).Select(c => ControlTypes.Text(c.GetData()[ControlTypes.Outcome])).ToList();
            rows.Add(new PlanSummary(
                plan,
                view.Year,
                view.Namnd,
                view.Points.Count,
                outcomes.Count(o => o is not null),
                outcomes.Count(o => o is not null && lights.Value.Red.Contains(o, StringComparer.Ordinal)),
                view.Actions.Count(a => a.WorkflowState is null || !finalActionStates.Contains(a.WorkflowState)),
                lights.Value.Of(outcomes)));
        }

        return [.. rows.OrderByDescending(r => r.Year).ThenBy(r => r.Namnd, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), false))];
    }

    // What the reader may see of each internal-control type, read once per page.
    private sealed record Visible(IReadOnlyList<ContentItem> Processes, IReadOnlyList<ContentItem> Points, IReadOnlyList<ContentItem> Checks, IReadOnlyList<ContentItem> Actions);

    private async Task<Visible> LoadAsync(ClaimsPrincipal reader, CancellationToken cancellationToken) => new(
        await VisibleAsync(reader, ControlTypes.Process, cancellationToken),
        await VisibleAsync(reader, ControlTypes.Point, cancellationToken),
        await VisibleAsync(reader, ControlTypes.Check, cancellationToken),
        await VisibleAsync(reader, ControlTypes.Action, cancellationToken));

    private PlanView Assemble(ContentItem plan, Visible all, UnitDirectory directory, IReadOnlyDictionary<string, RiskSummary> chosen)
    {
        var processes = all.Processes.Where(p => RefersTo(p, ControlTypes.PlanField, plan)).ToList();
        var points = all.Points.Where(p => RefersTo(p, ControlTypes.PlanField, plan)).ToList();
        var pointIds = points.Select(p => p.ContentItemId).ToHashSet(StringComparer.Ordinal);
        var checks = all.Checks
            .Where(c => ControlTypes.Text(c.GetData()[ControlTypes.PointField]) is { } id && pointIds.Contains(id))
            .OrderBy(c => ControlTypes.Text(c.GetData()[ControlTypes.Period]), StringComparer.Ordinal)
            .ToList();
        var checkIds = checks.Select(c => c.ContentItemId).ToHashSet(StringComparer.Ordinal);
        var actions = all.Actions
            .Where(a => ControlTypes.Text(a.GetData()[ControlTypes.CheckField]) is { } id && checkIds.Contains(id))
            .ToList();
        var processTitles = processes.ToDictionary(p => p.ContentItemId, p => p.DisplayText, StringComparer.Ordinal);

        var views = points.Select(point =>
        {
            var data = point.GetData();
            var own = checks.Where(c => RefersTo(c, ControlTypes.PointField, point)).ToList();
            return new PointView(
                point,
                ControlTypes.Text(data[ControlTypes.Goal]) ?? "",
                ControlTypes.Text(data[ControlTypes.ProcessField]) is { } processId ? processTitles.GetValueOrDefault(processId) : null,
                ControlTypes.Text(data[ControlTypes.Responsible]),
                own,
                lights.Value.Of(own.Select(c => ControlTypes.Text(c.GetData()[ControlTypes.Outcome]))))
            {
                Risk = ControlTypes.Text(data[ControlTypes.RiskField]) is { } riskId ? chosen.GetValueOrDefault(riskId) : null,
            };
        }).ToList();

        return new PlanView(plan, ControlTypes.Number(plan.GetData()[ControlTypes.Year]), directory.NameOf(plan.OrganisationUnitId) ?? "–", processes, views, actions);
    }

    private static bool RefersTo(ContentItem item, string field, ContentItem target) =>
        string.Equals(ControlTypes.Text(item.GetData()[field]), target.ContentItemId, StringComparison.Ordinal);
}
