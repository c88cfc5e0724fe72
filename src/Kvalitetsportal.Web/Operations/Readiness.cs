using System.Data.Common;
using Kvalitetsportal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Kvalitetsportal.Web.Operations;

/// <summary>
/// Readiness means the portal can keep what people give it: reaching the database is not enough
/// (a read-only or full database still answers a SELECT). The check commits a write that changes
/// nothing: the setup record's recipe name set to itself.
/// </summary>
public sealed class DatabaseWriteCheck(PortalDbContext db, ILogger<DatabaseWriteCheck> logger) : IHealthCheck
{
    public const string Name = "database-write";

    // Whether the last check failed (per process; checks are created per run).
    private static int s_failing;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SetupRecords.Where(r => r.Id == SetupRecord.SingletonId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RecipeName, r => r.RecipeName), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (Interlocked.Exchange(ref s_failing, 0) == 1)
            {
                // Connections opened during the outage (a read-only session) are replaced as well.
                ClearPool(db.Database.GetDbConnection());
                logger.LogInformation("Readiness: the database takes writes again");
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            Interlocked.Exchange(ref s_failing, 1);
            logger.LogError(exception, "Readiness: the database does not take a write");
            // Pooled connections may carry the broken state (a read-only session, a file handle that
            // failed): new ones are opened once the cause is gone, so the portal recovers by itself.
            ClearPool(db.Database.GetDbConnection());
            return HealthCheckResult.Unhealthy("The database does not take a write: " + exception.GetType().Name);
        }
    }

    private static void ClearPool(DbConnection connection)
    {
        switch (connection)
        {
            case SqliteConnection sqlite:
                SqliteConnection.ClearPool(sqlite);
                break;
            case NpgsqlConnection postgres:
                NpgsqlConnection.ClearPool(postgres);
                break;
        }
    }
}

/// <summary>Readiness: the data folder (uploads, search index, keys) takes a file.</summary>
public sealed class DataFolderWriteCheck(IConfiguration configuration) : IHealthCheck
{
    public const string Name = "data-folder";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = configuration["Portal:DataFolderResolved"] ?? "App_Data";
        var probe = Path.Combine(folder, $".ready-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("The data folder does not take a file: " + exception.GetType().Name);
        }
    }
}
