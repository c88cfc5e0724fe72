using Kvalitetsportal.Hosting;
using Kvalitetsportal.Notifications.Outbox;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Wakes this node's outbox dispatcher (Notifications' <see cref="OutboxSignal"/>) and timer
/// service as soon as a transaction that queued work has committed. Other nodes find the work on
/// their next poll.
/// </summary>
public sealed class WorkflowSignals(OutboxSignal outbox) : IDisposable
{
    private readonly WakeUpSignal _timers = new();

    public void NudgeOutbox() => outbox.Nudge();

    public void NudgeTimers() => _timers.Nudge();

    /// <summary>Waits for a nudge or the timeout; true when nudged.</summary>
    public Task<bool> WaitForTimersAsync(TimeSpan timeout, CancellationToken cancellationToken) => _timers.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _timers.Dispose();
}
