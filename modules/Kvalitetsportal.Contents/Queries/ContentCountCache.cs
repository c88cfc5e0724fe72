using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Microsoft.Extensions.Caching.Memory;

namespace Kvalitetsportal.Contents.Queries;

/// <summary>
/// Remembers list totals. Counting is the one part of a list page whose cost grows with the number
/// of items (a filtered COUNT reads every matching index entry: ~8 ms at 50 000), so a total is
/// kept until an item of the type changes on this node, and at most <see cref="MaxAge"/>, which
/// bounds how long another node's change can go unseen.
/// </summary>
public sealed class ContentCountCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private long _anyGeneration;
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    /// <summary>Forgets every total of the type; call it whenever an item of the type changes.</summary>
    public void Invalidate(string contentType)
    {
        _generations.AddOrUpdate(contentType, 1, (_, g) => g + 1);
        Interlocked.Increment(ref _anyGeneration);
    }

    /// <summary>A total across all types (e.g. "Mina ärenden"), forgotten when any item changes.</summary>
    public Task<int> GetOrCountAcrossTypesAsync(string key, Func<Task<int>> count) =>
        GetOrAddAsync($"*|{Interlocked.Read(ref _anyGeneration)}|{key}", count);

    public Task<int> GetOrCountAsync(string contentType, ContentAccessScope scope, ContentFilter filter, string? userId, Func<Task<int>> count) =>
        GetOrAddAsync(Key(contentType, scope, filter, userId), count);

    private async Task<int> GetOrAddAsync(string key, Func<Task<int>> count)
    {
        if (_counts.TryGetValue(key, out int known))
        {
            return known;
        }

        var total = await count();
        _counts.Set(key, total, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MaxAge });
        return total;
    }

    public void Dispose() => _counts.Dispose();

    /// <summary>
    /// What a list shows depends on: the type and its change generation on this node, the reader's
    /// access clauses, and the filter. Pages add their sort, number and size to it.
    /// </summary>
    internal string Key(string contentType, ContentAccessScope scope, ContentFilter filter, string? userId)
    {
        var key = new StringBuilder(contentType).Append('|').Append(_generations.GetValueOrDefault(contentType))
            .Append("|c:").Append(scope.Key);
        return key.Append("|t:").Append(filter.Text?.Trim().ToLowerInvariant())
            .Append("|u:").Append(filter.UnitId?.ToString(CultureInfo.InvariantCulture))
            .Append("|s:").Append(filter.WorkflowState)
            .Append("|m:").Append(filter.OnlyMine ? userId : null)
            .Append("|f:").Append(filter.ModifiedFromUtc?.Ticks.ToString(CultureInfo.InvariantCulture))
            .Append("|to:").Append(filter.ModifiedToUtc?.Ticks.ToString(CultureInfo.InvariantCulture))
            .ToString();
    }
}

/// <summary>Keeps <see cref="ContentCountCache"/> honest: any committed change to an item forgets its type's totals.</summary>
internal sealed class ContentCountInvalidator(ContentCountCache counts) : IContentCommittedHandler
{
    public Task CommittedAsync(ContentCommitted committed, CancellationToken cancellationToken)
    {
        counts.Invalidate(committed.Item.ContentType);
        return Task.CompletedTask;
    }
}
