using Lucene.Net.Index;
using Microsoft.Extensions.Caching.Memory;

namespace Kvalitetsportal.Lucene.Searching;

/// <summary>What the index answered for one search: the page's hits (highlighted), the total and the facet counts.</summary>
public sealed record IndexAnswer(IReadOnlyList<IndexHit> Hits, int TotalHits, IReadOnlyList<IReadOnlyDictionary<string, int>> Counts);

public sealed record IndexHit(string Id, string Type, string TitleHtml, string SnippetHtml, long Modified);

/// <summary>
/// Remembers the index's answers per index reader, like a search engine's request cache: an answer
/// depends only on the reader (one state of the index), the reader's trimming filter key, the
/// words, the facets, the sort and the page, so it stays exact until the index changes, when the
/// next reader starts afresh. Counting facets over every matching document is most of what a search
/// costs, and the same searches recur (the header box, paging back and forth, a facet click and
/// back). What is shown is still checked against the database on every request.
/// </summary>
public sealed class SearchResultCache : IDisposable
{
    private const int MaxAnswers = 5_000;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = MaxAnswers });
    private readonly Lock _lock = new();
    private WeakReference<IndexReader>? _reader;
    private long _generation;

    public IndexAnswer GetOrSearch(IndexReader reader, string key, Func<IndexAnswer> search)
    {
        var full = $"{Generation(reader)}|{key}";
        if (_answers.TryGetValue(full, out IndexAnswer? known) && known is not null)
        {
            return known;
        }

        var answer = search();
        _answers.Set(full, answer, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return answer;
    }

    /// <summary>A number that changes whenever searches run on another reader than the last one.</summary>
    private long Generation(IndexReader reader)
    {
        lock (_lock)
        {
            if (_reader is null || !_reader.TryGetTarget(out var last) || !ReferenceEquals(last, reader))
            {
                _reader = new WeakReference<IndexReader>(reader);
                _generation++;
            }

            return _generation;
        }
    }

    public void Dispose() => _answers.Dispose();
}
