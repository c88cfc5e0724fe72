using System.Globalization;
using System.Text.Json;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Decisions;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Adds a checked decision to the transition's unit of work: its row (tied to the move's history
/// entry) and its audit event commit with the move, or neither does.
/// </summary>
public sealed class DecisionRecorder(PortalDbContext db, IAuditTrail audit)
{
    public const string AuditAction = AuditActions.DecisionRecorded;

    public void Add(RunContext run, CheckedDecision decision)
    {
        var history = run.HistoryEntry ?? throw new InvalidOperationException("The move has no history entry yet.");
        db.Add(new WorkflowDecision
        {
            ContentItemId = run.Item.ContentItemId,
            ContentType = run.Type.Name,
            HistoryEntry = history,
            TransitionId = run.Transition!.Id,
            DeciderKind = decision.DeciderKind,
            DecidedBy = decision.DecidedBy,
            DecisionDate = decision.Date,
            Paragraph = decision.Paragraph,
            Outcome = decision.Outcome,
            Conditions = decision.Conditions,
            Attachments = JsonSerializer.Serialize(decision.Attachments, JsonSerializerOptions.Web),
            RecordedById = run.Actor.AuthorId,
            RecordedUtc = run.Now,
        });

        audit.Record(new AuditEntry(AuditCategories.Workflows, AuditAction, run.Type.Name, run.Item.ContentItemId, run.Item.DisplayText)
        {
            ActorId = run.Actor.UserId,
            Changes = AuditValues.Changes(
                ("transition", "Övergång", null, run.Transition.Label),
                ("decidedBy", decision.DeciderKind == DeciderKind.Body ? "Beslutande organ" : "Beslutsfattare", null, decision.DecidedBy),
                ("date", "Beslutsdatum", null, decision.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("paragraph", "Paragraf", null, decision.Paragraph),
                ("outcome", "Utfall", null, decision.Outcome),
                ("conditions", "Villkor", null, decision.Conditions),
                ("attachments", "Bilagor", null, AuditValues.List(decision.Attachments.Select(a => a.Name)))),
        });
    }
}
