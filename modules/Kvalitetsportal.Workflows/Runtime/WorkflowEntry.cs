using Kvalitetsportal.Contents.ContentItems;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Enters a state: writes the history entry and runs the transition's and the state's activities
/// into the unit of work. Used when a workflow starts (inside the content save that submits the
/// item) and by every transition. Knows nothing of how the item is saved: the caller hands the
/// new state, holder and fields to Contents (<see cref="ContentContext.SetWorkflow"/> at the start,
/// <see cref="IContentManager.MoveAsync"/> for a transition).
/// </summary>
public sealed class WorkflowEntry(
    PortalDbContext db,
    IWorkflowDefinitionStore definitions,
    ActivityRunner activities,
    Recipients recipients,
    WorkflowSignals signals,
    ContentItemPages pages,
    IEnumerable<IWorkflowItemValues> itemValues,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<WorkflowEntry> logger)
{
    public string BaseUrl => PortalAddress.BaseUrl(configuration);

    /// <summary>Where the item is read (its type's own page when a module has one), for links in mail and notices.</summary>
    public Task<string> ItemPathAsync(string contentType, string contentItemId, CancellationToken cancellationToken) =>
        pages.ReadUrlAsync(contentType, contentItemId, cancellationToken);

    /// <summary>
    /// Starts the type's current workflow for an item that is being submitted, inside the content
    /// save (called from <see cref="WorkflowStarter"/>): the instance, the first state, the history
    /// entry and the first state's activities commit with the item.
    /// </summary>
    public async Task StartAsync(ContentContext context, CancellationToken cancellationToken)
    {
        var item = context.Item;
        if (await definitions.GetCurrentAsync(context.Type.Name, cancellationToken) is not { } current
            || current.Definition.State(current.Definition.InitialState) is null
            || db.ChangeTracker.Entries<WorkflowInstance>().Any(e => e.Entity.ContentItemId == item.ContentItemId)
            || await db.Set<WorkflowInstance>().AnyAsync(i => i.ContentItemId == item.ContentItemId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var instance = new WorkflowInstance
        {
            ContentItemId = item.ContentItemId,
            ContentType = context.Type.Name,
            DefinitionVersion = current.Version,
            StartedUtc = now,
            EnteredStateUtc = now,
        };
        db.Add(instance);

        var submitter = await recipients.UserAsync(context.ActorId, cancellationToken);
        var run = new RunContext
        {
            Type = context.Type,
            Definition = current.Definition,
            Instance = instance,
            Item = item,
            Contents = context.Contents,
            Data = item.GetData(),
            AssignedTo = item.AssignedTo,
            Actor = new WorkflowActor(context.ActorId, submitter?.Name ?? "", new HashSet<string>(), null),
            ToState = current.Definition.InitialState,
            Now = now,
            BaseUrl = BaseUrl,
            ItemPath = await ItemPathAsync(context.Type.Name, item.ContentItemId, cancellationToken),
        };
        await EnterAsync(run, cancellationToken);
        context.SetWorkflow(run.ToState, run.AssignedTo);
        if (run.DataChanged)
        {
            context.SetData(run.Data);
        }

        NudgeAfterCommit(run);
        logger.LogInformation("Workflow started for content item {ContentItemId} ({ContentType}, version {Version}) in its first state", item.ContentItemId, context.Type.Name, current.Version);
    }

    /// <summary>Whether a module's values for the state (a number from a shared counter) need the move in one transaction.</summary>
    public async Task<bool> NeedsTransactionAsync(string contentType, string toState, CancellationToken cancellationToken)
    {
        foreach (var values in itemValues)
        {
            if (await values.NeedsTransactionAsync(contentType, toState, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Enters <see cref="RunContext.ToState"/>: the history entry, the transition's activities, then
    /// the state's own. A final state has no holder unless an activity gives it one.
    /// </summary>
    public async Task EnterAsync(RunContext run, CancellationToken cancellationToken)
    {
        var state = run.Definition.State(run.ToState) ?? throw new InvalidOperationException($"State {run.ToState} is not in the definition.");
        if (state.Final)
        {
            run.AssignedTo = null;
        }

        run.HistoryEntry = new WorkflowHistoryEntry
        {
            ContentItemId = run.Item.ContentItemId,
            DefinitionVersion = run.Instance.DefinitionVersion,
            TransitionId = run.Transition?.Id,
            TransitionLabel = run.Transition?.Label,
            FromState = run.FromState,
            ToState = run.ToState,
            ActorId = run.Actor.UserId,
            Comment = run.Comment,
            OccurredUtc = run.Now,
        };
        db.Add(run.HistoryEntry);

        foreach (var values in itemValues)
        {
            await values.AddAsync(run, run.ItemValues, cancellationToken);
        }

        if (run.Transition is not null)
        {
            await activities.RunAsync(run, run.Transition.Activities, "transition:" + run.Transition.Id, cancellationToken);
        }

        await activities.RunAsync(run, state.Activities, "state:" + state.Name, cancellationToken);
    }

    /// <summary>Once the move has committed, wake this node's dispatcher and timer service for what it queued.</summary>
    public void NudgeAfterCommit(RunContext run)
    {
        if (run.QueuedMessages || run.StartedTimers)
        {
            db.AfterCommit.Add(_ =>
            {
                if (run.QueuedMessages)
                {
                    signals.NudgeOutbox();
                }

                if (run.StartedTimers)
                {
                    signals.NudgeTimers();
                }

                return Task.CompletedTask;
            });
        }
    }
}
