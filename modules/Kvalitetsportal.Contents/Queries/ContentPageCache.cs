using System.Globalization;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Contents.Queries;

/// <summary>
/// Remembers the rows of list pages on the same terms as <see cref="ContentCountCache"/> (ADR 10):
/// keyed by the reader's access clauses and the filter, forgotten as soon as an item of the type
/// changes (the type's tag, on every node), and kept at most <see cref="ContentCountCache.MaxAge"/>.
/// A list page is read far more often than its items change; reading its rows (the offset walk
/// and 25 rows of JSON) is the largest part of what a list costs. A page weighs its rows in the
/// cache's size limit (about 2 KB each in memory).
/// </summary>
public sealed class ContentPageCache(IFusionCache cache)
{
    /// <summary>The rows are shared between readers: callers must not change them.</summary>
    public async Task<IReadOnlyList<ContentItem>> GetOrReadAsync(
        string contentType, ContentAccessScope scope, ContentFilter filter, string? userId, int page, int pageSize, Func<Task<List<ContentItem>>> read)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"contents:page:{ContentCountCache.Key(contentType, scope, filter, userId)}|o:{filter.Sort}|p:{page}|n:{pageSize}");
        return await cache.GetOrSetAsync<IReadOnlyList<ContentItem>>(key, async (context, _) =>
        {
            var rows = await read();
            context.Options.Size = Math.Max(1, rows.Count);
            return rows;
        }, options => options.SetDuration(ContentCountCache.MaxAge), [ContentCountCache.TypeTag(contentType)]);
    }
}
