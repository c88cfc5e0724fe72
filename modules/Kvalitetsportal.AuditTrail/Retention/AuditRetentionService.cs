using Kvalitetsportal.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.AuditTrail.Retention;

/// <summary>Runs the retention shortly after start and then once a day. A failure is logged; the loop goes on.</summary>
public sealed class AuditRetentionService(
    IServiceScopeFactory scopes,
    IOptions<AuditTrailOptions> options,
    TimeProvider clock,
    ILogger<AuditRetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitAsync(TimeSpan.FromSeconds(Math.Max(0, options.Value.RetentionStartDelaySeconds)), stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            if (!await WaitAsync(Interval, stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>One clean-up; never throws except when the host is stopping.</summary>
    public async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // The gate is checked here, as for all background work (ADR 0004).
            if (await scope.ServiceProvider.GetRequiredService<IFeatureManager>().IsEnabledAsync("AuditTrail", stoppingToken))
            {
                await scope.ServiceProvider.GetRequiredService<AuditRetention>().DeleteExpiredAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
#pragma warning disable CA1031 // The loop must survive anything; the next run tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Audit retention failed; it runs again in {Interval}", Interval);
        }
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
