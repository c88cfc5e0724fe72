using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Workflows.Guard;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Fires due timers (see ADR 0014): polls the timer table (woken early when this node starts a
/// timer), claims due rows with one conditional UPDATE so that each fires on one node, and fires
/// each in its own transaction. A node that dies mid-firing loses its claim after LockSeconds and
/// another node (or the restarted one) fires the timer; the instance revision makes a second
/// firing of the same timer harmless.
/// </summary>
public sealed class TimerService(
    IServiceScopeFactory scopes,
    WorkflowSignals signals,
    WorkflowWriteGate gate,
    IOptions<WorkflowRuntimeOptions> options,
    TimeProvider clock,
    ILogger<TimerService> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    private DateTime _lastPrune = DateTime.MinValue;

    private TimerOptions Options => options.Value.Timers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = await RunOnceAsync(stoppingToken);
            var poll = TimeSpan.FromSeconds(Math.Max(0.05, Options.PollSeconds));
            var untilNext = next is DateTime due ? due - clock.GetUtcNow().UtcDateTime : poll;
            await signals.WaitForTimersAsync(untilNext < poll ? untilNext : poll, stoppingToken);
        }
    }

    /// <summary>Fires every due timer; returns when the next pending one is due (if any). Never throws except on shutdown.</summary>
    public async Task<DateTime?> RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var gate = scopes.CreateAsyncScope())
            {
                if (!await gate.ServiceProvider.GetRequiredService<IFeatureManager>().IsEnabledAsync(WorkflowStarter.FeatureId, stoppingToken))
                {
                    return null;
                }
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = await ClaimAsync(stoppingToken);
                foreach (var (id, claim) in claimed)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(id, claim, stoppingToken);
                }

                if (claimed.Count < Math.Max(1, Options.BatchSize))
                {
                    break;
                }
            }

            await using var scope2 = scopes.CreateAsyncScope();
            var db = scope2.ServiceProvider.GetRequiredService<PortalDbContext>();
            await PruneAsync(scope2.ServiceProvider, stoppingToken);
            return await db.Set<WorkflowTimer>().Where(t => t.Status == TimerStatus.Pending).MinAsync(t => (DateTime?)t.DueUtc, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // The service must survive anything; the next poll tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Timer round failed; retrying at the next poll");
            return null;
        }
    }

    private async Task<IReadOnlyList<(long Id, string Claim)>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(Math.Max(10, Options.LockSeconds));
        var claim = $"{_node}:{Guid.NewGuid():N}";
        var due = await db.Set<WorkflowTimer>()
            .Where(t => t.Status == TimerStatus.Pending && t.DueUtc <= now && (t.LockedUntilUtc == null || t.LockedUntilUtc < now))
            .OrderBy(t => t.DueUtc).ThenBy(t => t.Id)
            .Select(t => t.Id)
            .Take(Math.Max(1, Options.BatchSize))
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return []; // an idle poll takes no write lock
        }

        // Same claim as the outbox: the free-lock test is repeated on the rows being updated.
        var claimed = await gate.RunAsync(db, () => db.Set<WorkflowTimer>()
            .Where(t => due.Contains(t.Id) && t.Status == TimerStatus.Pending && (t.LockedUntilUtc == null || t.LockedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedBy, claim).SetProperty(t => t.LockedUntilUtc, until), cancellationToken), cancellationToken);
        if (claimed == 0)
        {
            return [];
        }

        var ids = await db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.LockedBy == claim).OrderBy(t => t.DueUtc).Select(t => t.Id).ToListAsync(cancellationToken);
        return [.. ids.Select(id => (id, claim))];
    }

    private async Task PruneAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _lastPrune < PruneInterval)
        {
            return;
        }

        _lastPrune = now;
        await services.GetRequiredService<FiringGuard>().PruneAsync(now, cancellationToken);
    }
}
