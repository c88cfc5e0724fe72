using Kvalitetsportal.Notifications.Outbox;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Wakes this node's outbox dispatcher (Notifications' <see cref="OutboxSignal"/>) and timer
/// service as soon as a transaction that queued work has committed. Other nodes find the work on
/// their next poll.
/// </summary>
public sealed class WorkflowSignals(OutboxSignal outbox) : IDisposable
{
    private readonly SemaphoreSlim _timers = new(0, 1);

    public void NudgeOutbox() => outbox.Nudge();

    public void Dispose() => _timers.Dispose();

    public void NudgeTimers()
    {
        try
        {
            _timers.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged and not yet seen: one wake-up covers both.
        }
    }

    /// <summary>Waits for a nudge or the timeout; true when nudged.</summary>
    public async Task<bool> WaitForTimersAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _timers.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
