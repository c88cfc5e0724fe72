using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Notifications.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Idesluss.ActionPlan;

/// <summary>
/// Reminds each responsible person on an action's klart-datum. The row itself is the durable
/// timer: <see cref="ActionPlanRow.RemindedUtc"/> is set by one conditional UPDATE in the same
/// transaction as the notice and the outbox mail, so a reminder goes once (also with several
/// nodes), is never lost by a restart, and reminders missed during downtime go at the next check.
/// </summary>
public sealed class ActionPlanReminderRun(
    PortalDbContext db,
    IContentManager contents,
    INotifier notifier,
    DatabaseWriteGate gate,
    IConfiguration configuration,
    IStringLocalizer<ActionPlanReminderRun> localizer,
    TimeProvider clock,
    ILogger<ActionPlanReminderRun> logger)
{
    public const int BatchSize = 100;

    /// <summary>Sends the reminders that are due; returns how many went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Localization.SwedishTime.FromUtc(now));
        var due = await db.Set<ActionPlanRow>().AsNoTracking()
            .Where(r => !r.Done && r.RemindedUtc == null && r.DueDate <= today)
            .OrderBy(r => r.DueDate).Select(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            sent += await RemindAsync(id, now, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    private async Task<bool> RemindAsync(long rowId, DateTime now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await gate.RunAsync(db, () => strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Set<ActionPlanRow>().Where(r => r.Id == rowId && r.RemindedUtc == null && !r.Done)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindedUtc, now), cancellationToken);
            var row = claimed == 1 ? await db.Set<ActionPlanRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rowId, cancellationToken) : null;
            if (row is null)
            {
                return false; // another node reminded first, or the row was done or removed meanwhile
            }

            var title = (await contents.GetLatestAsync(row.IdeaId, cancellationToken))?.DisplayText ?? "";
            var path = IdeaUrls.ActionPlan(row.IdeaId);
            var message = localizer["Åtgärden \"{0}\" i handlingsplanen för idén \"{1}\" ska vara klar i dag ({2:yyyy-MM-dd}).", row.Action, title, row.DueDate].Value;
            await notifier.NotifyAsync([.. (await notifier.RecipientsAsync([row.ResponsibleId], cancellationToken)).Select(to =>
                new Notice(to, message, path, row.IdeaId)
                {
                    Mail = new NoticeMail(
                        localizer["Påminnelse: \"{0}\" ska vara klar {1:yyyy-MM-dd}", row.Action, row.DueDate],
                        localizer["Hej {0}!\n\n{1}\n\nDu är ansvarig för åtgärden. Markera den som klar eller ändra datumet i handlingsplanen: {2}", to.Name, message, PortalAddress.BaseUrl(configuration) + path]),
                })], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Action plan row {RowId} of idea {ContentItemId}: reminder queued", row.Id, row.IdeaId);
            return true;
        }), cancellationToken);
    }
}

public sealed class ActionPlanOptions
{
    public const string Section = "Idesluss:ActionPlan";

    /// <summary>How often the portal looks for klart-datum that have come (seconds).</summary>
    public double ReminderPollSeconds { get; set; } = 300;
}

/// <summary>Runs <see cref="ActionPlanReminderRun"/> shortly after start and then every few minutes; a failure is logged and tried again.</summary>
public sealed class ActionPlanReminderService(
    IServiceScopeFactory scopes,
    IOptions<ActionPlanOptions> options,
    TimeProvider clock,
    ILogger<ActionPlanReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<IFeatureManager>().IsEnabledAsync(IdeslussStartup.FeatureId, stoppingToken))
                {
                    await scope.ServiceProvider.GetRequiredService<ActionPlanReminderRun>().RunOnceAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive anything; the next check tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogError(exception, "Action plan reminders failed; the next check tries again");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, options.Value.ReminderPollSeconds)), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
