using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>
/// Keeps figures whose cost grows with the number of ideas, per access scope: the board's columns
/// (counts and oldest cards per state, per filter) and the statistics' database part (per year), so neither page reads all
/// ideas on every request. Everything is forgotten as soon as an idea changes on this node
/// (created, edited, moved by its workflow, removed, merged: see <see cref="IdeaFiguresInvalidator"/>),
/// and an entry lives at most <see cref="MaxAge"/> (statistics <see cref="StatisticsMaxAge"/>), which bounds how long another node's change can
/// go unseen (as the content lists' <c>ContentCountCache</c> does). What depends on the
/// organisation or the workflow definition is applied on every request, outside the cache.
/// </summary>
public sealed class IdeaFiguresCache : IDisposable
{
    /// <summary>How long the board's columns live at most (another node's change shows within this).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a year's statistics live at most: management figures over thousands of ideas, where
    /// another node's change may take a few minutes to show (a change on this node shows at once).
    /// </summary>
    public static readonly TimeSpan StatisticsMaxAge = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 2_000 });
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];
    private long _generation;

    /// <summary>Forgets every cached figure; call it whenever an idea changes.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>
    /// The cached counts, or <paramref name="compute"/>'s. One request per key computes at a time
    /// (the others wait for its result instead of all reading the year at once), and a result is
    /// kept only if no idea changed while it was being computed.
    /// </summary>
    public async Task<T> GetOrComputeAsync<T>(string what, ContentAccessScope scope, Func<Task<T>> compute, CancellationToken cancellationToken, TimeSpan? maxAge = null)
        where T : class
    {
        var generation = Interlocked.Read(ref _generation);
        var key = Key(generation, what, scope);
        if (_entries.TryGetValue(key, out T? known) && known is not null)
        {
            return known;
        }

        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            generation = Interlocked.Read(ref _generation);
            key = Key(generation, what, scope);
            if (_entries.TryGetValue(key, out known) && known is not null)
            {
                return known;
            }

            var counts = await compute();
            if (Interlocked.Read(ref _generation) == generation)
            {
                _entries.Set(key, counts, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = maxAge ?? MaxAge });
            }

            return counts;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        _entries.Dispose();
        foreach (var gate in _gates)
        {
            gate.Dispose();
        }
    }

    private static string Key(long generation, string what, ContentAccessScope scope) => $"{generation}|{what}|{scope.Key}";
}

/// <summary>Keeps <see cref="IdeaFiguresCache"/> honest: any committed change to an idea forgets the cached figures.</summary>
internal sealed class IdeaFiguresInvalidator(IdeaFiguresCache cache) : IContentCommittedHandler
{
    public Task CommittedAsync(ContentCommitted committed, CancellationToken cancellationToken)
    {
        if (committed.Item.ContentType == IdeaTypes.Idea)
        {
            cache.Invalidate();
        }

        return Task.CompletedTask;
    }
}
