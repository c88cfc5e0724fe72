using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Kvalitetsportal.Charts;

/// <summary>How a chart draws its figures.</summary>
public enum ChartKind
{
    /// <summary>Horizontal bars, one per row: counts per category (the default; long labels stay readable).</summary>
    Bar,

    /// <summary>Vertical bars: counts per period.</summary>
    Column,

    /// <summary>A line per value column: a trend over periods.</summary>
    Line,
}

/// <summary>
/// <c>&lt;chart for-table="per-forvaltning" label="Idéer per förvaltning" /&gt;</c>: draws the figures of a
/// table the page already shows (first cell of each body row = label, the cells in <see cref="Columns"/> =
/// values) with chart.js, or of a <c>&lt;script type="application/json"&gt;</c> data block
/// (<see cref="ForJson"/>). The table stays on the page as the accessible alternative; the canvas is an
/// image with a label that says where the figures are. Everything is CSP-safe: the library and the
/// drawing script are static files from the portal theme (script-src 'self'), the figures are read from
/// the DOM (no eval, no inline script), and chart.js sizes the canvas through CSSOM, which the
/// style-src policy allows. See docs/building-blocks/charts.md and ADR 0027.
/// </summary>
[HtmlTargetElement("chart", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ChartTagHelper(IFileVersionProvider versions) : TagHelper
{
    public const string LibraryPath = "/_content/Kvalitetsportal.Themes.Portal/lib/chartjs/chart.umd.min.js";
    public const string ScriptPath = "/_content/Kvalitetsportal.Themes.Portal/js/charts.js";
    private static readonly object ScriptsWritten = new();

    /// <summary>The id of the <c>&lt;table&gt;</c> whose rows the chart draws.</summary>
    [HtmlAttributeName("for-table")]
    public string? ForTable { get; set; }

    /// <summary>Or: the id of a <c>&lt;script type="application/json"&gt;</c> with <c>{"labels":[…],"datasets":[{"label":…,"data":[…]}]}</c>.</summary>
    [HtmlAttributeName("for-json")]
    public string? ForJson { get; set; }

    /// <summary>What the chart shows, for screen readers (the canvas's accessible name).</summary>
    [HtmlAttributeName("label")]
    public string Label { get; set; } = "";

    [HtmlAttributeName("kind")]
    public ChartKind Kind { get; set; } = ChartKind.Bar;

    /// <summary>The table columns (0-based, the label column is 0) drawn as values, one data set each.</summary>
    [HtmlAttributeName("columns")]
    public string Columns { get; set; } = "1";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (string.IsNullOrWhiteSpace(ForTable) == string.IsNullOrWhiteSpace(ForJson))
        {
            throw new InvalidOperationException("<chart> needs exactly one of for-table or for-json.");
        }

        var canvas = new TagBuilder("canvas") { TagRenderMode = TagRenderMode.Normal };
        canvas.Attributes["role"] = "img";
        canvas.Attributes["aria-label"] = string.IsNullOrWhiteSpace(ForTable) ? Label : $"{Label}. Siffrorna finns i tabellen.";
        canvas.Attributes["data-chart-kind"] = Kind.ToString().ToLowerInvariant();
        canvas.Attributes[ForTable is null ? "data-chart-json" : "data-chart-table"] = ForTable ?? ForJson;
        canvas.Attributes["data-chart-columns"] = Columns;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "chart chart-" + Kind.ToString().ToLowerInvariant());
        output.Content.SetHtmlContent(canvas);

        // The library and the drawing script once per page, however many charts it has.
        var items = ViewContext.HttpContext.Items;
        if (items.TryAdd(ScriptsWritten, true))
        {
            var pathBase = ViewContext.HttpContext.Request.PathBase;
            output.PostElement.AppendHtml(string.Create(CultureInfo.InvariantCulture, $"<script src=\"{versions.AddFileVersionToPath(pathBase, pathBase + LibraryPath)}\" defer></script><script src=\"{versions.AddFileVersionToPath(pathBase, pathBase + ScriptPath)}\" defer></script>"));
        }
    }
}
