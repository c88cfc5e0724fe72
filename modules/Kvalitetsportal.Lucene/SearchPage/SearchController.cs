using System.Globalization;
using Kvalitetsportal.Lucene.Searching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Lucene.SearchPage;

/// <summary>The results page the header's search box sends to: hits, facets, sorting and paging.</summary>
[Authorize]
public sealed class SearchController(SearchService search) : Controller
{
    public const string Path = "/sok";
    public const int PageSize = 20;

    [HttpGet(Path)]
    public async Task<IActionResult> Index(
        string? q,
        [FromQuery(Name = SearchService.TypeFacet)] string[]? typ,
        [FromQuery(Name = SearchService.StateFacet)] string[]? status,
        [FromQuery(Name = SearchService.UnitFacet)] string[]? enhet,
        [FromQuery(Name = SearchService.YearFacet)] string[]? ar,
        string? sortering,
        string? sida,
        CancellationToken cancellationToken)
    {
        var request = new SearchRequest
        {
            Text = q?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, UserQuery.MaxInputLength)] : null,
            Types = Values(typ),
            States = Values(status),
            Units = Values(enhet),
            Years = Values(ar),
            Sort = sortering == SearchUrls.SortNewest ? SearchSort.Newest : SearchSort.Relevance,
            Page = int.TryParse(sida, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? Math.Min(page, SearchService.MaxResults) : 1,
            PageSize = PageSize,
        };
        var result = await search.SearchAsync(User, request, cancellationToken);
        return View(new SearchViewModel(request, result));
    }

    // At most a handful of values per facet, each short: query strings are user input.
    private static HashSet<string> Values(string[]? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 100).Select(v => v.Trim()).Take(20)];
}

public sealed record SearchViewModel(SearchRequest Request, SearchResult Result)
{
    public string Url(int? page = null, string? sort = null, (string Facet, string Value)? toggle = null, bool clearFacets = false)
    {
        var parts = new List<KeyValuePair<string, string>>();
        if (Request.Text is { } text)
        {
            parts.Add(new("q", text));
        }

        if (!clearFacets)
        {
            void Add(string facet, IReadOnlySet<string> values)
            {
                var chosen = new SortedSet<string>(values, StringComparer.Ordinal);
                if (toggle is { } t && t.Facet == facet && !chosen.Remove(t.Value))
                {
                    chosen.Add(t.Value);
                }

                parts.AddRange(chosen.Select(v => new KeyValuePair<string, string>(facet, v)));
            }

            Add(SearchService.TypeFacet, Request.Types);
            Add(SearchService.StateFacet, Request.States);
            Add(SearchService.UnitFacet, Request.Units);
            Add(SearchService.YearFacet, Request.Years);
        }

        var sorting = sort ?? (Request.Sort == SearchSort.Newest ? SearchUrls.SortNewest : null);
        if (sorting == SearchUrls.SortNewest)
        {
            parts.Add(new("sortering", SearchUrls.SortNewest));
        }

        if (page is > 1)
        {
            parts.Add(new("sida", page.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return SearchController.Path + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(parts).ToQueryString();
    }
}

public static class SearchUrls
{
    public const string SortNewest = "nyast";
    public const string SortRelevance = "relevans";
}
