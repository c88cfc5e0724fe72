using Kvalitetsportal.Data;
using Kvalitetsportal.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Setup;

/// <summary>
/// Applies migrations (EF Core takes a database lock, so several nodes may start at once) and,
/// on a fresh database, runs the setup recipe.
/// </summary>
public sealed class PortalInitializer(IServiceProvider services, IConfiguration configuration, ILogger<PortalInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        if (await db.SetupRecords.AnyAsync(cancellationToken))
        {
            // A module added to an existing portal: its enabled features' recipes that never ran, run now.
            var enabled = await scope.ServiceProvider.GetRequiredService<Modules.IFeatureManager>().GetEnabledFeatureIdsAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<FeatureRecipeRunner>().ApplyAsync(enabled, cancellationToken);
            return;
        }

        var recipePath = configuration["Setup:Recipe"];
        if (string.IsNullOrWhiteSpace(recipePath))
        {
            logger.LogWarning("No setup recipe configured (Setup:Recipe); the portal starts empty");
            return;
        }

        var fullPath = Path.IsPathRooted(recipePath) ? recipePath : Path.Combine(AppContext.BaseDirectory, recipePath);
        logger.LogInformation("First run: executing setup recipe {Recipe}", Path.GetFileName(fullPath));
        await using var stream = File.OpenRead(fullPath);
        // The setup row has a fixed key and is written in the recipe's transaction: if two nodes
        // race on a fresh database, the second one's insert fails and its whole recipe rolls back.
        await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(stream, async context =>
        {
            context.SetupRecords.Add(new SetupRecord { Id = SetupRecord.SingletonId, RecipeName = Path.GetFileName(fullPath), CompletedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }
}
