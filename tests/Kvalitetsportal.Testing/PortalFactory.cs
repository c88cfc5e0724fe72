using Kvalitetsportal.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kvalitetsportal.Testing;

/// <summary>
/// The real portal (Program.cs, real database, default recipe) in a fresh data folder and a fresh
/// database. With <see cref="UseRealServer"/> it listens on a loopback port for the browser.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@kvalitetsportal.local";
    public const string AdminPassword = "Test-Admin-Lösen-1";
    public const string EmployeeEmail = "anna.medarbetare@kvalitetsportal.local";
    public const string ManagerEmail = "karl.chef@kvalitetsportal.local";
    public const string SamplePassword = "Test-Medarbetare-1";

    private readonly string _dataFolder;
    private readonly string _postgresDatabase;

    /// <summary>A fresh data folder and database.</summary>
    public PortalFactory()
        : this(Path.Combine(Path.GetTempPath(), "kp-tests", Guid.NewGuid().ToString("N")), "kp_test_" + Guid.NewGuid().ToString("N")[..12])
    {
    }

    /// <summary>
    /// The portal on an existing data folder and database, e.g. to start it again after
    /// <see cref="KeepDataOnDispose"/> (a restart).
    /// </summary>
    protected PortalFactory(string dataFolder, string postgresDatabase)
    {
        _dataFolder = dataFolder;
        _postgresDatabase = postgresDatabase;
    }

    private PortalFactory? _databaseOwner;

    protected virtual bool UseRealServer => false;

    public string DataFolder => _dataFolder;

    /// <summary>The PostgreSQL database's name (when the tests run on PostgreSQL).</summary>
    public string PostgresDatabase => _postgresDatabase;

    /// <summary>When set, disposing stops the portal but leaves its data folder and database for a restart.</summary>
    public bool KeepDataOnDispose { get; set; }

    /// <summary>Extra configuration a test class needs (e.g. a lower sign-in rate limit).</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public Uri ServerAddress { get; private set; } = new("http://localhost");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Module and theme assets (/_content/...) are served from their projects, as in Development.
        builder.UseStaticWebAssets();
        builder.UseSetting("Portal:DataFolder", _dataFolder);
        builder.UseSetting("Setup:AdminPassword", AdminPassword);
        builder.UseSetting("Setup:SamplePassword", SamplePassword);
        builder.UseSetting("Database:Provider", TestDatabase.ProviderName);
        if (TestDatabase.IsPostgres)
        {
            builder.UseSetting("ConnectionStrings:Postgres", (_databaseOwner ?? this).PostgresConnectionString);
        }
        else if (_databaseOwner is not null)
        {
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(_databaseOwner.DataFolder, "kvalitetsportal.db")}");
        }

        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

    }

    /// <summary>
    /// Makes this portal a second node of <paramref name="first"/>: the same database, its own data
    /// folder (and so its own search index). Call before this portal starts; dispose it before the first.
    /// </summary>
    public void UseDatabaseOf(PortalFactory first) => _databaseOwner = first;

    private string PostgresConnectionString => $"{TestDatabase.PostgresServer};Database={_postgresDatabase}";

    public Task InitializeAsync()
    {
        if (UseRealServer)
        {
            UseKestrel(0); // a free loopback port, for the browser
            StartServer();
            ServerAddress = ClientOptions.BaseAddress;
        }
        else
        {
            _ = Server; // boots the host: migrations and the setup recipe run now
        }

        return Task.CompletedTask;
    }

    /// <summary>A scope on the running portal, for arranging data and asserting on what was stored.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (KeepDataOnDispose)
        {
            await DisposeAsync();
            return;
        }

        if (TestDatabase.IsPostgres && _databaseOwner is null)
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.EnsureDeletedAsync();
        }

        await DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be held open for a moment; the temp folder is cleaned by the OS.
        }
    }
}
