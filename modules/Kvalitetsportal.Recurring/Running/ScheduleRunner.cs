using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Recurring.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Recurring.Running;

/// <summary>What one period's run did.</summary>
public sealed record PeriodOutcome(int Created, int Failed, int AlreadyDone);

/// <summary>
/// Creates a schedule's items for a period. Each item is claimed and created in one transaction:
/// the run row's insert (unique on schedule, period and source) comes first, so a second node or
/// a restarted one that tries the same item waits for, and then loses to, the first; a failed
/// creation rolls the claim back with it, and the failure is written as its own run row.
/// </summary>
public sealed class ScheduleRunner(
    PortalDbContext db,
    IContentManager contents,
    IContentQuery query,
    IContentDefinitionStore types,
    TitleTemplates templates,
    DatabaseWriteGate gate,
    TimeProvider clock,
    ILogger<ScheduleRunner> logger)
{
    /// <summary>The author of what the portal saves by itself (the same id as a workflow's system moves).</summary>
    public const string SystemUserId = "system";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates every due period of every active schedule; returns when the next one is due.</summary>
    public async Task<DateTime?> RunDueAsync(CancellationToken cancellationToken)
    {
        var schedules = await db.Set<RecurringSchedule>().AsNoTracking().Where(s => !s.Paused).ToListAsync(cancellationToken);
        DateTime? next = null;
        foreach (var schedule in schedules)
        {
            foreach (var period in ScheduleTimes.Due(schedule, Now))
            {
                await RunPeriodAsync(schedule, period, retryFailed: false, cancellationToken);
                await MarkDoneAsync(schedule, period, cancellationToken);
            }

            var due = ScheduleTimes.NextUtc(schedule, Now);
            next = next is { } earlier && earlier < due ? earlier : due;
        }

        return next;
    }

    /// <summary>Creates what is missing of one period ("run now"); with <paramref name="retryFailed"/> failed items are tried again.</summary>
    public async Task<PeriodOutcome> RunPeriodAsync(RecurringSchedule schedule, Period period, bool retryFailed, CancellationToken cancellationToken)
    {
        if (retryFailed)
        {
            await gate.RunAsync(db, () => db.Set<RecurringRun>()
                .Where(r => r.ScheduleId == schedule.Id && r.PeriodKey == period.Key && r.Status == RunStatus.Failed)
                .ExecuteDeleteAsync(cancellationToken), cancellationToken);
        }

        var done = await db.Set<RecurringRun>().AsNoTracking()
            .Where(r => r.ScheduleId == schedule.Id && r.PeriodKey == period.Key)
            .Select(r => r.SourceItemId).ToListAsync(cancellationToken);
        var target = await types.GetAsync(schedule.ContentType, cancellationToken);
        var sources = await SourcesAsync(schedule, cancellationToken);
        int created = 0, failed = 0, already = 0;
        foreach (var source in sources)
        {
            if (done.Contains(source.Id))
            {
                already++;
                continue;
            }

            switch (await CreateOneAsync(schedule, target, period, source, cancellationToken))
            {
                case true: created++; break;
                case false: failed++; break;
                default: already++; break;
            }
        }

        logger.LogInformation("Schedule {ScheduleId} period {PeriodKey}: {Created} created, {Failed} failed, {AlreadyDone} already done", schedule.Id, period.Key, created, failed, already);
        return new PeriodOutcome(created, failed, already);
    }

    private sealed record Source(string Id, string? Title, string? OwnerId, int? UnitId, string Data);

    private async Task<IReadOnlyList<Source>> SourcesAsync(RecurringSchedule schedule, CancellationToken cancellationToken)
    {
        if (schedule.SourceType is null)
        {
            return [new Source("", null, null, null, "{}")];
        }

        var items = query.Latest.Where(i => i.ContentType == schedule.SourceType);
        if (schedule.SourceState is { } state)
        {
            items = items.Where(i => i.WorkflowState == state);
        }

        return await items.OrderBy(i => i.CreatedUtc).ThenBy(i => i.ContentItemId)
            .Select(i => new Source(i.ContentItemId, i.DisplayText, i.OwnerId, i.OrganisationUnitId, i.Data))
            .ToListAsync(cancellationToken);
    }

    /// <summary>True: created; false: failed (and written down); null: another node or run got there first.</summary>
    private async Task<bool?> CreateOneAsync(RecurringSchedule schedule, ContentTypeDefinition? target, Period period, Source source, CancellationToken cancellationToken)
    {
        var run = new RecurringRun { ScheduleId = schedule.Id, PeriodKey = period.Key, SourceItemId = source.Id, Status = RunStatus.Created, RunUtc = Now };
        string? problem = null;
        try
        {
            var change = target is null ? null : Change(schedule, target, period, source, out problem);
            if (target is null || change is null)
            {
                problem ??= $"Typen \"{schedule.ContentType}\" finns inte längre.";
                return await RecordFailureAsync(run, problem, cancellationToken);
            }

            run.Title = change.DisplayText;
            var owner = schedule.OwnerUserId ?? source.OwnerId ?? SystemUserId;
            var strategy = db.Database.CreateExecutionStrategy();
            return await gate.RunAsync(db, () => strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                db.Add(run);
                await db.SaveChangesAsync(cancellationToken); // the claim: a second insert of the key waits for this one, then fails
                var item = await contents.CreateAsync(target, change, owner, publish: true, cancellationToken);
                run.CreatedItemId = item.ContentItemId;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Schedule {ScheduleId} created content item {ContentItemId} for period {PeriodKey} (source {SourceItemId})", schedule.Id, item.ContentItemId, period.Key, source.Id);
                return (bool?)true;
            }), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One item's failure is written down and must not stop the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            db.ChangeTracker.Clear();
            if (await ClaimedAsync(run, cancellationToken))
            {
                return null; // lost the race for the key: the other run created it
            }

            logger.LogWarning(exception, "Schedule {ScheduleId} could not create the item for period {PeriodKey} (source {SourceItemId})", schedule.Id, period.Key, source.Id);
            return await RecordFailureAsync(run, exception is DbUpdateException ? "Ärendet kunde inte sparas." : exception.Message, cancellationToken);
        }
    }

    private ContentChange? Change(RecurringSchedule schedule, ContentTypeDefinition target, Period period, Source source, out string? problem)
    {
        problem = null;
        var sourceData = JsonNode.Parse(source.Data) as JsonObject ?? [];
        var model = new ScheduleTemplateModel(period, schedule.SourceType is null ? null : new Dictionary<string, object?>
        {
            ["id"] = source.Id,
            ["title"] = source.Title ?? "",
            ["fields"] = sourceData.ToDictionary(p => p.Key, p => (object?)(p.Value is JsonValue v ? v.ToString() : p.Value?.ToJsonString())),
        });

        var data = new JsonObject();
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(schedule.InitialValues) ?? [];
        foreach (var (name, template) in values)
        {
            if (target.Field(name) is not { } field)
            {
                continue;
            }

            var (value, error) = FieldValues.Parse(field, new FieldInput([templates.Render(template, model)]));
            if (error is not null)
            {
                problem = error;
                return null;
            }

            data[name] = value;
        }

        if (schedule.LinkField is { } link && schedule.SourceType is not null && target.Field(link) is not null)
        {
            data[link] = source.Id; // the link a workflow's linked item has: a reference field back to the source
        }

        var title = templates.RenderTitle(schedule.TitleTemplate, model);
        return new ContentChange(title.Length > 0 ? title : period.Label, source.UnitId, data);
    }

    private async Task<bool> ClaimedAsync(RecurringRun run, CancellationToken cancellationToken) =>
        await db.Set<RecurringRun>().AsNoTracking().AnyAsync(r => r.ScheduleId == run.ScheduleId && r.PeriodKey == run.PeriodKey && r.SourceItemId == run.SourceItemId, cancellationToken);

    private async Task<bool?> RecordFailureAsync(RecurringRun run, string problem, CancellationToken cancellationToken)
    {
        run.Id = 0;
        run.Status = RunStatus.Failed;
        run.CreatedItemId = null;
        run.Outcome = problem.Length > 500 ? problem[..500] : problem;
        try
        {
            db.Add(run);
            await gate.RunAsync(db, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
            return false;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null; // another node wrote this item (or its failure) meanwhile
        }
    }

    /// <summary>Moves the schedule's bookmark forward (never back) past <paramref name="period"/>.</summary>
    private Task<int> MarkDoneAsync(RecurringSchedule schedule, Period period, CancellationToken cancellationToken)
    {
        var start = period.StartUtc;
        schedule.DoneThroughUtc = start;
        return gate.RunAsync(db, () => db.Set<RecurringSchedule>()
            .Where(s => s.Id == schedule.Id && (s.DoneThroughUtc == null || s.DoneThroughUtc < start))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.DoneThroughUtc, start), cancellationToken), cancellationToken);
    }
}
