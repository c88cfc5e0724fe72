using System.Globalization;
using System.Text;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.Extensions.Caching.Memory;

namespace Kvalitetsportal.Idesluss.Statistics;

/// <summary>
/// Keeps the statistics' database part (<see cref="IdeaCounts"/>) per year and access scope, so the
/// page does not read a whole year of ideas and their history on every request. Everything is
/// forgotten as soon as an idea changes on this node (created, edited, moved by its workflow,
/// removed, merged: see <see cref="IdeaStatisticsInvalidator"/>), and an entry lives at most
/// <see cref="MaxAge"/>, which bounds how long another node's change can go unseen (as the content
/// lists' <c>ContentCountCache</c> does). Mapping the counts onto förvaltningar and the workflow's
/// states happens on every request, so a reorganisation or an edited workflow shows at once.
/// </summary>
public sealed class IdeaStatisticsCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private static readonly IEnumerable<string> Any = ["*"];

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
    public async Task<IdeaCounts> GetOrComputeAsync(int year, ContentAccessScope scope, Func<Task<IdeaCounts>> compute, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var key = Key(generation, year, scope);
        if (_entries.TryGetValue(key, out IdeaCounts? known) && known is not null)
        {
            return known;
        }

        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            generation = Interlocked.Read(ref _generation);
            key = Key(generation, year, scope);
            if (_entries.TryGetValue(key, out known) && known is not null)
            {
                return known;
            }

            var counts = await compute();
            if (Interlocked.Read(ref _generation) == generation)
            {
                _entries.Set(key, counts, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MaxAge });
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

    private static string Key(long generation, int year, ContentAccessScope scope)
    {
        var key = new StringBuilder().Append(generation).Append('|').Append(year.ToString(CultureInfo.InvariantCulture));
        foreach (var clause in scope.Clauses)
        {
            key.Append("|c:").Append(clause.ContentType).Append(':').Append(clause.OwnerId)
                .Append(':').AppendJoin(',', clause.States?.Order(StringComparer.Ordinal) ?? Any).Append(clause.IncludeNoState ? "+none" : "")
                .Append(':').AppendJoin(',', clause.AssignedTo?.Order(StringComparer.Ordinal) ?? Any);
        }

        return key.ToString();
    }
}

/// <summary>
/// Keeps <see cref="IdeaStatisticsCache"/> honest: any saved change to an idea forgets the cached
/// figures, once while the save runs and once more after it has been written (a request that read
/// the database in between must not keep what it read).
/// </summary>
internal sealed class IdeaStatisticsInvalidator(IdeaStatisticsCache cache, PortalDbContext db) : IContentHandler
{
    private bool _watchingSave;

    public Task CreatedAsync(ContentContext context, CancellationToken cancellationToken) => Forget(context);

    public Task UpdatedAsync(ContentContext context, CancellationToken cancellationToken) => Forget(context);

    public Task PublishedAsync(ContentContext context, CancellationToken cancellationToken) => Forget(context);

    public Task RemovedAsync(ContentContext context, CancellationToken cancellationToken) => Forget(context);

    public Task TransitionedAsync(ContentContext context, CancellationToken cancellationToken) => Forget(context);

    private Task Forget(ContentContext context)
    {
        if (context.Item.ContentType == IdeaTypes.Idea)
        {
            cache.Invalidate();
            if (!_watchingSave)
            {
                _watchingSave = true;
                db.SavedChanges += (_, _) => cache.Invalidate();
            }
        }

        return Task.CompletedTask;
    }
}
