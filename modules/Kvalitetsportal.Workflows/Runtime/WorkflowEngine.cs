using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Decisions;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Takes transitions. A transition checks everything on the server (who, conditions, required
/// fields, comment) and then, in ONE commit: enters the new state (history entry, activities:
/// outbox rows, notices, timers), hands the item's new state, holder and fields to Contents
/// (<see cref="IContentManager.MoveAsync"/>, which runs the content handlers once) and bumps the
/// instance revision, the per-item lock: of two racing transitions only one commits.
/// </summary>
public sealed class WorkflowEngine(
    PortalDbContext db,
    IWorkflowDefinitionStore definitions,
    IContentDefinitionStore contentTypes,
    IContentManager contents,
    IContentQuery contentQuery,
    ContentAuthorizer authorizer,
    WorkflowEntry entry,
    IDecisionQuery decisions,
    DecisionRecorder decisionRecorder,
    WorkflowWriteGate gate,
    TimeProvider clock,
    ILogger<WorkflowEngine> logger)
{
    public const int MaxCommentLength = 4000;

    /// <summary>A signed-in user takes a transition; checked and committed here.</summary>
    /// <param name="contentType">When given, an item of another type is "not found" (the type in the URL must match).</param>
    public Task<TransitionResult> TakeAsync(ClaimsPrincipal user, string contentItemId, string transitionId, string? comment, int? expectedRevision, string? contentType = null, CancellationToken cancellationToken = default) =>
        TakeAsync(WorkflowActor.From(user), contentItemId, transitionId, comment, expectedRevision, contentType, cancellationToken);

    public Task<TransitionResult> TakeAsync(WorkflowActor actor, string contentItemId, string transitionId, string? comment, int? expectedRevision, string? contentType = null, CancellationToken cancellationToken = default) =>
        TakeWithDecisionAsync(actor, contentItemId, transitionId, comment, null, expectedRevision, contentType, cancellationToken);

    /// <summary>A transition with the decision it asks for (<see cref="WorkflowTransition.RequiresDecision"/>); the decision commits with the move.</summary>
    public Task<TransitionResult> TakeWithDecisionAsync(ClaimsPrincipal user, string contentItemId, string transitionId, string? comment, DecisionInput? decision, int? expectedRevision, string? contentType = null, CancellationToken cancellationToken = default) =>
        TakeWithDecisionAsync(WorkflowActor.From(user), contentItemId, transitionId, comment, decision, expectedRevision, contentType, cancellationToken);

    public async Task<TransitionResult> TakeWithDecisionAsync(WorkflowActor actor, string contentItemId, string transitionId, string? comment, DecisionInput? decision, int? expectedRevision, string? contentType = null, CancellationToken cancellationToken = default)
    {
        // One connection for the whole move instead of one per statement.
        await db.Database.OpenConnectionAsync(cancellationToken);

        // The pinned definition is read before any transaction, where the store may use its cache.
        var pinned = await db.Set<WorkflowInstance>().FindAsync([contentItemId], cancellationToken);
        if (pinned is not null && contentType is not null && !string.Equals(pinned.ContentType, contentType, StringComparison.Ordinal))
        {
            return NotFound();
        }

        var type = pinned is null ? null : await contentTypes.GetAsync(pinned.ContentType, cancellationToken);
        var definition = pinned is null ? null : await definitions.GetVersionAsync(pinned.ContentType, pinned.DefinitionVersion, cancellationToken);
        if (pinned is null || type is null || definition is null)
        {
            return NotFound();
        }

        TransitionResult result;
        try
        {
            if (!SavesContent(definition, transitionId) && !await EntryNeedsTransactionAsync(type.Name, definition, transitionId, cancellationToken))
            {
                // Read and checked outside any transaction, written by ONE SaveChanges whose concurrency
                // tokens (instance and item revision) refuse the write if anyone moved the item in
                // between: the write lock (SQLite has one writer at a time) is held only for the write.
                (result, _) = await ApplyAsync(actor, type, definition, pinned.DefinitionVersion, contentItemId, transitionId, comment, expectedRevision, cancellationToken, decision);
                if (result.Succeeded)
                {
                    await gate.RunAsync(db, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
                }
            }
            else
            {
                // An activity that saves another item (a linked item), or a module's number for the
                // new state, commits with the move.
                var strategy = db.Database.CreateExecutionStrategy();
                (result, _) = await gate.RunAsync(db, () => strategy.ExecuteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var (taken, applied) = await ApplyAsync(actor, type, definition, pinned.DefinitionVersion, contentItemId, transitionId, comment, expectedRevision, cancellationToken, decision);
                    if (taken.Succeeded)
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                    }

                    return (taken, applied);
                }), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ContentConcurrencyException)
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Transition {TransitionId} on content item {ContentItemId} lost a race with another change", transitionId, contentItemId);
            return await RacedAsync(contentItemId, cancellationToken);
        }

        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return result;
        }

        logger.LogInformation("Transition {TransitionId} on content item {ContentItemId} taken by {UserId}: now revision {Revision}", transitionId, contentItemId, actor.UserId ?? WorkflowActor.SystemAuthorId, result.Revision);
        return result;
    }

    /// <summary>
    /// Checks a transition and applies it to the unit of work; the caller saves (one SaveChanges, or
    /// inside its own transaction, as a timer does). Nothing is changed unless the result is done.
    /// </summary>
    public async Task<(TransitionResult Result, RunContext? Run)> ApplyAsync(
        WorkflowActor actor,
        ContentTypeDefinition type,
        WorkflowDefinition definition,
        int version,
        string contentItemId,
        string transitionId,
        string? comment,
        int? expectedRevision,
        CancellationToken cancellationToken,
        DecisionInput? decision = null)
    {
        var instance = await db.Set<WorkflowInstance>().FindAsync([contentItemId], cancellationToken);
        var latest = await contents.GetLatestAsync(contentItemId, cancellationToken);
        if (instance is null || latest is null || (actor.Principal is not null && !await CanSeeAsync(actor.Principal, type, latest, cancellationToken)))
        {
            return (NotFound(), null);
        }

        if (instance.DefinitionVersion != version)
        {
            return (Conflict("Arbetsflödet för ärendet har bytts under tiden. Ladda om sidan och försök igen.", latest.WorkflowState, instance.Revision), null);
        }

        if (expectedRevision is int expected && expected != instance.Revision)
        {
            return (Conflict(MovedMessage(latest.WorkflowState), latest.WorkflowState, instance.Revision), null);
        }

        var transition = definition.Transition(transitionId);
        if (transition is null)
        {
            return (Conflict("Det steget finns inte i ärendets arbetsflöde. Ladda om sidan och välj bland knapparna som visas.", latest.WorkflowState, instance.Revision), null);
        }

        if (!string.Equals(transition.From, latest.WorkflowState, StringComparison.Ordinal))
        {
            return (Conflict(MovedMessage(latest.WorkflowState), latest.WorkflowState, instance.Revision), null);
        }

        if (!actor.IsSystem && !MayTake(transition, latest, actor))
        {
            return (new TransitionResult(TransitionOutcome.Forbidden, $"Du får inte ta steget \"{transition.Label}\" för det här ärendet.") { State = latest.WorkflowState, Revision = instance.Revision }, null);
        }

        var data = latest.GetData();
        if (!WorkflowConditions.AllHold(transition, type, data))
        {
            return (new TransitionResult(TransitionOutcome.Forbidden, $"Steget \"{transition.Label}\" går inte att ta för det här ärendet: villkoren för steget är inte uppfyllda.") { State = latest.WorkflowState, Revision = instance.Revision }, null);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = WorkflowConditions.MissingFields(transition, type, data);
        if (missing.Count > 0)
        {
            errors[""] = $"Innan steget \"{transition.Label}\" kan tas måste {string.Join(", ", missing.Select(m => $"\"{m}\""))} vara ifyllt. Ändra ärendet först.";
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (transition.CommentRequired && comment is null)
        {
            errors[TransitionResult.CommentKey] = $"Skriv en kommentar för att ta steget \"{transition.Label}\". Kommentaren visas i ärendets historik.";
        }
        else if (comment is { Length: > MaxCommentLength })
        {
            errors[TransitionResult.CommentKey] = $"Kommentaren får vara högst {MaxCommentLength} tecken (nu {comment.Length}).";
        }

        CheckedDecision? checkedDecision = null;
        if (transition.RequiresDecision)
        {
            if (actor.IsSystem)
            {
                // Nobody can record a body's decision for it: the portal never takes such a step by itself.
                return (new TransitionResult(TransitionOutcome.Forbidden, $"Steget \"{transition.Label}\" kräver ett beslut och kan bara tas av en person.") { State = latest.WorkflowState, Revision = instance.Revision }, null);
            }

            checkedDecision = DecisionRules.Check(decision, await decisions.OutcomesAsync(cancellationToken), DateOnly.FromDateTime(clock.GetLocalNow().DateTime), errors);
        }

        if (errors.Count > 0)
        {
            return (new TransitionResult(TransitionOutcome.Invalid, string.Join(" ", errors.Values)) { Errors = errors, State = latest.WorkflowState, Revision = instance.Revision }, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        instance.Revision++;
        instance.EnteredStateUtc = now;
        var run = new RunContext
        {
            Type = type,
            Definition = definition,
            Instance = instance,
            Item = latest,
            Contents = contents,
            Data = data,
            AssignedTo = latest.AssignedTo,
            Actor = actor,
            Transition = transition,
            FromState = latest.WorkflowState,
            ToState = transition.To,
            Comment = comment,
            Now = now,
            BaseUrl = entry.BaseUrl,
            ItemPath = await entry.ItemPathAsync(type.Name, contentItemId, cancellationToken),
        };
        await entry.EnterAsync(run, cancellationToken);
        if (checkedDecision is not null)
        {
            decisionRecorder.Add(run, checkedDecision);
        }

        // Timers started in the state the item leaves will never fire; mark them now rather than at their due time.
        if (HasTimers(definition))
        {
            var left = instance.Revision;
            foreach (var timer in await db.Set<WorkflowTimer>().Where(t => t.ContentItemId == contentItemId && t.Status == TimerStatus.Pending && t.InstanceRevision < left).ToListAsync(cancellationToken))
            {
                timer.Status = TimerStatus.Cancelled;
                timer.Outcome = $"Ärendet gick vidare till \"{transition.To}\".";
            }
        }

        await contents.MoveAsync(type, contentItemId, latest.Revision, new ContentMove(run.ToState, run.AssignedTo, run.DataChanged ? run.Data : null), actor.AuthorId, cancellationToken);
        entry.NudgeAfterCommit(run);
        return (new TransitionResult(TransitionOutcome.Done, $"Ärendet har gått vidare till \"{transition.To}\".") { State = transition.To, Revision = instance.Revision }, run);
    }

    /// <summary>Whether a module writes something on entering the target state that must roll back with the move (a diarienummer).</summary>
    private async Task<bool> EntryNeedsTransactionAsync(string contentType, WorkflowDefinition definition, string transitionId, CancellationToken cancellationToken) =>
        definition.Transition(transitionId) is { } transition && await entry.NeedsTransactionAsync(contentType, transition.To, cancellationToken);

    private static bool HasTimers(WorkflowDefinition definition) =>
        definition.States.SelectMany(s => s.Activities).Concat(definition.Transitions.SelectMany(t => t.Activities)).Any(a => a is StartTimerActivity);

    /// <summary>
    /// Whether the transition's (or its target state's) activities save another item (a linked item)
    /// before the move is saved; fields a step sets are part of the move itself.
    /// </summary>
    private static bool SavesContent(WorkflowDefinition definition, string transitionId) =>
        definition.Transition(transitionId) is { } transition
        && transition.Activities.Concat(definition.State(transition.To)?.Activities ?? []).Any(a => a is CreateLinkedItemActivity);

    /// <summary>Whether this user, by role, as holder or as submitter, may take the transition (conditions aside).</summary>
    public static bool MayTake(WorkflowTransition transition, ContentItem item, WorkflowActor actor) =>
        transition.Roles.Any(actor.Roles.Contains)
        || (transition.AllowAssignee && IsHolder(item.AssignedTo, actor))
        || (transition.AllowOwner && actor.UserId is not null && item.OwnerId == actor.UserId);

    public static bool IsHolder(string? assignedTo, WorkflowActor actor) =>
        Assignee.TryParse(assignedTo, out var isRole, out var name) && (isRole ? actor.Roles.Contains(name) : name == actor.UserId);

    private async Task<bool> CanSeeAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem item, CancellationToken cancellationToken) =>
        await authorizer.CanAsync(user, type, item, ContentAction.ViewOwn, cancellationToken);

    private async Task<TransitionResult> RacedAsync(string contentItemId, CancellationToken cancellationToken)
    {
        var now = await contentQuery.Items.Where(i => i.ContentItemId == contentItemId && i.Latest).Select(i => i.WorkflowState).FirstOrDefaultAsync(cancellationToken);
        var revision = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.ContentItemId == contentItemId).Select(i => i.Revision).FirstOrDefaultAsync(cancellationToken);
        return Conflict(MovedMessage(now), now, revision);
    }

    private static string MovedMessage(string? state) =>
        $"Någon annan hann före: ärendet har redan flyttats och är nu i steget \"{state}\". Ingenting ändrades av dig. Ladda om sidan för att se vad som gäller nu.";

    private static TransitionResult Conflict(string message, string? state, int revision) =>
        new(TransitionOutcome.Conflict, message) { State = state, Revision = revision };

    private static TransitionResult NotFound() =>
        new(TransitionOutcome.NotFound, "Ärendet finns inte, har inget arbetsflöde eller så får du inte se det.");
}
