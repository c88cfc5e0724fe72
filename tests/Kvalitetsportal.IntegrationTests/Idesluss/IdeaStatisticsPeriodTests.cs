using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Idesluss;
using MiniExcelLibs;

namespace Kvalitetsportal.IntegrationTests.Idesluss;

/// <summary>
/// The statistics' period filter (a year, or from–to dates: checked, with Swedish errors beside the
/// inputs and what was typed kept) and the .xlsx export: the same figures as the page, and the period in the file.
/// </summary>
public sealed partial class IdeaStatisticsPeriodTests(IdeslussPortal portal) : IClassFixture<IdeslussPortal>
{
    private static readonly string[] CountTables = ["per-forvaltning", "per-omrade", "per-steg"];

    [Fact]
    public async Task The_xlsx_has_the_figures_of_the_page_and_its_period()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        await IdeslussNoticeTests.SubmitAsync(anna, "Periodidé ett");
        await IdeslussNoticeTests.SubmitAsync(anna, "Periodidé två");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = Iso(today.AddDays(-10));
        var to = Iso(today);
        var query = $"{IdeaUrls.Statistics}?fran={from}&till={to}";

        var page = await sara.GetStringAsync(query);
        Assert.Contains($"Idéstatistik {from} – {to}", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var total = int.Parse(Regex.Match(page, "<strong>(\\d+)</strong>").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(total >= 2, $"{total} idéer i perioden; två skickades in i dag.");

        var response = await sara.PostFormAsync(query, "/ideer/statistik/excel", new() { ["fran"] = from, ["till"] = to });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"idestatistik-{from}_{to}.xlsx", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(["Sammanfattning", "Per förvaltning", "Per område", "Per steg", "Ledtid"], MiniExcel.GetSheetNames(file));
        var summary = Assert.Single(Sheet(file, "Sammanfattning"));
        Assert.Equal($"{from} – {to}", summary["Period"]);
        Assert.Equal(from, summary["Från"]);
        Assert.Equal(to, summary["Till"]);
        Assert.Equal(total, Convert.ToInt32(summary["Idéer"], CultureInfo.InvariantCulture));

        // Every row of every table on the page is in its sheet, with the same count, in the same order.
        foreach (var (table, sheet, column) in new[] { ("per-forvaltning", "Per förvaltning", "Förvaltning"), ("per-omrade", "Per område", "Område"), ("per-steg", "Per steg", "Steg") })
        {
            var onPage = TableRows(page, table);
            var inFile = Sheet(file, sheet).Select(r => (Label: (string)r[column]!, Count: Convert.ToInt32(r["Idéer"], CultureInfo.InvariantCulture))).ToList();
            Assert.NotEmpty(onPage);
            Assert.Equal(onPage, inFile);
        }

        Assert.Equal(total, TableRows(page, "per-steg").Sum(r => r.Count));
        var leadTimes = Sheet(file, "Ledtid");
        Assert.Contains(leadTimes, r => (string)r["Steg"]! == "Inskickad");
    }

    [Fact]
    public async Task A_year_and_dates_before_the_ideas_count_nothing_and_the_file_says_which_period()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        await IdeslussNoticeTests.SubmitAsync(anna, "Idé som inte hör till 2001");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);

        var year = await sara.GetStringAsync(IdeaUrls.Statistics + "?ar=2001");
        Assert.Contains("Idéstatistik 2001", WebUtility.HtmlDecode(year), StringComparison.Ordinal);
        Assert.Contains("<strong>0</strong>", year, StringComparison.Ordinal);
        Assert.All(CountTables.Take(2), t => Assert.All(TableRows(year, t), r => Assert.Equal(0, r.Count)));

        var response = await sara.PostFormAsync(IdeaUrls.Statistics + "?ar=2001", "/ideer/statistik/excel", new() { ["fran"] = "2001-01-01", ["till"] = "2001-12-31" });
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var summary = Assert.Single(Sheet(file, "Sammanfattning"));
        Assert.Equal("2001", summary["Period"]);
        Assert.Equal(0, Convert.ToInt32(summary["Idéer"], CultureInfo.InvariantCulture));

        var spring = await sara.GetStringAsync(IdeaUrls.Statistics + "?fran=2001-03-01&till=2001-06-30");
        Assert.Contains("Idéstatistik 2001-03-01 – 2001-06-30", WebUtility.HtmlDecode(spring), StringComparison.Ordinal);
        Assert.Contains("<strong>0</strong>", spring, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?fran=2026-13-01&till=2026-12-31", "fran", "2026-13-01", "Skriv från-datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.")]
    [InlineData("?fran=2026-05-01&till=1%20maj", "till", "1 maj", "Skriv till-datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.")]
    [InlineData("?fran=2026-05-01&till=2026-04-30", "till", "2026-04-30", "Till-datumet kan inte vara före från-datumet.")]
    [InlineData("?fran=1999-12-31&till=2000-01-31", "fran", "1999-12-31", "Välj datum mellan 2000-01-01 och ")]
    [InlineData("?ar=tjugo", "ar", "tjugo", "Ange ett år mellan 2000 och ")]
    [InlineData("?ar=1999", "ar", "1999", "Ange ett år mellan 2000 och ")]
    public async Task A_mistyped_period_is_shown_back_with_its_error_and_no_figures(string query, string input, string typed, string error)
    {
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var response = await sara.GetAsync(IdeaUrls.Statistics + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Det finns fel i formuläret", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{input}\">{error}", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"field-error\" id=\"{input}-error\">{error}", html, StringComparison.Ordinal);
        Assert.Matches($"<input type=\"(text|date)\" id=\"{input}\" name=\"{input}\" value=\"{Regex.Escape(typed)}\"[^>]*aria-invalid=\"true\"", html);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ladda ner som Excel", html, StringComparison.Ordinal);
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, PortalFactory.SamplePassword);
        return client;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<IDictionary<string, object?>> Sheet(Stream file, string name)
    {
        file.Position = 0;
        return [.. MiniExcel.Query(file, useHeaderRow: true, sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
    }

    /// <summary>The (label, count) rows of the table with this id, as the page shows them.</summary>
    private static List<(string Label, int Count)> TableRows(string html, string id)
    {
        var table = Regex.Match(html, $"<table id=\"{id}\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Row().Matches(table).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];
    }

    [GeneratedRegex("<tr><th scope=\"row\">([^<]*)</th><td>(\\d+)</td></tr>")]
    private static partial Regex Row();
}
