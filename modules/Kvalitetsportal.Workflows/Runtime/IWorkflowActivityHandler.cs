using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Runs one activity of one kind for one move of an item. It adds to the unit of work only (rows,
/// outbox messages, notices, the working copy in <see cref="RunContext"/>) and never talks to the
/// outside world itself: the move commits as a whole or not at all (ADR 0014, 0021).
/// </summary>
public interface IWorkflowActivityHandler
{
    /// <param name="key">The activity's stable key in the definition, e.g. "transition:besluta:0" (timers and the guard use it).</param>
    Task RunAsync(RunContext run, WorkflowActivity activity, string key, CancellationToken cancellationToken);
}

/// <summary>The typed base most handlers use.</summary>
public abstract class WorkflowActivityHandler<TActivity> : IWorkflowActivityHandler
    where TActivity : WorkflowActivity
{
    public Task RunAsync(RunContext run, WorkflowActivity activity, string key, CancellationToken cancellationToken) =>
        RunAsync(run, (TActivity)activity, key, cancellationToken);

    protected abstract Task RunAsync(RunContext run, TActivity activity, string key, CancellationToken cancellationToken);
}
