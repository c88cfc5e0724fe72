using System.Globalization;
using System.Text;
using System.Text.Json;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.Decisions;

/// <summary>A recorded decision as other modules (documents, exports) read it.</summary>
public sealed record DecisionView(
    long Id,
    string ContentItemId,
    string TransitionId,
    string? TransitionLabel,
    string? FromState,
    string ToState,
    DeciderKind DeciderKind,
    string DecidedBy,
    DateOnly Date,
    string? Paragraph,
    string Outcome,
    string? Conditions,
    IReadOnlyList<StoredFile> Attachments,
    string RecordedById,
    DateTime RecordedUtc,
    long HistoryEntryId)
{
    /// <summary>"Kommunstyrelsen 2026-03-15 § 123: Godkänd med villkor".</summary>
    public string Summary => $"{DecidedBy} {Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(Paragraph is null ? "" : " " + Paragraph)}: {Outcome}";
}

/// <summary>
/// Reads decisions. The caller has already decided the reader may see the item (this service
/// does not check access): pass only ids of items the reader may open.
/// </summary>
public interface IDecisionQuery
{
    /// <summary>The item's decisions, oldest first.</summary>
    Task<IReadOnlyList<DecisionView>> ForItemAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>The outcomes the administrator offers, in order (the defaults until they change them).</summary>
    Task<IReadOnlyList<string>> OutcomesAsync(CancellationToken cancellationToken = default);
}

public sealed class DecisionQuery(PortalDbContext db) : IDecisionQuery
{
    public async Task<IReadOnlyList<DecisionView>> ForItemAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<WorkflowDecision>().AsNoTracking()
            .Where(d => d.ContentItemId == contentItemId)
            .OrderBy(d => d.HistoryEntryId)
            .Select(d => new { Decision = d, d.HistoryEntry!.TransitionLabel, d.HistoryEntry.FromState, d.HistoryEntry.ToState })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => View(r.Decision, r.TransitionLabel, r.FromState, r.ToState))];
    }

    public async Task<IReadOnlyList<string>> OutcomesAsync(CancellationToken cancellationToken = default)
    {
        var kept = await db.Set<DecisionOutcome>().AsNoTracking().OrderBy(o => o.Order).ThenBy(o => o.Id).Select(o => o.Name).ToListAsync(cancellationToken);
        return kept.Count > 0 ? kept : DecisionRules.DefaultOutcomes;
    }

    internal static DecisionView View(WorkflowDecision d, string? transitionLabel, string? fromState, string toState) => new(
        d.Id, d.ContentItemId, d.TransitionId, transitionLabel, fromState, toState, d.DeciderKind, d.DecidedBy, d.DecisionDate, d.Paragraph, d.Outcome, d.Conditions,
        JsonSerializer.Deserialize<List<StoredFile>>(d.Attachments, JsonSerializerOptions.Web) ?? [], d.RecordedById, d.RecordedUtc, d.HistoryEntryId);
}
