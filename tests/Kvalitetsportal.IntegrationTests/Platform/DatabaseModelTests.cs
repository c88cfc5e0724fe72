using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Platform;

public sealed class DatabaseModelTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Checked_in_migrations_match_the_composed_model()
    {
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(), $"Modellen har ändringar utan migrering för {TestDatabase.ProviderName}: kör dotnet ef migrations add.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_setup_recipe_ran_once_and_is_recorded()
    {
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var record = Assert.Single(await db.SetupRecords.ToListAsync());
        Assert.Equal("default.recipe.json", record.RecipeName);
    }
}
