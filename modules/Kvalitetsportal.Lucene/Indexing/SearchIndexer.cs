using System.Diagnostics;
using System.Threading.Channels;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Lucene.Net.Index;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>The index's health, for the admin page.</summary>
public sealed record SearchIndexStatus(
    int Documents,
    long? Cursor,
    long LatestTaskId,
    int Lag,
    DateTime? CaughtUpUtc,
    bool RebuildRunning,
    RebuildReport? LastRebuild,
    string? LastError,
    DateTime? LastErrorUtc,
    bool FeatureEnabled);

public sealed record RebuildReport(DateTime FinishedUtc, TimeSpan Duration, int Documents);

/// <summary>
/// Keeps this node's index up to date: reads the change log from the node's cursor in batches
/// (every second, or at once when this node saved something), re-reads each changed item's current
/// rows and replaces or deletes its document. Rebuilds the whole index from the database on the
/// first start, when the node was away longer than the log is kept, when what is searchable in a
/// content type changed, and when an administrator asks. Only this class writes to the index.
/// </summary>
public sealed class SearchIndexer(
    IServiceScopeFactory scopes,
    SearchIndex index,
    ContentDocuments documents,
    SearchOptions options,
    TimeProvider clock,
    ILogger<SearchIndexer> logger) : BackgroundService
{
    public const string FeatureId = "Lucene";
    private const string DefinitionsKey = "kp.definitions";
    private const int RebuildPage = 1_000;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromHours(1);

    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _rebuildRequests;
    private DateTime _lastHousekeepingUtc = DateTime.MinValue;
    private DateTime _lastCommitUtc = DateTime.MinValue;
    private string? _definitions;

    public bool RebuildRunning { get; private set; }

    public RebuildReport? LastRebuild { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? LastErrorUtc { get; private set; }

    /// <summary>Rounds that failed in a row (0 when the last one succeeded); readiness reports a failing index.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>When the indexer tries again after a failure.</summary>
    public DateTime? NextAttemptUtc { get; private set; }

    private int _failures;

    /// <summary>Wakes the indexer now instead of at its next poll.</summary>
    public void Nudge() => _nudges.Writer.TryWrite(true);

    /// <summary>Asks for a rebuild from the database; searches use the old index until it is done.</summary>
    public void RequestRebuild()
    {
        Interlocked.Increment(ref _rebuildRequests);
        Nudge();
    }

    /// <summary>
    /// Waits until this node's index holds every change committed before the call (tests, the
    /// benchmark). Throws <see cref="TimeoutException"/> if it does not get there in time.
    /// </summary>
    public async Task WaitForCatchUpAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long target;
        await using (var scope = scopes.CreateAsyncScope())
        {
            target = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<IndexingTask>().MaxAsync(t => (long?)t.Id, cancellationToken) ?? 0;
        }

        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var progress = Volatile.Read(ref _progress).Task;
            if (Volatile.Read(ref _rebuildRequests) == 0 && !RebuildRunning && index.Cursor is { } cursor && cursor.Position >= target
                && !await AnyGapFilledAsync(cursor, target, cancellationToken))
            {
                return;
            }

            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Sökindexet kom inte ikapp ändringsloggen ({index.Cursor?.Position} av {target}) inom {timeout}. Senaste fel: {LastError ?? "inget"}");
            }

            Nudge();
            await Task.WhenAny(progress, Task.Delay(TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 200)), cancellationToken));
        }
    }

    /// <summary>Requests a rebuild and waits for it (the benchmark times it).</summary>
    public async Task<RebuildReport> RebuildAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var before = LastRebuild;
        RequestRebuild();
        var deadline = clock.GetUtcNow() + timeout;
        while (LastRebuild == before || Volatile.Read(ref _rebuildRequests) > 0 || RebuildRunning)
        {
            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Återuppbyggnaden blev inte klar inom {timeout}. Senaste fel: {LastError ?? "inget"}");
            }

            await Task.WhenAny(Volatile.Read(ref _progress).Task, Task.Delay(200, cancellationToken));
        }

        return LastRebuild!;
    }

    public async Task<SearchIndexStatus> StatusAsync(PortalDbContext db, IFeatureManager features, CancellationToken cancellationToken)
    {
        var cursor = index.Cursor;
        var tasks = db.Set<IndexingTask>();
        var latest = await tasks.MaxAsync(t => (long?)t.Id, cancellationToken) ?? 0;
        var position = cursor?.Position ?? 0;
        var lag = await tasks.CountAsync(t => t.Id > position, cancellationToken);
        return new SearchIndexStatus(
            index.DocumentCount, cursor?.Position, latest, lag,
            index.CaughtUpUtc == DateTime.MinValue ? null : index.CaughtUpUtc,
            RebuildRunning || Volatile.Read(ref _rebuildRequests) > 0, LastRebuild, LastError, LastErrorUtc,
            await features.IsEnabledAsync(FeatureId, cancellationToken));
    }

    /// <summary>
    /// The rounds run on a thread of their own that gives way to requests (<see cref="BackgroundPriority"/>):
    /// under a stream of changes, indexing falls a little further behind instead of slowing the
    /// people who make the changes, and catches up as soon as the cores are free.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundPriority.RunOnOwnThread("Search indexer", () => RunRoundsAsync(stoppingToken));

    private async Task RunRoundsAsync(CancellationToken stoppingToken)
    {
        if (index.Cursor is null)
        {
            logger.LogInformation("The search index has no cursor (new or never completed): rebuilding from the database");
            Interlocked.Increment(ref _rebuildRequests);
        }
        else if (clock.GetUtcNow().UtcDateTime - index.CaughtUpUtc > options.TaskRetention - TimeSpan.FromHours(1))
        {
            logger.LogWarning("The search index last caught up {CaughtUpUtc:O}, longer ago than the change log is kept: rebuilding", index.CaughtUpUtc);
            Interlocked.Increment(ref _rebuildRequests);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.PollInterval;
            var roundStarted = clock.GetUtcNow();
            try
            {
                await RunOnceAsync(stoppingToken);
                Volatile.Write(ref _failures, 0);
                NextAttemptUtc = null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive anything (a database restart); it tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var failures = Interlocked.Increment(ref _failures);
                LastError = exception.Message;
                LastErrorUtc = clock.GetUtcNow().UtcDateTime;
                wait = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5))));
                NextAttemptUtc = LastErrorUtc + wait;
                logger.LogError(exception, "Search indexing failed ({Failures} in a row); trying again in {Wait}", failures, wait);
            }
            finally
            {
                Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            if (ConsecutiveFailures > 0)
            {
                // After a failure the wait is what the log line said: saves keep nudging, and
                // answering each nudge would hammer a database that is down.
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                _nudges.Reader.TryRead(out _);
                continue;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(wait);
            try
            {
                await _nudges.Reader.ReadAsync(timeout.Token);
                // Nudged: changes keep coming. Rounds start at most every RefreshInterval, so that a
                // burst is read in batches rather than item by item.
                var early = options.RefreshInterval - (clock.GetUtcNow() - roundStarted);
                if (early > TimeSpan.Zero)
                {
                    await Task.Delay(early, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed without a nudge.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The loop has ended: commit what searches already see, so that a restart need not read it again.
        if (ExecuteTask is { IsCompleted: true } && index.HasUncommitted && !RebuildRunning && index.Cursor is { } cursor)
        {
            try
            {
                Commit(cursor, index.CaughtUpUtc);
            }
#pragma warning disable CA1031 // Shutting down: the log is read again from the last commit at the next start.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogWarning(exception, "The search index could not commit at shutdown; the change log is read again at the next start");
            }
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        // Disabled: the log keeps growing (the handler is part of every save) and the index catches up
        // when the feature comes back; after more than the retention, with a rebuild (ADR 0004).
        if (!await services.GetRequiredService<IFeatureManager>().IsEnabledAsync(FeatureId, cancellationToken))
        {
            return;
        }

        var db = services.GetRequiredService<PortalDbContext>();
        var content = services.GetRequiredService<IContentQuery>();
        var definitions = await services.GetRequiredService<IContentDefinitionStore>().GetAllAsync(cancellationToken);
        _definitions = DefinitionsFingerprint(definitions);
        if (index.Cursor is not null && Volatile.Read(ref _rebuildRequests) == 0
            && index.Writer.CommitData.TryGetValue(DefinitionsKey, out var indexed) && indexed != _definitions)
        {
            logger.LogInformation("What is searchable in the content types changed: rebuilding the search index");
            Interlocked.Increment(ref _rebuildRequests);
        }

        var requests = Volatile.Read(ref _rebuildRequests);
        if (requests > 0)
        {
            await RebuildCoreAsync(db, content, definitions, cancellationToken);
            Interlocked.Add(ref _rebuildRequests, -requests); // requests made during the rebuild run it again
            return;
        }

        while (await CatchUpOnceAsync(db, content, definitions, cancellationToken) >= options.BatchSize)
        {
            db.ChangeTracker.Clear();
        }

        if (index.HasUncommitted && clock.GetUtcNow().UtcDateTime - _lastCommitUtc >= options.CommitInterval)
        {
            Commit(index.Cursor!, index.CaughtUpUtc); // what searches already see
        }

        await HousekeepingAsync(db, cancellationToken);
    }

    /// <summary>Applies one batch of the log. Returns how many entries it read.</summary>
    private async Task<int> CatchUpOnceAsync(PortalDbContext db, IContentQuery content, IReadOnlyDictionary<string, ContentTypeDefinition> definitions, CancellationToken cancellationToken)
    {
        var cursor = index.Cursor!;
        var now = clock.GetUtcNow().UtcDateTime;
        var gaps = cursor.OpenGaps(now, options.GapTimeout);
        var tasks = await db.Set<IndexingTask>().AsNoTracking()
            .Where(t => t.Id > cursor.Position || gaps.Contains(t.Id))
            .OrderBy(t => t.Id)
            .Take(options.BatchSize)
            .Select(t => new { t.Id, t.ContentItemId })
            .ToListAsync(cancellationToken);
        if (tasks.Count == 0)
        {
            if (cursor.Gaps.Count != cursor.OpenGaps(now, options.GapTimeout).Count)
            {
                index.Publish(cursor.Advance([], now, options.GapTimeout), now); // expired gaps are forgotten
            }

            return 0;
        }

        var ids = tasks.Select(t => t.ContentItemId).Distinct(StringComparer.Ordinal).ToList();
        var rows = await content.Items
            .Where(i => ids.Contains(i.ContentItemId) && (i.Latest || i.Published))
            .ToListAsync(cancellationToken);
        var moduleTexts = await documents.ModuleTextAsync(db, ids, cancellationToken);
        foreach (var id in ids)
        {
            var latest = rows.FirstOrDefault(r => r.ContentItemId == id && r.Latest);
            var published = rows.FirstOrDefault(r => r.ContentItemId == id && r.Published);
            if (latest is null || published is null)
            {
                // Removed, or never published: nobody finds a draft through search.
                index.Writer.DeleteDocuments(new Term(IndexFields.Id, id));
            }
            else
            {
                var document = await documents.BuildAsync(published, latest, definitions.GetValueOrDefault(published.ContentType), cancellationToken, moduleTexts.GetValueOrDefault(id));
                index.Writer.UpdateDocument(new Term(IndexFields.Id, id), document);
            }
        }

        var caughtUp = tasks.Count < options.BatchSize ? now : index.CaughtUpUtc;
        index.Publish(cursor.Advance([.. tasks.Select(t => t.Id)], now, options.GapTimeout), caughtUp);
        logger.LogDebug("Indexed {Items} items from {Tasks} log entries", ids.Count, tasks.Count);
        return tasks.Count;
    }

    /// <summary>
    /// Writes every published item into an emptied index and commits it with a cursor at the log's
    /// end. Until that commit, searches see the old index; if it fails, nothing is committed and the
    /// next attempt starts over.
    /// </summary>
    private async Task RebuildCoreAsync(PortalDbContext db, IContentQuery content, IReadOnlyDictionary<string, ContentTypeDefinition> definitions, CancellationToken cancellationToken)
    {
        RebuildRunning = true;
        try
        {
            var watch = Stopwatch.StartNew();
            var tasks = db.Set<IndexingTask>().AsNoTracking();
            // The log's end is read before the items: a change committed later is in the log after it.
            var end = await tasks.MaxAsync(t => (long?)t.Id, cancellationToken) ?? 0;
            // Ids just below the end that are missing may belong to transactions still running; they
            // become gaps, read again when they commit (see IndexCursor).
            var window = Math.Max(0, end - options.BatchSize);
            var recent = await tasks.Where(t => t.Id > window).Select(t => t.Id).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var cursor = new IndexCursor(window, new Dictionary<long, DateTime>()).Advance(recent.Count > 0 ? recent : [end], now, options.GapTimeout);

            index.Writer.DeleteAll();
            var count = 0;
            long after = 0;
            var items = content.Items;
            while (true)
            {
                var page = await items.Where(i => i.Published && i.Id > after).OrderBy(i => i.Id).Take(RebuildPage).ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                // A published version with a newer draft on top: who may see it comes from the draft (the latest row).
                var behind = page.Where(i => !i.Latest).Select(i => i.ContentItemId).ToList();
                var latestRows = behind.Count == 0
                    ? []
                    : await items.Where(i => behind.Contains(i.ContentItemId) && i.Latest).ToDictionaryAsync(i => i.ContentItemId, StringComparer.Ordinal, cancellationToken);
                var moduleTexts = await documents.ModuleTextAsync(db, [.. page.Select(i => i.ContentItemId)], cancellationToken);
                foreach (var published in page)
                {
                    var latest = published.Latest ? published : latestRows.GetValueOrDefault(published.ContentItemId);
                    if (latest is not null)
                    {
                        index.Writer.AddDocument(await documents.BuildAsync(published, latest, definitions.GetValueOrDefault(published.ContentType), cancellationToken, moduleTexts.GetValueOrDefault(published.ContentItemId)));
                        count++;
                    }
                }

                after = page[^1].Id;
            }

            Commit(cursor, clock.GetUtcNow().UtcDateTime);
            LastRebuild = new RebuildReport(clock.GetUtcNow().UtcDateTime, watch.Elapsed, count);
            logger.LogInformation("Search index rebuilt: {Documents} documents in {Seconds:0.0} s, cursor {Cursor}", count, watch.Elapsed.TotalSeconds, cursor.Position);
        }
        finally
        {
            RebuildRunning = false;
        }
    }

    /// <summary>Once an hour: forget log entries older than the retention, and record that this node is alive and caught up.</summary>
    private async Task HousekeepingAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _lastHousekeepingUtc < Heartbeat)
        {
            return;
        }

        _lastHousekeepingUtc = now;
        var cutoff = now - options.TaskRetention;
        var deleted = await db.Set<IndexingTask>().Where(t => t.CreatedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} indexing log entries older than {Cutoff:O}", deleted, cutoff);
        }

        Commit(index.Cursor!, now);
    }

    /// <summary>Every durable commit of the index: with the cursor and the definitions' fingerprint, and when it happened.</summary>
    private void Commit(IndexCursor cursor, DateTime caughtUpUtc)
    {
        index.Commit(cursor, caughtUpUtc, Extra());
        _lastCommitUtc = clock.GetUtcNow().UtcDateTime;
    }

    private Dictionary<string, string> Extra() => _definitions is null ? [] : new() { [DefinitionsKey] = _definitions };

    /// <summary>Everything in the definitions that changes what a document holds: the searchable fields of each type.</summary>
    internal static string DefinitionsFingerprint(IReadOnlyDictionary<string, ContentTypeDefinition> definitions) =>
        string.Join(";", definitions.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t =>
            t.Name + ":" + string.Join(",", t.OrderedFields.Where(f => f.Searchable).Select(f => f.Name + "/" + f.Kind))));

    private async Task<bool> AnyGapFilledAsync(IndexCursor cursor, long target, CancellationToken cancellationToken)
    {
        var gaps = cursor.OpenGaps(clock.GetUtcNow().UtcDateTime, options.GapTimeout).Where(g => g <= target).ToList();
        if (gaps.Count == 0)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<IndexingTask>().AnyAsync(t => gaps.Contains(t.Id), cancellationToken);
    }
}
