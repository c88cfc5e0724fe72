using Microsoft.Extensions.DependencyInjection;
using Kvalitetsportal.Caching;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ZiggyCreatures.Caching.Fusion;
using static Kvalitetsportal.UnitTests.Modules.TestCatalog;

namespace Kvalitetsportal.UnitTests.Modules;

/// <summary>The feature gate's rules, against a real (in-memory) SQLite database.</summary>
public sealed class FeatureManagerTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ModuleCatalog _catalog = Of(
        AlwaysOn("Users"),
        Feature("Content", "Users"),
        Feature("Workflows", "Content"),
        Feature("Idesluss", "Workflows", "Content"),
        Feature("Search", "Content"));

    public FeatureManagerTests() => _connection.Open();

    private FeatureManager NewManager(IFusionCache? cache = null)
    {
        var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseSqlite(_connection).Options, _catalog);
        db.Database.EnsureCreated();
        // No feature recipes registered: enabling only records the features.
        var provider = new ServiceCollection()
            .AddSingleton<Kvalitetsportal.Data.PortalDbContext>(db)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddScoped<Kvalitetsportal.Recipes.FeatureRecipeRunner>()
            .AddScoped<Kvalitetsportal.Recipes.RecipeExecutor>()
            .BuildServiceProvider();
        return new FeatureManager(db, _catalog, cache ?? PortalCache.CreateNodeLocal(), NullLogger<FeatureManager>.Instance, Kvalitetsportal.Audit.NullAuditTrail.Instance, provider);
    }

    [Fact]
    public async Task Always_enabled_features_are_on_from_the_start_and_nothing_else()
    {
        var enabled = await NewManager().GetEnabledFeatureIdsAsync();
        Assert.Equal(["Users"], enabled);
    }

    [Fact]
    public async Task Enabling_a_feature_enables_what_it_depends_on()
    {
        var manager = NewManager();
        var result = await manager.EnableAsync("Idesluss");
        Assert.True(result.Succeeded);
        Assert.Equal(["Content", "Workflows", "Idesluss"], result.ChangedFeatureIds);
        Assert.Contains("Content (namn)", result.Message);
        Assert.True(await NewManager().IsEnabledAsync("Workflows"));
    }

    [Fact]
    public async Task Disabling_a_feature_others_need_is_refused_and_names_them()
    {
        var manager = NewManager();
        await manager.EnableAsync("Idesluss");
        var result = await manager.DisableAsync("Workflows");
        Assert.False(result.Succeeded);
        Assert.Contains("Idesluss (namn)", result.Message);
        Assert.True(await manager.IsEnabledAsync("Workflows"));
    }

    [Fact]
    public async Task An_always_enabled_feature_cannot_be_disabled()
    {
        var result = await NewManager().DisableAsync("Users");
        Assert.False(result.Succeeded);
        Assert.Contains("grundfunktion", result.Message);
    }

    [Fact]
    public async Task Disable_takes_effect_at_once_on_this_node_and_re_enable_brings_it_back()
    {
        var cache = PortalCache.CreateNodeLocal();
        var manager = NewManager(cache);
        await manager.EnableAsync("Search");
        Assert.True(await manager.IsEnabledAsync("Search"));

        Assert.True((await manager.DisableAsync("Search")).Succeeded);
        Assert.False(await manager.IsEnabledAsync("Search"));

        Assert.True((await manager.EnableAsync("Search")).Succeeded);
        Assert.True(await manager.IsEnabledAsync("Search"));
    }

    [Fact]
    public async Task Unknown_features_are_reported_not_thrown()
    {
        var result = await NewManager().EnableAsync("FinnsInte");
        Assert.False(result.Succeeded);
        Assert.Contains("finns inte", result.Message);
    }

    public void Dispose() => _connection.Dispose();

    private sealed class TestDbContext(DbContextOptions<TestDbContext> options, IModuleCatalog catalog) : PortalDbContext(options, catalog);
}
