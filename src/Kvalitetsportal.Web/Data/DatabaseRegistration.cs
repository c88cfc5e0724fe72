using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kvalitetsportal.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseRegistration
{
    /// <summary>
    /// SQLite in the data folder unless Database:Provider says Postgres. The options are built once
    /// (they depend on configuration only): built per request, they cost every request's first
    /// database access a rebuild and a lookup of EF Core's internal services.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                var connectionString = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider är Postgres men ConnectionStrings:Postgres saknas.");
                }

                services.AddDbContext<PortalDbContext, PostgresPortalDbContext>(o => o.UseNpgsql(connectionString).AddInterceptors(AfterCommitInterceptor.Instance), optionsLifetime: ServiceLifetime.Singleton);
                break;
            default:
                var sqlite = configuration.GetConnectionString("Sqlite") ?? $"Data Source={Path.Combine(dataFolder, "kvalitetsportal.db")}";
                var pragmas = new SqlitePragmas(configuration.GetValue("Database:SqliteSynchronous", SqlitePragmas.Normal));
                services.AddDbContext<PortalDbContext, SqlitePortalDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(pragmas, AfterCommitInterceptor.Instance), optionsLifetime: ServiceLifetime.Singleton);
                break;
        }

        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"])
            .AddCheck<Operations.DatabaseWriteCheck>(Operations.DatabaseWriteCheck.Name, tags: ["ready"])
            .AddCheck<Operations.DataFolderWriteCheck>(Operations.DataFolderWriteCheck.Name, tags: ["ready"]);
        return services;
    }
}

/// <summary>
/// Two per-connection settings for SQLite, which has one writer at a time. busy_timeout: a writer
/// that finds the database locked waits in SQLite's own short steps (1, 2, 5, 10 … ms) instead of
/// the driver's fixed 150 ms sleeps, which made every contended write cost at least 150 ms.
/// The database is in WAL mode (EF Core creates it so). With synchronous=NORMAL a commit no longer
/// waits for the disk (fsync) — about 5 ms a commit on these machines, and SQLite has one writer
/// at a time — while the database stays safe from corruption; an operating-system crash or power
/// loss may lose the last commits, an application crash loses nothing. Database:SqliteSynchronous
/// = Full restores a flush per commit. PostgreSQL, the production choice, is not affected.
/// </summary>
public sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public const string Normal = "Normal";

    private readonly string _pragma;

    // Pooled connections keep their native handle (and its settings): only a new handle needs them.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = [];

    public SqlitePragmas(string synchronous)
    {
        var level = synchronous.ToUpperInvariant() switch
        {
            "NORMAL" => "NORMAL",
            "FULL" => "FULL",
            "EXTRA" => "EXTRA",
            _ => throw new InvalidOperationException($"Database:SqliteSynchronous måste vara Normal, Full eller Extra, inte \"{synchronous}\"."),
        };
        _pragma = $"PRAGMA synchronous = {level}; PRAGMA busy_timeout = 30000;";
    }

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        if (!IsNew(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsNew(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private bool IsNew(System.Data.Common.DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, this);
}

/// <summary>Lets `dotnet ef` build the composed model without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=design.db").Options,
            Kvalitetsportal.Modules.ModuleCatalog.Discover(typeof(SqliteDesignTimeFactory).Assembly));
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql("Host=localhost;Database=design").Options,
            Kvalitetsportal.Modules.ModuleCatalog.Discover(typeof(PostgresDesignTimeFactory).Assembly));
}
