using Lucene.Net.Index;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Lucene.Searching;

/// <summary>What the index answered for one search: the page's hits (highlighted), the total and the facet counts.</summary>
public sealed record IndexAnswer(IReadOnlyList<IndexHit> Hits, int TotalHits, IReadOnlyList<IReadOnlyDictionary<string, int>> Counts);

public sealed record IndexHit(string Id, string Type, string TitleHtml, string SnippetHtml, long Modified);

/// <summary>
/// Remembers the index's answers per state of this node's index, like a search engine's request
/// cache: an answer depends only on the index reader's version (it changes with every change the
/// reader shows), the reader's trimming filter key, the words, the facets, the sort and the page, so
/// it stays exact until the index changes, when the next version starts afresh. Counting facets
/// over every matching document is most of what a search costs, and the same searches recur (the
/// header box, paging back and forth, a facet click and back). What is shown is still checked
/// against the database on every request. Each node has its own index: nothing here is shared.
/// </summary>
public sealed class SearchResultCache(IFusionCache cache)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    public IndexAnswer GetOrSearch(IndexReader reader, string key, Func<IndexAnswer> search)
    {
        if (reader is not DirectoryReader directory)
        {
            return search();
        }

        return cache.GetOrSet<IndexAnswer>($"lucene:answers:{directory.Version}|{key}", (_, _) => search(), options => options.SetDuration(MaxAge));
    }
}
