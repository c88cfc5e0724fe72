namespace Kvalitetsportal.Hosting;

/// <summary>
/// Wakes a background loop on this node (the outbox dispatcher, the timer service) as soon as
/// there is work, instead of at its next poll. Nudges that come while it is awake are one wake-up.
/// </summary>
public class WakeUpSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Nudge()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged and not yet seen: one wake-up covers both.
        }
    }

    /// <summary>Waits for a nudge or the timeout; true when nudged.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _signal.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signal.Dispose();
        }
    }
}
