using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Organisation.Data;
using Lucene.Net.Documents;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Lucene.Searching;

public enum SearchSort
{
    Relevance,
    Newest,
}

/// <summary>One search: the words, the chosen facet values (empty = any), sort and page.</summary>
public sealed record SearchRequest
{
    public string? Text { get; init; }

    public IReadOnlySet<string> Types { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> States { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Units { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Years { get; init; } = new HashSet<string>();

    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    public bool HasFacets => Types.Count + States.Count + Units.Count + Years.Count > 0;
}

/// <summary>A hit as the results page shows it. <see cref="TitleHtml"/> and <see cref="SnippetHtml"/> are HTML-encoded except for the &lt;mark&gt; tags.</summary>
public sealed record SearchHit(string ContentItemId, ContentTypeDefinition Type, string TitleHtml, string SnippetHtml, DateTime ModifiedUtc, string? UnitName, string State);

public sealed record FacetValue(string Value, string Label, int Count, bool Selected);

public sealed record Facet(string Name, string Label, IReadOnlyList<FacetValue> Values);

public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyList<Facet> Facets, int Page, int PageSize, bool Searched)
{
    public static readonly SearchResult NotSearched = new(0, [], [], 1, 20, false);

    public int PageCount => Math.Max(1, (Math.Min(Total, SearchService.MaxResults) + PageSize - 1) / PageSize);
}

/// <summary>
/// Searches this node's index as a given reader: the access filter (<see cref="AccessFilter"/>)
/// restricts hits, totals and facet counts; then, as defence in depth, every hit shown is checked
/// again against its current database row with <see cref="ContentAccessService.CanAsync"/> and
/// dropped if the index was behind (a hit the reader may no longer open is never shown).
/// </summary>
public sealed class SearchService(
    SearchIndex index,
    ContentAccessService access,
    IContentDefinitionStore definitions,
    SearchResultCache answers,
    AccessFilter filters,
    IContentQuery contentQuery,
    IUnitDirectory unitDirectory)
{
    /// <summary>Paging stops here: nobody reads hit 1 001, and deep pages cost memory.</summary>
    public const int MaxResults = 1_000;

    public const string TypeFacet = "typ";
    public const string StateFacet = "status";
    public const string UnitFacet = "enhet";
    public const string YearFacet = "ar";

    private const int SnippetFragmentChars = 140;
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public async Task<SearchResult> SearchAsync(ClaimsPrincipal user, SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = UserQuery.Parse(index.Analyzer, request.Text);
        if (query.IsEmpty && !request.HasFacets)
        {
            return SearchResult.NotSearched with { PageSize = request.PageSize };
        }

        var types = await definitions.GetAllAsync(cancellationToken);
        var filter = await filters.ForAsync(access, user, types.Values, cancellationToken);
        var pageSize = Math.Clamp(request.PageSize, 1, 100);
        var page = Math.Clamp(request.Page, 1, MaxResults / pageSize);
        if (filter is null)
        {
            return new SearchResult(0, [], [], 1, pageSize, true);
        }

        var sort = request.Sort == SearchSort.Newest || query.IsEmpty ? SearchSort.Newest : SearchSort.Relevance;
        var key = string.Join("\u001f", filter.Key, string.Join(" ", query.Terms), sort, page, pageSize,
            Joined(request.Types), Joined(request.States), Joined(request.Units), Joined(request.Years));
        IndexAnswer answer;
        var searcher = index.Acquire();
        try
        {
            answer = answers.GetOrSearch(searcher.IndexReader, key, () => Search(searcher, query, filter, request, sort, page, pageSize));
        }
        finally
        {
            index.Release(searcher);
        }

        var units = await unitDirectory.LoadAsync(cancellationToken);
        var hits = await ShowableAsync(user, answer.Hits, types, units, cancellationToken);
        var counts = answer.Counts;
        var facets = new List<Facet>
        {
            FacetOf(TypeFacet, "Typ", counts[0], request.Types, v => types.GetValueOrDefault(v)?.DisplayName ?? v),
            FacetOf(StateFacet, "Status", counts[1], request.States, v => v),
            FacetOf(UnitFacet, "Enhet", counts[2], request.Units, v => units.NameOf(int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null) ?? v),
            FacetOf(YearFacet, "År", counts[3], request.Years, v => v, byValueDescending: true),
        };
        return new SearchResult(answer.TotalHits, hits, facets, page, pageSize, true);
    }

    /// <summary>The index's answer: the page's hits with their highlights, the total and the facet counts, all under the reader's filter.</summary>
    private IndexAnswer Search(IndexSearcher searcher, UserQuery query, ReaderFilter filter, SearchRequest request, SearchSort sort, int page, int pageSize)
    {
        var matches = query.IsEmpty ? new MatchAllDocsQuery() : query.ToQuery();
        var trimmed = new FilteredQuery(matches, filter.Filter);
        var wanted = Math.Min(page * pageSize, MaxResults);
        ITopDocsCollector top = sort == SearchSort.Newest
            ? TopFieldCollector.Create(new Sort(new SortField(IndexFields.Modified, SortFieldType.INT64, true)), wanted, false, false, false, false)
            : TopScoreDocCollector.Create(wanted, false);
        var collector = new FacetCollector((ICollector)top, IndexFields.Facets, [Selected(request.Types), Selected(request.States), Selected(request.Units), Selected(request.Years)]);
        searcher.Search(trimmed, collector);
        var hits = top.GetTopDocs((page - 1) * pageSize, pageSize).ScoreDocs.Select(hit =>
        {
            var document = searcher.Doc(hit.Doc);
            return new IndexHit(
                document.Get(IndexFields.Id),
                document.Get(IndexFields.Type),
                Highlight(query, IndexFields.Title, document.Get(IndexFields.Title) ?? "", whole: true),
                Highlight(query, IndexFields.Text, document.Get(IndexFields.Text) ?? "", whole: false),
                document.GetField(IndexFields.Modified)?.GetInt64Value() ?? 0);
        }).ToList();
        return new IndexAnswer(hits, collector.TotalHits, collector.Counts);
    }

    private static string Joined(IReadOnlySet<string> values) => string.Join(',', values.Order(StringComparer.Ordinal));

    /// <summary>The page's hits that the reader may open now, by their current database rows.</summary>
    private async Task<List<SearchHit>> ShowableAsync(
        ClaimsPrincipal user,
        IReadOnlyList<IndexHit> found,
        IReadOnlyDictionary<string, ContentTypeDefinition> types,
        UnitDirectory units,
        CancellationToken cancellationToken)
    {
        var ids = found.Select(f => f.Id).ToList();
        var rows = await contentQuery.Items
            .Where(i => ids.Contains(i.ContentItemId) && i.Latest)
            .ToDictionaryAsync(i => i.ContentItemId, StringComparer.Ordinal, cancellationToken);
        var hits = new List<SearchHit>(found.Count);
        foreach (var hit in found)
        {
            if (!rows.TryGetValue(hit.Id, out var row) || !types.TryGetValue(hit.Type, out var type) || !await access.CanAsync(user, type, row, ContentAccessKind.View, cancellationToken))
            {
                continue; // removed, or no longer open to this reader: the index had not caught up yet
            }

            hits.Add(new SearchHit(hit.Id, type, hit.TitleHtml, hit.SnippetHtml,
                new DateTime(hit.Modified, DateTimeKind.Utc), units.NameOf(row.OrganisationUnitId), row.WorkflowState ?? ContentDocuments.SubmittedState));
        }

        return hits;
    }

    /// <summary>The text HTML-encoded, with the query's words in &lt;mark&gt;. The title whole; the text as up to two fragments.</summary>
    private string Highlight(UserQuery query, string field, string text, bool whole)
    {
        if (!query.IsEmpty && text.Length > 0)
        {
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new HtmlTextEncoder(), new QueryScorer(query.ToFieldQuery(field), field))
            {
                TextFragmenter = whole ? new NullFragmenter() : new SimpleFragmenter(SnippetFragmentChars),
                MaxDocCharsToAnalyze = 50_000,
            };
            try
            {
                var fragments = highlighter.GetBestFragments(index.Analyzer, field, text, whole ? 1 : 2);
                if (fragments.Length > 0)
                {
                    // The highlighter puts the space before a word inside its mark; move it out.
                    return string.Join(" … ", fragments.Select(f => f.Replace("<mark> ", " <mark>", StringComparison.Ordinal).Trim()));
                }
            }
            catch (InvalidTokenOffsetsException)
            {
                // Fall through to the plain text.
            }
        }

        var plain = whole || text.Length <= SnippetFragmentChars * 2 ? text : text[..(SnippetFragmentChars * 2)] + " …";
        return Html.Encode(plain);
    }

    private static HashSet<string>? Selected(IReadOnlySet<string> values) => values.Count == 0 ? null : [.. values];

    private static Facet FacetOf(string name, string label, IReadOnlyDictionary<string, int> counts, IReadOnlySet<string> selected, Func<string, string> labelOf, bool byValueDescending = false)
    {
        var values = counts.Select(c => new FacetValue(c.Key, labelOf(c.Key), c.Value, selected.Contains(c.Key)))
            .Concat(selected.Where(s => !counts.ContainsKey(s)).Select(s => new FacetValue(s, labelOf(s), 0, true)));
        var ordered = byValueDescending
            ? values.OrderByDescending(v => v.Value, StringComparer.Ordinal)
            : values.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), false));
        return new Facet(name, label, [.. ordered]);
    }

    /// <summary>HTML-encodes the text around the marks: å, ä and ö stay readable, &lt; and &amp; do not become markup.</summary>
    private sealed class HtmlTextEncoder : IEncoder
    {
        public string EncodeText(string originalText) => Html.Encode(originalText);
    }
}
