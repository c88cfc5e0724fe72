using Kvalitetsportal.Audit;
using Kvalitetsportal.Caching;
using Kvalitetsportal.Data;
using Kvalitetsportal.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Modules;

/// <summary>
/// The enabled set lives in the database so that several nodes agree; each node caches it for a
/// few seconds, and a change forgets it at once (on every node, through the cache's tag).
/// </summary>
public sealed class FeatureManager(
    PortalDbContext db,
    IModuleCatalog catalog,
    IFusionCache cache,
    ILogger<FeatureManager> logger,
    IAuditTrail audit,
    IServiceProvider services) : IFeatureManager
{
    private const string CacheKey = "core:features";

    /// <summary>The tag that forgets the enabled set.</summary>
    public const string CacheTag = "core:features";

    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlySet<string>> GetEnabledFeatureIdsAsync(CancellationToken cancellationToken = default) =>
        await cache.GetOrSetAsync<IReadOnlySet<string>>(CacheKey, async (_, ct) =>
        {
            var stored = await db.EnabledFeatures.AsNoTracking().Select(f => f.FeatureId).ToListAsync(ct);
            var enabled = new HashSet<string>(stored, StringComparer.OrdinalIgnoreCase);
            enabled.UnionWith(catalog.Features.Where(f => f.AlwaysEnabled).Select(f => f.Id));
            // A stored feature whose module is no longer referenced is simply not there.
            enabled.IntersectWith(catalog.Features.Select(f => f.Id));
            return enabled;
        }, options => options.SetDuration(CacheDuration), [CacheTag], cancellationToken);

    public async Task<bool> IsEnabledAsync(string featureId, CancellationToken cancellationToken = default) =>
        (await GetEnabledFeatureIdsAsync(cancellationToken)).Contains(featureId);

    public async Task<FeatureChangeResult> EnableAsync(string featureId, CancellationToken cancellationToken = default)
    {
        var feature = catalog.FindFeature(featureId);
        if (feature is null)
        {
            return FeatureChangeResult.Failed($"Funktionen \"{featureId}\" finns inte.");
        }

        var enabled = await GetEnabledFeatureIdsAsync(cancellationToken);
        var toEnable = new List<string>();
        CollectDependencies(feature, enabled, toEnable, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        if (toEnable.Count == 0)
        {
            return new FeatureChangeResult(true, $"\"{feature.Name}\" är redan aktiverad.", []);
        }

        var stored = await db.EnabledFeatures.Select(f => f.FeatureId).ToListAsync(cancellationToken);
        foreach (var id in toEnable.Where(id => !stored.Contains(id, StringComparer.OrdinalIgnoreCase)))
        {
            db.EnabledFeatures.Add(new EnabledFeature { FeatureId = id, EnabledAt = DateTimeOffset.UtcNow });
        }

        foreach (var id in toEnable)
        {
            audit.Record(new AuditEntry(AuditCategories.Features, AuditActions.FeatureEnabled, AuditSubjectTypes.Feature, id, catalog.FindFeature(id)!.Name));
        }

        // The features' own recipes (ADR 0013) commit with the enabling, or neither does.
        var recipes = services.GetRequiredService<FeatureRecipeRunner>();
        if (recipes.HasRecipe(toEnable) && db.Database.CurrentTransaction is null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await recipes.ApplyAsync(toEnable, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (RecipeException ex)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                logger.LogWarning(ex, "The recipe of feature {FeatureId} failed", feature.Id);
                return FeatureChangeResult.Failed($"\"{feature.Name}\" kunde inte aktiveras: {ex.Message}");
            }
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            await recipes.ApplyAsync(toEnable, cancellationToken);
        }

        await cache.RemoveByTagOnCommitAsync(db, [CacheTag], cancellationToken);
        logger.LogInformation("Features {FeatureIds} enabled", toEnable);

        var names = toEnable.Select(id => catalog.FindFeature(id)!.Name).ToList();
        var message = names.Count == 1
            ? $"\"{feature.Name}\" är aktiverad."
            : $"\"{feature.Name}\" är aktiverad, tillsammans med det den behöver: {string.Join(", ", names.Where(n => n != feature.Name))}.";
        return new FeatureChangeResult(true, message, toEnable);
    }

    public async Task<FeatureChangeResult> DisableAsync(string featureId, CancellationToken cancellationToken = default)
    {
        var feature = catalog.FindFeature(featureId);
        if (feature is null)
        {
            return FeatureChangeResult.Failed($"Funktionen \"{featureId}\" finns inte.");
        }

        if (feature.AlwaysEnabled)
        {
            return FeatureChangeResult.Failed($"\"{feature.Name}\" är en grundfunktion och kan inte stängas av.");
        }

        var enabled = await GetEnabledFeatureIdsAsync(cancellationToken);
        if (!enabled.Contains(feature.Id))
        {
            return new FeatureChangeResult(true, $"\"{feature.Name}\" är redan avstängd.", []);
        }

        var dependents = catalog.Features
            .Where(f => enabled.Contains(f.Id) && f.Dependencies.Contains(feature.Id, StringComparer.OrdinalIgnoreCase))
            .Select(f => f.Name)
            .ToList();
        if (dependents.Count > 0)
        {
            return FeatureChangeResult.Failed($"\"{feature.Name}\" kan inte stängas av eftersom {string.Join(", ", dependents.Select(n => $"\"{n}\""))} behöver den. Stäng av dem först.");
        }

        db.EnabledFeatures.RemoveRange(await db.EnabledFeatures.Where(f => f.FeatureId == feature.Id).ToListAsync(cancellationToken));
        audit.Record(new AuditEntry(AuditCategories.Features, AuditActions.FeatureDisabled, AuditSubjectTypes.Feature, feature.Id, feature.Name));
        await db.SaveChangesAsync(cancellationToken);
        await cache.RemoveByTagOnCommitAsync(db, [CacheTag], cancellationToken);
        logger.LogInformation("Feature {FeatureId} disabled", feature.Id);
        return new FeatureChangeResult(true, $"\"{feature.Name}\" är avstängd. Dess data finns kvar och kommer tillbaka när den aktiveras igen.", [feature.Id]);
    }

    private void CollectDependencies(FeatureDescriptor feature, IReadOnlySet<string> enabled, List<string> result, HashSet<string> seen)
    {
        if (!seen.Add(feature.Id))
        {
            return;
        }

        foreach (var dependency in feature.Dependencies)
        {
            CollectDependencies(catalog.FindFeature(dependency)!, enabled, result, seen);
        }

        if (!enabled.Contains(feature.Id))
        {
            result.Add(feature.Id);
        }
    }
}
