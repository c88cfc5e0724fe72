using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.AuditTrail.Retention;

/// <summary>The only way events leave the log: those older than the retention are deleted, in batches.</summary>
public sealed class AuditRetention(
    PortalDbContext db,
    IOptions<AuditTrailOptions> options,
    TimeProvider clock,
    ILogger<AuditRetention> logger)
{
    public const int BatchSize = 1000;

    /// <summary>Deletes the events older than <c>AuditTrail:RetentionDays</c>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.RetentionDays;
        if (days < 1)
        {
            // A typo must not empty the log.
            logger.LogWarning("AuditTrail:RetentionDays is {RetentionDays}; nothing is deleted until it is at least 1", days);
            return 0;
        }

        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var deleted = 0;
        while (true)
        {
            var batch = await db.Set<AuditEvent>()
                .Where(e => e.OccurredUtc < cutoff)
                .OrderBy(e => e.Id)
                .Select(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            deleted += await db.Set<AuditEvent>().Where(e => batch.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        if (deleted > 0)
        {
            logger.LogInformation("Audit retention deleted {Count} events older than {Cutoff:o}", deleted, cutoff);
        }

        return deleted;
    }
}
