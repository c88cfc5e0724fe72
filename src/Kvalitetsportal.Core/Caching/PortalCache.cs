using Kvalitetsportal.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Kvalitetsportal.Caching;

/// <summary>
/// The portal's one cache (ADR 0018): FusionCache, registered once for every module. Values live
/// in this node's memory; what makes a forgetting reach the other nodes is a tag: a module tags
/// its entries with what invalidates them and calls <c>RemoveByTag</c> after it saved a change.
/// With <see cref="RedisSetting"/> configured, the tags' timestamps are kept in Redis and every
/// node is told through the Redis backplane; without it the portal runs on one node as before.
/// </summary>
public static class PortalCache
{
    /// <summary>A StackExchange.Redis connection string, e.g. <c>redis:6379</c>; empty for one node.</summary>
    public const string RedisSetting = "Cache:Redis";

    /// <summary>
    /// The bound of this node's memory cache, in size units: an entry is 1 unless it says more (a
    /// list page counts its rows, about 2 KB each), so some 80 MB at most.
    /// </summary>
    public const long MemorySizeLimit = 40_000;

    public static IServiceCollection AddPortalCache(this IServiceCollection services, IConfiguration configuration)
    {
        var cache = services.AddFusionCache()
            .WithDefaultEntryOptions(DefaultEntryOptions())
            // Its own memory cache, so that the size limit binds only the portal's entries.
            .WithMemoryCache(new MemoryCache(new MemoryCacheOptions { SizeLimit = MemorySizeLimit }));

        var redis = configuration[RedisSetting];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // One connection for the tags' store (L2) and the backplane.
            var connection = new Lazy<Task<IConnectionMultiplexer>>(async () => (IConnectionMultiplexer)await ConnectionMultiplexer.ConnectAsync(redis));
            cache.WithSerializer(new FusionCacheSystemTextJsonSerializer())
                .WithDistributedCache(new RedisCache(new RedisCacheOptions { ConnectionMultiplexerFactory = () => connection.Value }))
                .WithBackplane(new RedisBackplane(new RedisBackplaneOptions { ConnectionMultiplexerFactory = () => connection.Value }));
        }

        return services;
    }

    /// <summary>
    /// Forgets <paramref name="tags"/> after a save of <paramref name="db"/>: now, and inside a
    /// transaction (a recipe, a feature's set-up) once more when it commits. Forgetting only before
    /// the commit let a reader in between cache what the commit was about to replace, for the
    /// entry's whole life (a new content type missing for five seconds after its recipe ran).
    /// </summary>
    public static async ValueTask RemoveByTagOnCommitAsync(this IFusionCache cache, PortalDbContext db, IReadOnlyList<string> tags, CancellationToken cancellationToken = default)
    {
        await cache.RemoveByTagAsync(tags, token: cancellationToken);
        if (db.Database.CurrentTransaction is not null)
        {
            db.AfterCommit.Add(async ct => await cache.RemoveByTagAsync(tags, token: ct));
        }
    }

    /// <summary>The cache as one node without Redis has it, outside dependency injection (tests, tools).</summary>
    public static IFusionCache CreateNodeLocal() =>
        new FusionCache(
            new FusionCacheOptions { DefaultEntryOptions = DefaultEntryOptions() },
            new MemoryCache(new MemoryCacheOptions { SizeLimit = MemorySizeLimit }));

    /// <summary>
    /// What every entry gets unless it says otherwise: a short life, size 1, and node-local. The
    /// values are rebuilt from the database (the source of truth every node shares) and some are
    /// live objects (index filters, shared rows) that must not be serialized, so they stay out of
    /// Redis; and a node that fills an entry does not tell the others (they would only drop their
    /// own good copy). Forgetting goes by tag, which does reach every node.
    /// </summary>
    public static FusionCacheEntryOptions DefaultEntryOptions() => new()
    {
        Duration = TimeSpan.FromMinutes(1),
        Size = 1,
        SkipDistributedCacheRead = true,
        SkipDistributedCacheWrite = true,
        SkipBackplaneNotifications = true,
        // A stale answer is not served by default: access decisions must not outlive a change.
        IsFailSafeEnabled = false,
    };
}
