using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Contents.Files;

/// <summary>
/// The stored files a module still refers to. A module that keeps <see cref="StoredFile"/>s outside
/// content items (decision attachments) registers one, so the sweep never deletes its files.
/// </summary>
public interface IStoredFileReferences
{
    Task AddReferencedAsync(ISet<string> ids, CancellationToken cancellationToken);
}

/// <summary>File ids in stored JSON: any <c>"id":"&lt;32 hex&gt;"</c>. Finding too many only keeps a file longer.</summary>
public static partial class StoredFileIds
{
    public static IEnumerable<string> In(string json) => Pattern().Matches(json).Select(m => m.Groups[1].Value);

    [GeneratedRegex("\"id\"\\s*:\\s*\"([0-9a-fA-F]{32})\"")]
    private static partial Regex Pattern();
}

/// <summary>Every version of every item that still exists (removed items keep their rows but no latest version).</summary>
public sealed class ContentFileReferences(PortalDbContext db) : IStoredFileReferences
{
    public async Task AddReferencedAsync(ISet<string> ids, CancellationToken cancellationToken)
    {
        var living = db.Set<ContentItem>().Where(i => i.Latest).Select(i => i.ContentItemId);
        await foreach (var data in db.Set<ContentItem>().AsNoTracking()
            .Where(i => living.Contains(i.ContentItemId)) // Data is jsonb on PostgreSQL: searched here, not in SQL
            .Select(i => i.Data).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ids.UnionWith(StoredFileIds.In(data));
        }
    }
}

/// <summary>
/// Deletes uploads nothing refers to once they are older than <c>Uploads:AbandonedAfterHours</c>
/// (24 by default): files of refused submissions that were never sent again, of abandoned forms and
/// of removed items. The grace period keeps a file a form still carries as a pending upload.
/// </summary>
public sealed class AbandonedUploadSweeper(IServiceScopeFactory scopes, IFileStore files, IConfiguration configuration, TimeProvider clock, ILogger<AbandonedUploadSweeper> logger) : BackgroundService
{
    public const string GraceSetting = "Uploads:AbandonedAfterHours";

    private TimeSpan Grace => TimeSpan.FromHours(configuration.GetValue(GraceSetting, 24d));

    /// <summary>One sweep; returns how many files were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Grace;
        var candidates = new List<StoredFileEntry>();
        await foreach (var file in files.ListAsync(cancellationToken))
        {
            if (file.SavedUtc < cutoff)
            {
                candidates.Add(file);
            }
        }

        if (candidates.Count == 0)
        {
            return 0;
        }

        var referenced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var scope = scopes.CreateAsyncScope())
        {
            foreach (var references in scope.ServiceProvider.GetServices<IStoredFileReferences>())
            {
                await references.AddReferencedAsync(referenced, cancellationToken);
            }
        }

        var deleted = 0;
        long bytes = 0;
        foreach (var file in candidates.Where(f => !referenced.Contains(f.Id)))
        {
            await files.DeleteAsync(file.Id, cancellationToken);
            deleted++;
            bytes += file.Size;
        }

        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Files} uploads ({Bytes} bytes) that nothing refers to", deleted, bytes);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the sweep tries again next hour
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogError(exception, "The sweep of abandoned uploads failed");
            }
        }
    }
}

/// <summary>Removing an item removes its files (after the commit; a rolled-back removal keeps them).</summary>
public sealed class RemovedItemFiles(IServiceScopeFactory scopes, IFileStore files) : IContentCommittedHandler
{
    public async Task CommittedAsync(ContentCommitted committed, CancellationToken cancellationToken)
    {
        if (!committed.Events.HasFlag(ContentEvents.Removed))
        {
            return;
        }

        // A context of its own: the saving one is still tied to the transaction that just committed.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var versions = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.ContentItemId == committed.Item.ContentItemId)
            .Select(i => i.Data).ToListAsync(cancellationToken);
        // Every upload belongs to the one item it was sent with (a pending upload is never attached twice).
        foreach (var id in versions.SelectMany(StoredFileIds.In).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await files.DeleteAsync(id, cancellationToken);
        }
    }
}
