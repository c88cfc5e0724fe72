using System.Security.Claims;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Idesluss.Statistics;

public sealed record CountRow(string Label, int Count);

public sealed record LeadTimeRow(string State, double? MedianDays, int Passages);

public sealed record IdeaFigures(StatisticsPeriod Period, int Total, int Implemented, IReadOnlyList<CountRow> PerForvaltning, IReadOnlyList<CountRow> PerArea, IReadOnlyList<CountRow> PerState, IReadOnlyList<LeadTimeRow> LeadTimes)
{
    public double ShareImplemented => Total == 0 ? 0 : (double)Implemented / Total;
}

/// <summary>
/// What the database says about a period's ideas a user may see, before the (cheap) mapping onto the
/// current organisation and workflow: counts per unit and state, per area, and each state's lead
/// times. This is the part whose cost grows with the number of ideas, so it is what is cached.
/// </summary>
public sealed record IdeaCounts(
    IReadOnlyList<(int? Unit, string? State, int Count)> PerUnitAndState,
    IReadOnlyList<(string? Area, int Count)> PerArea,
    IReadOnlyDictionary<string, (double Median, int Passages)> LeadTimes);

/// <summary>
/// Figures for management, for the ideas submitted in a period (<see cref="StatisticsPeriod"/>): per förvaltning, area and state,
/// share implemented (states named in <see cref="IdeslussOptions.ImplementedStates"/>), and the
/// median days an idea spends in each state, from the workflow history. The database part is kept
/// in <see cref="IdeaFiguresCache"/> until an idea changes (at most <see cref="IdeaFiguresCache.StatisticsMaxAge"/>).
/// </summary>
public sealed class IdeaStatistics(PortalDbContext db, IUnitDirectory unitDirectory, IdeaQueries queries, IdeaFiguresCache cache, IOptions<IdeslussOptions> options)
{
    public async Task<IdeaFigures> ComputeAsync(ClaimsPrincipal user, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var (states, initial) = await queries.StatesAsync(cancellationToken);
        var scope = await queries.ScopeAsync(user, cancellationToken);
        var counts = await cache.GetOrComputeAsync("statistics|" + period.Key, scope, () => CountAsync(user, period, cancellationToken), cancellationToken, IdeaFiguresCache.StatisticsMaxAge);

        var units = await unitDirectory.LoadAsync(cancellationToken);
        var forvaltningar = counts.PerUnitAndState
            .GroupBy(u => units.ForvaltningOf(u.Unit)?.Name ?? "Utan förvaltning")
            .Select(g => new CountRow(g.Key, g.Sum(x => x.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.CurrentCulture).ToList();
        var perState = counts.PerUnitAndState.GroupBy(c => c.State).Select(g => (Key: g.Key, Count: g.Sum(c => c.Count))).ToList();
        var total = perState.Sum(s => s.Count);
        var stateRows = (states.Count > 0 ? states.Select(s => s.Name) : perState.Select(s => s.Key ?? "Inskickad"))
            .Select(name => new CountRow(name, perState.Where(s => s.Key == name || (s.Key is null && name == initial)).Sum(s => s.Count)))
            .ToList();
        var implementedStates = options.Value.ImplementedStates.ToHashSet(StringComparer.Ordinal);
        var implemented = perState.Where(s => s.Key is not null && implementedStates.Contains(s.Key)).Sum(s => s.Count);
        var leadTimes = stateRows.Select(s => counts.LeadTimes.TryGetValue(s.Label, out var lead) ? new LeadTimeRow(s.Label, lead.Median, lead.Passages) : new LeadTimeRow(s.Label, null, 0)).ToList();
        var areas = counts.PerArea.Select(a => new CountRow(a.Area ?? "Inget område", a.Count)).OrderByDescending(r => r.Count).ToList();
        var withoutRecord = total - areas.Sum(a => a.Count);
        if (withoutRecord > 0)
        {
            areas.Add(new CountRow("Inget område", withoutRecord));
        }

        return new IdeaFigures(period, total, implemented, forvaltningar, areas, stateRows, leadTimes);
    }

    /// <summary>The database part: one aggregate over the period's ideas and their projections, and one read of their history (ids, states and times only).</summary>
    private async Task<IdeaCounts> CountAsync(ClaimsPrincipal user, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var from = period.FromUtc;
        var to = period.UntilUtc;
        var visible = (await queries.VisibleIdeasAsync(user, new BoardFilter(null, null, null, null), cancellationToken))
            .Where(i => i.CreatedUtc >= from && i.CreatedUtc < to);

        var records = db.Set<IdeaRecord>().AsNoTracking();
        var grouped = await (
            from i in visible
            join r in records on i.ContentItemId equals r.ContentItemId into withRecord
            from r in withRecord.DefaultIfEmpty()
            group i by new { i.OrganisationUnitId, i.WorkflowState, Area = r == null ? null : r.Area } into g
            select new { g.Key.OrganisationUnitId, g.Key.WorkflowState, g.Key.Area, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var perUnitAndState = grouped.GroupBy(c => (c.OrganisationUnitId, c.WorkflowState)).Select(g => (g.Key.OrganisationUnitId, (string?)g.Key.WorkflowState, g.Sum(c => c.Count))).ToList();
        var perArea = grouped.Where(c => c.Area is not null).GroupBy(c => c.Area).Select(g => (Key: g.Key, Count: g.Sum(c => c.Count))).ToList();

        // Lead time per stage: from entering a state to the next move, per idea, over the period's ideas.
        var ids = visible.Select(i => i.ContentItemId);
        var history = await db.Set<WorkflowHistoryEntry>().AsNoTracking()
            .Where(h => ids.Contains(h.ContentItemId))
            .OrderBy(h => h.ContentItemId).ThenBy(h => h.OccurredUtc)
            .Select(h => new { h.ContentItemId, h.ToState, h.OccurredUtc })
            .ToListAsync(cancellationToken);
        var durations = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < history.Count; i++)
        {
            if (history[i + 1].ContentItemId == history[i].ContentItemId)
            {
                var days = (history[i + 1].OccurredUtc - history[i].OccurredUtc).TotalDays;
                (durations.TryGetValue(history[i].ToState, out var list) ? list : durations[history[i].ToState] = []).Add(days);
            }
        }

        return new IdeaCounts(
            perUnitAndState,
            [.. perArea.Select(a => ((string?)a.Key, a.Count))],
            durations.ToDictionary(d => d.Key, d => (Median(d.Value), d.Value.Count), StringComparer.Ordinal));
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
