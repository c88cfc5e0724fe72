using System.Globalization;
using Kvalitetsportal.Contents.Definitions;
using Microsoft.AspNetCore.Http;

namespace Kvalitetsportal.Contents.Queries;

/// <summary>
/// The query string of a content list (<c>/innehall/{type}</c>) as a <see cref="ContentFilter"/>:
/// <c>q</c>, <c>enhet</c>, <c>status</c>, <c>mina=1</c>, <c>sortering</c> (nyast, aldst, titel,
/// titel-omvand), <c>sida</c> and <c>storlek</c>. Exports and the API read the same parameters, so a
/// link to a list can be turned into an export of exactly that list. A value that cannot be read is
/// ignored, as the list page does, rather than refused.
/// </summary>
public static class ContentListParameters
{
    public const string Text = "q";
    public const string Unit = "enhet";
    public const string State = "status";
    public const string Mine = "mina";
    public const string Sort = "sortering";
    public const string Page = "sida";
    public const string PageSize = "storlek";

    public const string SortNewest = "nyast";
    public const string SortOldest = "aldst";
    public const string SortTitle = "titel";
    public const string SortTitleDescending = "titel-omvand";

    /// <summary>Longer search text is cut here: no title is longer, and it keeps the filter cheap.</summary>
    public const int MaxTextLength = 300;

    public static ContentFilter Parse(IQueryCollection query, int defaultPageSize = 25) => new()
    {
        Text = NullIfEmpty(query[Text].ToString()) is { } text ? text[..Math.Min(text.Length, MaxTextLength)] : null,
        UnitId = int.TryParse(query[Unit], NumberStyles.None, CultureInfo.InvariantCulture, out var unit) ? unit : null,
        WorkflowState = NullIfEmpty(query[State].ToString()),
        OnlyMine = query[Mine].ToString() is "1" or "true" or "ja",
        Sort = ParseSort(query[Sort].ToString()),
        Page = int.TryParse(query[Page], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1,
        PageSize = int.TryParse(query[PageSize], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? Math.Min(size, ContentListQuery.MaxPageSize)
            : defaultPageSize,
    };

    public static ContentSort ParseSort(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        SortOldest => ContentSort.Oldest,
        SortTitle => ContentSort.Title,
        SortTitleDescending => ContentSort.TitleDescending,
        _ => ContentSort.Newest,
    };

    /// <summary>The sort as it is written in a URL.</summary>
    public static string SortName(ContentSort sort) => sort switch
    {
        ContentSort.Oldest => SortOldest,
        ContentSort.Title => SortTitle,
        ContentSort.TitleDescending => SortTitleDescending,
        _ => SortNewest,
    };

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
