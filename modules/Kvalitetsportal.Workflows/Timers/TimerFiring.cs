using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Guard;
using Kvalitetsportal.Workflows.Instances;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.Timers;

/// <summary>
/// Fires one claimed timer in one transaction: the timer's new status, the reminder's mail and
/// notices (or the transition, taken as the portal itself) and the guard's count commit together.
/// </summary>
public sealed class TimerFiring(
    PortalDbContext db,
    IWorkflowDefinitionStore definitions,
    IContentDefinitionStore contentTypes,
    WorkflowEngine engine,
    ActivityRunner activities,
    FiringGuard guard,
    WorkflowWriteGate gate,
    ContentItemPages pages,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<TimerFiring> logger)
{
    public async Task FireAsync(long timerId, string claim, CancellationToken cancellationToken)
    {
        var snapshot = await db.Set<WorkflowTimer>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == timerId && t.LockedBy == claim, cancellationToken);
        if (snapshot is null)
        {
            return; // claimed away after our lock expired
        }

        // Definitions are read outside the transaction, where the stores cache them.
        var definition = await definitions.GetVersionAsync(snapshot.ContentType, snapshot.DefinitionVersion, cancellationToken);
        var type = await contentTypes.GetAsync(snapshot.ContentType, cancellationToken);
        RunContext? run = null;
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            run = await gate.RunAsync(db, () => strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var timer = await db.Set<WorkflowTimer>().FirstOrDefaultAsync(t => t.Id == timerId && t.LockedBy == claim, cancellationToken);
                if (timer is null)
                {
                    return null;
                }

                var fired = await FireInTransactionAsync(timer, type, definition, cancellationToken);
                timer.LockedBy = null;
                timer.LockedUntilUtc = null;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return fired;
            }), cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ContentConcurrencyException)
        {
            // Someone moved the item at the same moment; the timer is looked at again (and cancelled) next round.
            db.ChangeTracker.Clear();
            logger.LogInformation("Timer {TimerId} for content item {ContentItemId} raced with a change; it is looked at again", timerId, snapshot.ContentItemId);
            await db.Set<WorkflowTimer>().Where(t => t.Id == timerId && t.LockedBy == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedBy, (string?)null).SetProperty(t => t.LockedUntilUtc, (DateTime?)null), cancellationToken);
            return;
        }

        if (run is not null)
        {
            engine.Nudge(run);
        }
    }

    private async Task<RunContext?> FireInTransactionAsync(WorkflowTimer timer, ContentTypeDefinition? type, WorkflowDefinition? definition, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var instance = await db.Set<WorkflowInstance>().FirstOrDefaultAsync(i => i.ContentItemId == timer.ContentItemId, cancellationToken);
        var item = await db.Set<ContentItem>().FirstOrDefaultAsync(i => i.ContentItemId == timer.ContentItemId && i.Latest, cancellationToken);
        if (instance is null || item is null || type is null || definition is null)
        {
            return Finish(timer, TimerStatus.Cancelled, "Ärendet eller dess arbetsflöde finns inte längre.");
        }

        // Only while the item is where it was when the timer started (a transition bumps the revision).
        if (instance.Revision != timer.InstanceRevision || instance.DefinitionVersion != timer.DefinitionVersion || item.WorkflowState != timer.State)
        {
            return Finish(timer, TimerStatus.Cancelled, $"Ärendet har gått vidare (nu i \"{item.WorkflowState}\").");
        }

        if (Find(definition, timer.ActivityKey) is not StartTimerActivity activity)
        {
            return Finish(timer, TimerStatus.Failed, "Timern finns inte i arbetsflödets version.");
        }

        var description = ActivityRunner.Describe(activity, timer.ActivityKey[..Math.Max(0, timer.ActivityKey.LastIndexOf(':'))]);
        if (!await guard.TryFireAsync(timer.ContentItemId, timer.ContentType, FiringGuard.TimerKey(timer.ActivityKey), description, now, cancellationToken))
        {
            logger.LogWarning("Timer {TimerId} for content item {ContentItemId} stopped by the runaway guard", timer.Id, timer.ContentItemId);
            return Finish(timer, TimerStatus.Stopped, "Stoppad: timern har gått för många gånger den senaste timmen. Se Stoppade arbetsflöden.");
        }

        timer.Firings++;
        timer.LastFiredUtc = now;
        if (activity.Action == TimerAction.Transition)
        {
            var (result, applied) = await engine.ApplyAsync(WorkflowActor.System, type, definition, timer.DefinitionVersion, timer.ContentItemId, activity.TransitionId ?? "", comment: null, expectedRevision: timer.InstanceRevision, cancellationToken);
            logger.LogInformation("Timer {TimerId} for content item {ContentItemId} took transition {TransitionId}: {Outcome}", timer.Id, timer.ContentItemId, activity.TransitionId, result.Outcome);
            return result.Succeeded ? Finish(timer, TimerStatus.Done, result.Message, applied) : Finish(timer, TimerStatus.Failed, result.Message);
        }

        var run = new RunContext
        {
            Type = type,
            Definition = definition,
            Instance = instance,
            Item = item,
            Data = item.GetData(),
            AssignedTo = item.AssignedTo,
            Actor = WorkflowActor.System,
            ToState = item.WorkflowState!,
            FromState = item.WorkflowState,
            Now = now,
            BaseUrl = PortalAddress.BaseUrl(configuration),
            ItemPath = await pages.ReadUrlAsync(type.Name, timer.ContentItemId, cancellationToken),
        };
        await activities.RemindAsync(run, activity, cancellationToken);
        logger.LogInformation("Timer {TimerId} for content item {ContentItemId} sent its reminder (firing {Firings})", timer.Id, timer.ContentItemId, timer.Firings);
        if (activity.Repeat is { } repeat && repeat > TimeSpan.Zero)
        {
            timer.DueUtc = now + repeat;
            timer.Status = TimerStatus.Pending;
            return run;
        }

        return Finish(timer, TimerStatus.Done, "Påminnelsen är skickad.", run);
    }

    private static RunContext? Finish(WorkflowTimer timer, TimerStatus status, string outcome, RunContext? run = null)
    {
        timer.Status = status;
        timer.Outcome = outcome.Length > 500 ? outcome[..500] : outcome;
        return run;
    }

    /// <summary>The activity at a key such as "state:Inskickad:1" or "transition:bedom:0".</summary>
    public static WorkflowActivity? Find(WorkflowDefinition definition, string key)
    {
        var last = key.LastIndexOf(':');
        var first = key.IndexOf(':', StringComparison.Ordinal);
        if (first < 0 || last <= first || !int.TryParse(key[(last + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }

        var name = key[(first + 1)..last];
        var list = key[..first] switch
        {
            "state" => definition.State(name)?.Activities,
            "transition" => definition.Transition(name)?.Activities,
            _ => null,
        };
        return list is not null && index < list.Count ? list[index] : null;
    }
}
