using System.Security.Claims;
using Kvalitetsportal.Contents.Items;
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

public sealed record IdeaFigures(int Year, int Total, int Implemented, IReadOnlyList<CountRow> PerForvaltning, IReadOnlyList<CountRow> PerArea, IReadOnlyList<CountRow> PerState, IReadOnlyList<LeadTimeRow> LeadTimes)
{
    public double ShareImplemented => Total == 0 ? 0 : (double)Implemented / Total;
}

/// <summary>
/// Figures for management, for the ideas submitted in a year: per förvaltning, area and state,
/// share implemented (states named in <see cref="IdeslussOptions.ImplementedStates"/>), and the
/// median days an idea spends in each state, from the workflow history.
/// </summary>
public sealed class IdeaStatistics(PortalDbContext db, IdeaQueries queries, IOptions<IdeslussOptions> options)
{
    public async Task<IdeaFigures> ComputeAsync(ClaimsPrincipal user, int year, CancellationToken cancellationToken)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var visible = (await queries.VisibleIdeasAsync(user, new BoardFilter(null, null, null, null), cancellationToken))
            .Where(i => i.CreatedUtc >= from && i.CreatedUtc < to);
        var (states, initial) = await queries.StatesAsync(cancellationToken);

        var perUnit = await visible.GroupBy(i => i.OrganisationUnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var perState = await visible.GroupBy(i => i.WorkflowState).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var records = db.Set<IdeaRecord>();
        var perArea = await visible.Join(records, i => i.ContentItemId, r => r.ContentItemId, (i, r) => r.Area).GroupBy(a => a).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var units = await UnitDirectory.LoadAsync(db, cancellationToken);
        var forvaltningar = perUnit
            .GroupBy(u => units.ForvaltningOf(u.Key)?.Name ?? "Utan förvaltning")
            .Select(g => new CountRow(g.Key, g.Sum(x => x.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.CurrentCulture).ToList();
        var total = perUnit.Sum(u => u.Count);
        var stateRows = (states.Count > 0 ? states.Select(s => s.Name) : perState.Select(s => s.Key ?? "Inskickad"))
            .Select(name => new CountRow(name, perState.Where(s => s.Key == name || (s.Key is null && name == initial)).Sum(s => s.Count)))
            .ToList();
        var implementedStates = options.Value.ImplementedStates.ToHashSet(StringComparer.Ordinal);
        var implemented = perState.Where(s => s.Key is not null && implementedStates.Contains(s.Key)).Sum(s => s.Count);

        // Lead time per stage: from entering a state to the next move, per idea, over the year's ideas.
        var ids = visible.Select(i => i.ContentItemId);
        var history = await db.Set<WorkflowHistoryEntry>().AsNoTracking()
            .Where(h => ids.Contains(h.ContentItemId))
            .OrderBy(h => h.ContentItemId).ThenBy(h => h.OccurredUtc)
            .Select(h => new { h.ContentItemId, h.ToState, h.OccurredUtc })
            .ToListAsync(cancellationToken);
        var durations = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var idea in history.GroupBy(h => h.ContentItemId))
        {
            var entries = idea.ToList();
            for (var i = 0; i + 1 < entries.Count; i++)
            {
                var days = (entries[i + 1].OccurredUtc - entries[i].OccurredUtc).TotalDays;
                (durations.TryGetValue(entries[i].ToState, out var list) ? list : durations[entries[i].ToState] = []).Add(days);
            }
        }

        var leadTimes = stateRows.Select(s => durations.TryGetValue(s.Label, out var list) ? new LeadTimeRow(s.Label, Median(list), list.Count) : new LeadTimeRow(s.Label, null, 0)).ToList();
        var areas = perArea.Select(a => new CountRow(a.Key ?? "Inget område", a.Count)).OrderByDescending(r => r.Count).ToList();
        var withoutRecord = total - areas.Sum(a => a.Count);
        if (withoutRecord > 0)
        {
            areas.Add(new CountRow("Inget område", withoutRecord));
        }

        return new IdeaFigures(year, total, implemented, forvaltningar, areas, stateRows, leadTimes);
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
