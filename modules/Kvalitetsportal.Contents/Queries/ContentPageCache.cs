using System.Globalization;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Microsoft.Extensions.Caching.Memory;

namespace Kvalitetsportal.Contents.Queries;

/// <summary>
/// Remembers the rows of list pages on the same terms as <see cref="ContentCountCache"/> (ADR 10):
/// keyed by the reader's access clauses and the filter, forgotten as soon as an item of the type
/// changes on this node, and kept at most <see cref="ContentCountCache.MaxAge"/> for other nodes'
/// changes. A list page is read far more often than its items change; reading its rows (the
/// offset walk and 25 rows of JSON) is the largest part of what a list costs.
/// </summary>
public sealed class ContentPageCache(ContentCountCache counts) : IDisposable
{
    /// <summary>In rows: about 2 KB each in memory, so some 40 MB at most (800 full pages).</summary>
    private const int MaxRows = 20_000;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = MaxRows });

    /// <summary>The rows are shared between readers: callers must not change them.</summary>
    public async Task<IReadOnlyList<ContentItem>> GetOrReadAsync(
        string contentType, ContentAccessScope scope, ContentFilter filter, string? userId, int page, int pageSize, Func<Task<List<ContentItem>>> read)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{counts.Key(contentType, scope, filter, userId)}|o:{filter.Sort}|p:{page}|n:{pageSize}");
        if (_pages.TryGetValue(key, out IReadOnlyList<ContentItem>? known) && known is not null)
        {
            return known;
        }

        var rows = await read();
        _pages.Set(key, (IReadOnlyList<ContentItem>)rows, new MemoryCacheEntryOptions { Size = Math.Max(1, rows.Count), AbsoluteExpirationRelativeToNow = ContentCountCache.MaxAge });
        return rows;
    }

    public void Dispose() => _pages.Dispose();
}
