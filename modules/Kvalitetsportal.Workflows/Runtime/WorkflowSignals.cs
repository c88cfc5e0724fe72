namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Wakes this node's outbox dispatcher and timer service as soon as a transaction that queued
/// work has committed. Other nodes find the work on their next poll.
/// </summary>
public sealed class WorkflowSignals : IDisposable
{
    private readonly SemaphoreSlim _outbox = new(0, 1);
    private readonly SemaphoreSlim _timers = new(0, 1);

    public void NudgeOutbox() => Release(_outbox);

    public void Dispose()
    {
        _outbox.Dispose();
        _timers.Dispose();
    }

    public void NudgeTimers() => Release(_timers);

    /// <summary>Waits for a nudge or the timeout; true when nudged.</summary>
    public Task<bool> WaitForOutboxAsync(TimeSpan timeout, CancellationToken cancellationToken) => Wait(_outbox, timeout, cancellationToken);

    public Task<bool> WaitForTimersAsync(TimeSpan timeout, CancellationToken cancellationToken) => Wait(_timers, timeout, cancellationToken);

    private static void Release(SemaphoreSlim signal)
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged and not yet seen: one wake-up covers both.
        }
    }

    private static async Task<bool> Wait(SemaphoreSlim signal, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await signal.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
