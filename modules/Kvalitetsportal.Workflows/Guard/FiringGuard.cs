using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Workflows.Guard;

/// <summary>
/// The runaway guard (Orchard's timers once sent thousands of mails): every firing of a timer for
/// an item, and every activity the portal runs by itself (in a move a timer made), is counted per
/// activity; one that has fired the configured number of times within the last hour is not run
/// again, and is reported once to administrators (/admin/arbetsfloden/stoppade). A stopped timer
/// stays stopped. Only automatic work can loop: activities run by a person's transition are not
/// counted (a click is not a loop), which also keeps the guard off the transition's hot path.
/// </summary>
public sealed class FiringGuard(PortalDbContext db, IOptions<WorkflowRuntimeOptions> options, ILogger<FiringGuard> logger)
{
    /// <summary>The key of a timer's firing (its start is counted under the activity's own key).</summary>
    public static string TimerKey(string activityKey) => "fire:" + activityKey;

    /// <summary>Counts the firing and returns true, or records the stop and returns false.</summary>
    public async Task<bool> TryFireAsync(string contentItemId, string contentType, string key, string description, DateTime now, CancellationToken cancellationToken)
    {
        var limit = Math.Max(1, options.Value.MaxFiringsPerItemPerHour);
        var since = now.AddHours(-1);
        var fired = await db.Set<WorkflowFiring>()
            .CountAsync(f => f.ContentItemId == contentItemId && f.Key == key && f.OccurredUtc > since, cancellationToken);
        if (fired < limit)
        {
            db.Add(new WorkflowFiring { ContentItemId = contentItemId, Key = key, OccurredUtc = now });
            return true;
        }

        var reported = await db.Set<StoppedFiring>()
            .AnyAsync(s => s.ContentItemId == contentItemId && s.Key == key && s.HandledUtc == null, cancellationToken);
        if (!reported)
        {
            db.Add(new StoppedFiring
            {
                ContentItemId = contentItemId,
                ContentType = contentType,
                Key = key,
                Description = description.Length > 500 ? description[..500] : description,
                Firings = fired,
                StoppedUtc = now,
            });
            logger.LogWarning("Runaway guard stopped {Key} for content item {ContentItemId} after {Firings} firings within an hour", key, contentItemId, fired);
        }

        return false;
    }

    /// <summary>Forgets firings older than an hour (they no longer count).</summary>
    public Task<int> PruneAsync(DateTime now, CancellationToken cancellationToken)
    {
        var before = now.AddHours(-1);
        return db.Set<WorkflowFiring>().Where(f => f.OccurredUtc <= before).ExecuteDeleteAsync(cancellationToken);
    }
}
