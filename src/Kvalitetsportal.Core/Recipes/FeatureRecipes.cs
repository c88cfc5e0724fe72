using System.Reflection;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Recipes;

/// <summary>
/// A recipe a module ships for one of its features (its content types, permissions, workflow),
/// embedded in the module's assembly. It runs once, when the feature is first enabled, and is
/// recorded so that it never runs again: an administrator's later changes are theirs (ADR 0013).
/// </summary>
public sealed record FeatureRecipe(string FeatureId, Assembly Assembly, string ResourceName)
{
    public Stream Open() =>
        Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The recipe resource {ResourceName} is not embedded in {Assembly.GetName().Name}.");
}

/// <summary>That a feature's recipe has run (one row per feature, written in the recipe's transaction).</summary>
public sealed class AppliedFeatureRecipe
{
    public required string FeatureId { get; set; }

    public required string RecipeName { get; set; }

    public DateTimeOffset AppliedAt { get; set; }
}

internal sealed class AppliedFeatureRecipeConfiguration : IEntityTypeConfiguration<AppliedFeatureRecipe>
{
    public void Configure(EntityTypeBuilder<AppliedFeatureRecipe> builder)
    {
        builder.ToTable(DataConventions.Table("Core", "FeatureRecipes"));
        builder.HasKey(r => r.FeatureId);
        builder.Property(r => r.FeatureId).HasMaxLength(200);
        builder.Property(r => r.RecipeName).HasMaxLength(300);
    }
}

public static class FeatureRecipeRegistration
{
    /// <summary>Ships <paramref name="resourceName"/> (an embedded resource of <paramref name="assembly"/>) as the feature's recipe.</summary>
    public static IServiceCollection AddFeatureRecipe(this IServiceCollection services, string featureId, Assembly assembly, string resourceName) =>
        services.AddSingleton(new FeatureRecipe(featureId, assembly, resourceName));
}

/// <summary>Runs the recipes of enabled features that have not run yet, each once.</summary>
public sealed class FeatureRecipeRunner(IServiceProvider services, IEnumerable<FeatureRecipe> recipes, ILogger<FeatureRecipeRunner> logger)
{
    public bool HasRecipe(IEnumerable<string> featureIds) =>
        featureIds.Any(id => recipes.Any(r => string.Equals(r.FeatureId, id, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Runs the pending recipes of <paramref name="featureIds"/> in dependency order (the order
    /// given). Inside an open transaction (a setup recipe's "features" step, enabling in the admin)
    /// they join it, so a failing feature recipe leaves the feature disabled.
    /// </summary>
    public async Task ApplyAsync(IEnumerable<string> featureIds, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        foreach (var featureId in featureIds)
        {
            foreach (var recipe in recipes.Where(r => string.Equals(r.FeatureId, featureId, StringComparison.OrdinalIgnoreCase)))
            {
                if (await db.Set<AppliedFeatureRecipe>().AnyAsync(r => r.FeatureId == recipe.FeatureId, cancellationToken)
                    || db.ChangeTracker.Entries<AppliedFeatureRecipe>().Any(e => e.Entity.FeatureId == recipe.FeatureId))
                {
                    continue;
                }

                logger.LogInformation("Running the recipe {Recipe} of feature {FeatureId}", recipe.ResourceName, recipe.FeatureId);
                await using var stream = recipe.Open();
                await services.GetRequiredService<RecipeExecutor>().ExecuteAsync(stream, async context =>
                {
                    context.Set<AppliedFeatureRecipe>().Add(new AppliedFeatureRecipe { FeatureId = recipe.FeatureId, RecipeName = recipe.ResourceName, AppliedAt = DateTimeOffset.UtcNow });
                    await context.SaveChangesAsync(cancellationToken);
                }, cancellationToken);
            }
        }
    }
}
