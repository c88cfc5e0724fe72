using System.Text;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.Decisions;

/// <summary>
/// An item's decisions (who, §, outcome, conditions, attachment names) as a column in the type's
/// export and as text the search finds the item by. Asked per batch, so a full index rebuild costs
/// one query per page of items, not one per item. A transition re-indexes the item after its
/// commit, so a new decision is findable at once.
/// </summary>
internal sealed class DecisionFacts : IContentItemFacts
{
    public string Label => "Beslut";

    public Task<bool> AppliesToAsync(PortalDbContext db, string contentType, CancellationToken cancellationToken) =>
        db.Set<WorkflowDecision>().AnyAsync(d => d.ContentType == contentType, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(PortalDbContext db, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken)
    {
        if (contentItemIds.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var rows = await db.Set<WorkflowDecision>().AsNoTracking()
            .Where(d => contentItemIds.Contains(d.ContentItemId))
            .OrderBy(d => d.HistoryEntryId)
            .Select(d => new { Decision = d, d.HistoryEntry!.TransitionLabel, d.HistoryEntry.FromState, d.HistoryEntry.ToState })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Decision.ContentItemId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g =>
            {
                var text = new StringBuilder();
                foreach (var decision in g.Select(r => DecisionQuery.View(r.Decision, r.TransitionLabel, r.FromState, r.ToState)))
                {
                    text.AppendLine(decision.Summary);
                    if (!string.IsNullOrWhiteSpace(decision.Conditions))
                    {
                        text.AppendLine(decision.Conditions);
                    }

                    foreach (var file in decision.Attachments)
                    {
                        text.AppendLine(file.Name);
                    }
                }

                return text.ToString().TrimEnd();
            },
            StringComparer.Ordinal);
    }
}
