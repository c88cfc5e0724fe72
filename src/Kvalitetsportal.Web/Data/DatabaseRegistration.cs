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
    /// <summary>SQLite in the data folder unless Database:Provider says Postgres.</summary>
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

                services.AddDbContext<PortalDbContext, PostgresPortalDbContext>(o => o.UseNpgsql(connectionString));
                break;
            default:
                var sqlite = configuration.GetConnectionString("Sqlite") ?? $"Data Source={Path.Combine(dataFolder, "kvalitetsportal.db")}";
                services.AddDbContext<PortalDbContext, SqlitePortalDbContext>(o => o.UseSqlite(sqlite));
                break;
        }

        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);
        return services;
    }
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
