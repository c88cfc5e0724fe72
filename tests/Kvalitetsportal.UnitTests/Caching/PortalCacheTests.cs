using Kvalitetsportal.Caching;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Queries;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Kvalitetsportal.UnitTests.Caching;

/// <summary>
/// The portal cache as two nodes use it (ADR 0018): values stay on their node, a forgetting by tag
/// reaches the other node. Redis is stood in for by an in-process store and message bus.
/// </summary>
public sealed class PortalCacheTests : IDisposable
{
    private readonly MemoryDistributedCache _redisStore = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly InProcessBus _redisChannel = new();
    private readonly List<IFusionCache> _nodes = [];

    private IFusionCache Node()
    {
        var cache = PortalCache.CreateNodeLocal();
        cache.SetupDistributedCache(_redisStore, new FusionCacheSystemTextJsonSerializer());
        var backplane = new InProcessBackplane(_redisChannel);
        cache.SetupBackplane(backplane);
        _nodes.Add(cache);

        // FusionCache subscribes in the background: a message sent before that is lost to this node
        // (as to a node still starting), so a test waits until the node listens.
        Assert.True(SpinWait.SpinUntil(() => _redisChannel.Has(backplane), TimeSpan.FromSeconds(10)), "the node never subscribed");
        return cache;
    }


    [Fact]
    public async Task A_types_totals_forgotten_on_one_node_are_counted_afresh_on_the_other()
    {
        var (one, two) = (new ContentCountCache(Node()), new ContentCountCache(Node()));
        var stored = 3;
        Task<int> Count() => Task.FromResult(stored);

        Assert.Equal(3, await one.GetOrCountAsync("Ide", ContentAccessScope.None, new ContentFilter(), null, Count));
        Assert.Equal(3, await two.GetOrCountAsync("Ide", ContentAccessScope.None, new ContentFilter(), null, Count));
        Assert.Equal(3, await two.GetOrCountAcrossTypesAsync("mine:u1", Count));

        stored = 4;
        Assert.Equal(3, await two.GetOrCountAsync("Ide", ContentAccessScope.None, new ContentFilter(), null, Count)); // remembered
        one.Invalidate("Ide");

        // Each tag travels as its own backplane message: the type's and the across-types total arrive apart.
        await Eventually(async () => await two.GetOrCountAsync("Ide", ContentAccessScope.None, new ContentFilter(), null, Count) == 4);
        await Eventually(async () => await two.GetOrCountAcrossTypesAsync("mine:u1", Count) == 4);
        Assert.Equal(4, await one.GetOrCountAsync("Ide", ContentAccessScope.None, new ContentFilter(), null, Count));
    }

    [Fact]
    public async Task Filling_an_entry_on_one_node_does_not_drop_the_other_nodes_copy()
    {
        var (one, two) = (Node(), Node());
        var reads = 0;
        Task<int> Read(FusionCacheFactoryExecutionContext<int> _, CancellationToken __) => Task.FromResult(Interlocked.Increment(ref reads));

        Assert.Equal(1, await two.GetOrSetAsync<int>("core:features", Read));
        await one.GetOrSetAsync<int>("core:features", Read);
        await Task.Delay(100);

        Assert.Equal(1, await two.GetOrSetAsync<int>("core:features", Read));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_count_begun_before_a_forgetting_is_not_kept()
    {
        var counts = new ContentCountCache(PortalCache.CreateNodeLocal());
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var stored = 1;

        var slow = counts.GetOrCountAsync("Ide", ContentAccessScope.None, new ContentFilter(), null, async () =>
        {
            var seen = stored; // read before the change commits
            started.SetResult();
            await release.Task;
            return seen;
        });
        await started.Task;
        stored = 2;
        counts.Invalidate("Ide");
        release.SetResult();
        Assert.Equal(1, await slow);

        Assert.Equal(2, await counts.GetOrCountAsync("Ide", ContentAccessScope.None, new ContentFilter(), null, () => Task.FromResult(stored)));
    }

    [Fact]
    public void Without_a_Redis_setting_the_cache_is_this_nodes_alone_and_with_one_it_has_a_store_and_a_backplane()
    {
        using var local = Build(null);
        var one = local.GetRequiredService<IFusionCache>();
        Assert.False(one.HasDistributedCache);
        Assert.False(one.HasBackplane);

        // Nothing listens there: the connection is only attempted when first used.
        using var shared = Build("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        var many = shared.GetRequiredService<IFusionCache>();
        Assert.True(many.HasDistributedCache);
        Assert.True(many.HasBackplane);

        static ServiceProvider Build(string? redis) => new ServiceCollection()
            .AddLogging()
            .AddPortalCache(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PortalCache.RedisSetting] = redis }).Build())
            .BuildServiceProvider();
    }

    /// <summary>The backplane is asynchronous (FusionCache publishes in the background): up to 5 s on a busy machine.</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 250 && !await condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(await condition());
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }

    private sealed class InProcessBus
    {
        public List<InProcessBackplane> Subscribers { get; } = [];

        public bool Has(InProcessBackplane backplane)
        {
            lock (Subscribers)
            {
                return Subscribers.Contains(backplane);
            }
        }
    }

    /// <summary>Redis pub/sub in one process: a message goes to every other subscriber, over the wire format.</summary>
    private sealed class InProcessBackplane(InProcessBus bus) : IFusionCacheBackplane
    {
        private BackplaneSubscriptionOptions? _subscription;

        public void Subscribe(BackplaneSubscriptionOptions options)
        {
            _subscription = options;
            lock (bus.Subscribers)
            {
                bus.Subscribers.Add(this);
            }
        }

        public ValueTask SubscribeAsync(BackplaneSubscriptionOptions options)
        {
            Subscribe(options);
            return ValueTask.CompletedTask;
        }

        public void Unsubscribe()
        {
            lock (bus.Subscribers)
            {
                bus.Subscribers.Remove(this);
            }
        }

        public ValueTask UnsubscribeAsync()
        {
            Unsubscribe();
            return ValueTask.CompletedTask;
        }

        public void Publish(BackplaneMessage message, FusionCacheEntryOptions options, CancellationToken token = default) =>
            PublishAsync(message, options, token).AsTask().GetAwaiter().GetResult();

        public async ValueTask PublishAsync(BackplaneMessage message, FusionCacheEntryOptions options, CancellationToken token = default)
        {
            var payload = BackplaneMessage.ToByteArray(message);
            InProcessBackplane[] others;
            lock (bus.Subscribers)
            {
                others = [.. bus.Subscribers.Where(s => s != this)];
            }

            foreach (var other in others)
            {
                if (other._subscription?.IncomingMessageHandlerAsync is { } handler)
                {
                    await handler(BackplaneMessage.FromByteArray(payload));
                }
            }
        }
    }
}

/// <summary>The definitions' snapshot, which permission providers read without waiting.</summary>
public sealed class ContentDefinitionCacheTests
{
    private static Task<List<Kvalitetsportal.Contents.Definitions.ContentTypeRecord>> Records(params string[] names) =>
        Task.FromResult(names.Select(n => new Kvalitetsportal.Contents.Definitions.ContentTypeRecord
        {
            Name = n,
            DisplayName = n,
            Definition = $$"""{"name":"{{n}}","displayName":"{{n}}","fields":[]}""",
        }).ToList());

    [Fact]
    public async Task A_saved_definition_is_loaded_afresh_and_the_last_snapshot_is_read_until_then()
    {
        var cache = new Kvalitetsportal.Contents.Definitions.ContentDefinitionCache(PortalCache.CreateNodeLocal());
        Assert.Empty(cache.Current);

        await cache.GetOrLoadAsync(_ => Records("Ide"), CancellationToken.None);
        Assert.Equal(["Ide"], cache.Current.Keys);
        Assert.Equal(["Ide"], (await cache.GetOrLoadAsync(_ => Records("Ide", "Ansokan"), CancellationToken.None)).Keys); // remembered

        cache.Invalidate();
        Assert.Equal(["Ide"], cache.Current.Keys); // the last snapshot, not nothing
        Assert.Equal(["Ansokan", "Ide"], (await cache.GetOrLoadAsync(_ => Records("Ide", "Ansokan"), CancellationToken.None)).Keys.Order());
        Assert.Equal(["Ansokan", "Ide"], cache.Current.Keys.Order());
    }

    [Fact]
    public async Task An_aged_snapshot_is_still_read_until_the_next_load()
    {
        var cache = PortalCache.CreateNodeLocal();
        var options = PortalCache.DefaultEntryOptions().SetDuration(TimeSpan.FromMilliseconds(50)).SetFailSafe(true, TimeSpan.FromDays(1));
        await cache.SetAsync("k", "old", options);
        await Task.Delay(200);

        Assert.False(cache.TryGet<string>("k").HasValue);
        Assert.Equal("old", cache.TryGet<string>("k", options.Duplicate().SetAllowStaleOnReadOnly()).Value);
    }
}
