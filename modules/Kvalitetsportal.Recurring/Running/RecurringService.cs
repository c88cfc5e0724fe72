using Kvalitetsportal.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Recurring.Running;

public sealed class RecurringOptions
{
    public const string Section = "Recurring";

    /// <summary>How often the service looks again at the latest (an edit on another node, a source item that arrived).</summary>
    public double PollSeconds { get; set; } = 300;
}

/// <summary>Wakes the service at once when an administrator saves or resumes a schedule on this node.</summary>
public sealed class RecurringSignal
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Changed() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var changed = Volatile.Read(ref _changed).Task;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, stop.Token);
        await Task.WhenAny(changed, delay);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}

/// <summary>
/// Creates the items of due periods (ADR 0025): wakes at the next due time (or at the poll, or
/// when a schedule changes), and lets <see cref="ScheduleRunner"/> claim and create each item.
/// Every node runs it; the run table's unique key makes the work happen once.
/// </summary>
public sealed class RecurringService(
    IServiceScopeFactory scopes,
    RecurringSignal signal,
    IOptions<RecurringOptions> options,
    TimeProvider clock,
    ILogger<RecurringService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = await RunOnceAsync(stoppingToken);
            var poll = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
            var untilNext = next is DateTime due ? due - clock.GetUtcNow().UtcDateTime : poll;
            try
            {
                await signal.WaitAsync(untilNext < poll ? (untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext) : poll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Creates every due item; returns when the next period is due. Never throws except on shutdown.</summary>
    public async Task<DateTime?> RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<IFeatureManager>().IsEnabledAsync(RecurringStartup.FeatureId, stoppingToken))
            {
                return null;
            }

            return await scope.ServiceProvider.GetRequiredService<ScheduleRunner>().RunDueAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // The service must survive anything; the next poll tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Recurring schedules round failed; retrying at the next poll");
            return null;
        }
    }
}
