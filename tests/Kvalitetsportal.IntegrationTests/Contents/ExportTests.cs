using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.IntegrationTests.Users;
using MiniExcelLibs;

namespace Kvalitetsportal.IntegrationTests.Contents;

public sealed record ExportArranged(ContentItem AnnasItem, ContentItem AnnasSecondItem, ContentItem KarlsItem, int UnitId);

/// <summary>A type whose fields point at people and at other items, for exports that must name them.</summary>
internal static class FollowUpType
{
    public const string Name = "Uppfoljning";

    public static ContentTypeDefinition Definition() => new()
    {
        Name = Name,
        DisplayName = "Uppföljning",
        Fields =
        [
            new() { Name = "ansvarig", Label = "Ansvarig", Kind = FieldKind.User, Order = 1 },
            new() { Name = "forslag", Label = "Gäller förslag", Kind = FieldKind.ContentReference, ReferencedType = ExportPortal.Type, Order = 2 },
        ],
    };
}

public sealed class ExportPortal : ContentsPortal<ExportArranged>
{
    public const string Type = "Forbattringsforslag";
    public const string UngrantedType = "Internutredning";

    protected override async Task<ExportArranged> ArrangeAsync()
    {
        await ContentsArrange.SaveTypeAsync(this, ContentsArrange.Suggestion(Type));
        var ungranted = ContentsArrange.Suggestion(UngrantedType);
        ungranted.DisplayName = "Internutredning";
        await ContentsArrange.SaveTypeAsync(this, ungranted);
        await UsersArrange.CreateUserAsync(this, ContentsArrange.CoordinatorEmail, "Sara Samordnare", ContentsArrange.CoordinatorRole);

        var unitId = await UsersArrange.UnitIdAsync(this, "FVO-HEM-O");
        var anna = await ContentsArrange.CreateItemAsync(this, Type, PortalFactory.EmployeeEmail, "Förbättring av återvinningen på äldreboendet", new JsonObject
        {
            ["beskrivning"] = "=HYPERLINK(\"https://example.invalid/\",\"Klicka här\")",
            ["kostnad"] = 12500.5m,
            ["kategori"] = "Miljö",
            ["bradskande"] = true,
        }, unitId);
        var annaSecond = await ContentsArrange.CreateItemAsync(this, Type, PortalFactory.EmployeeEmail, "Öppettider i växeln 🚀", new JsonObject
        {
            ["beskrivning"] = "Längre öppettider för kontaktcenter.",
            ["bradskande"] = false,
        });
        var karl = await ContentsArrange.CreateItemAsync(this, Type, PortalFactory.ManagerEmail, "Karls hemliga förslag", new JsonObject
        {
            ["beskrivning"] = "Bara för chefer och samordnare.",
        });
        await ContentsArrange.CreateItemAsync(this, UngrantedType, PortalFactory.EmployeeEmail, "Utredning som ingen får se", new JsonObject { ["beskrivning"] = "x" });

        await ContentsArrange.SaveTypeAsync(this, FollowUpType.Definition());
        await ContentsArrange.GrantAsync(this, Type, FollowUpType.Name);
        var karlId = await UsersArrange.UserIdAsync(this, PortalFactory.ManagerEmail);
        await ContentsArrange.CreateItemAsync(this, FollowUpType.Name, PortalFactory.EmployeeEmail, "Följ upp återvinningen", new JsonObject { ["ansvarig"] = karlId, ["forslag"] = anna.ContentItemId });
        await ContentsArrange.CreateItemAsync(this, FollowUpType.Name, PortalFactory.EmployeeEmail, "Följ upp Karls förslag", new JsonObject { ["forslag"] = karl.ContentItemId });
        return new ExportArranged(anna, annaSecond, karl, unitId);
    }
}

public sealed class ExportTests(ExportPortal portal) : IClassFixture<ExportPortal>
{
    private const string Xlsx = $"/innehall/{ExportPortal.Type}/export.xlsx";
    private const string Csv = $"/innehall/{ExportPortal.Type}/export.csv";

    private static readonly string Today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Excel_export_has_the_employees_own_rows_with_swedish_letters_and_labels_as_headers()
    {
        var arranged = await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        var response = await anna.GetAsync(Xlsx);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"forbattringsforslag-{Today}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(
            ["Referens", "Rubrik", "Enhet", "Status", "Beskrivning av förbättringen", "Uppskattad kostnad", "Kategori", "Brådskande", "Bilagor", "Skapad", "Ändrad"],
            rows[0].Keys);
        Assert.Equal(2, rows.Count);
        var row = Assert.Single(rows, r => (string?)r["Rubrik"] == "Förbättring av återvinningen på äldreboendet");
        Assert.Equal(arranged.AnnasItem.ContentItemId[..8].ToUpperInvariant(), row["Referens"]);
        Assert.Equal("Hemtjänst öster", row["Enhet"]);
        Assert.Equal("Utkast", row["Status"]);
        Assert.Equal("=HYPERLINK(\"https://example.invalid/\",\"Klicka här\")", row["Beskrivning av förbättringen"]); // as typed: a text cell, no apostrophe
        Assert.Equal("12 500,5", ((string?)row["Uppskattad kostnad"])!.Replace('\u00A0', ' '));
        Assert.Equal("Miljö", row["Kategori"]);
        Assert.Equal("Ja", row["Brådskande"]);
        Assert.Equal(Stockholm(arranged.AnnasItem.CreatedUtc), ((DateTime)row["Skapad"]!).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Contains(rows, r => (string?)r["Rubrik"] == "Öppettider i växeln 🚀");
        Assert.DoesNotContain(rows, r => (string?)r["Rubrik"] == "Karls hemliga förslag");
    }

    [Fact]
    public async Task Excel_cells_are_what_a_spreadsheet_reads_an_emoji_intact_text_never_a_formula_and_times_as_dates()
    {
        var arranged = await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        await using var stream = new MemoryStream(await (await anna.GetAsync(Xlsx)).Content.ReadAsByteArrayAsync());
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var sheetPart = document.WorkbookPart!.WorksheetParts.Single();
        string xml;
        using (var reader = new StreamReader(sheetPart.GetStream()))
        {
            xml = await reader.ReadToEndAsync();
        }

        Assert.Contains("Öppettider i växeln 🚀", xml, StringComparison.Ordinal); // UTF-8, not _xD83D__xDE80_
        Assert.DoesNotContain("_xD83D_", xml, StringComparison.Ordinal);
        var cells = sheetPart.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        Assert.DoesNotContain(cells, c => c.CellFormula is not null);
        Assert.Contains(cells, c => c.InnerText == "=HYPERLINK(\"https://example.invalid/\",\"Klicka här\")");

        // "Skapad" (column J) is a number with a date format, so Excel sorts and filters it as a time.
        var created = cells.Where(c => c.CellReference!.Value!.StartsWith('J') && c.CellReference.Value != "J1").ToList();
        Assert.Equal(2, created.Count);
        Assert.All(created, c => Assert.Null(c.DataType));
        var format = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ElementAt((int)created[0].StyleIndex!.Value);
        var code = document.WorkbookPart.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value;
        Assert.Equal("yyyy-mm-dd hh:mm", code);
        var times = created.Select(c => DateTime.FromOADate(double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Contains(Stockholm(arranged.AnnasItem.CreatedUtc), times);
    }

    [Fact]
    public async Task People_and_referenced_items_are_named_in_the_export_but_an_item_the_reader_may_not_open_is_not()
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        var text = Encoding.UTF8.GetString(await (await anna.GetAsync($"/innehall/{FollowUpType.Name}/export.csv")).Content.ReadAsByteArrayAsync());

        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var mine = Assert.Single(rows, r => r.Contains("Följ upp återvinningen", StringComparison.Ordinal));
        Assert.Contains(";Karl Karlsson;Förbättring av återvinningen på äldreboendet;", mine);
        var karls = Assert.Single(rows, r => r.Contains("Följ upp Karls förslag", StringComparison.Ordinal));
        Assert.Contains(";;(visas inte);", karls);
        Assert.DoesNotContain("Karls hemliga förslag", text);
    }

    [Fact]
    public async Task Csv_export_is_utf8_with_bom_semicolon_separated_and_neutralises_formulas()
    {
        var arranged = await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        var response = await anna.GetAsync(Csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"forbattringsforslag-{Today}.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new UTF8Encoding(false, true).GetString(bytes[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Referens;Rubrik;Enhet;Status;Beskrivning av förbättringen;Uppskattad kostnad;Kategori;Brådskande;Bilagor;Skapad;Ändrad", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Förbättring av återvinningen på äldreboendet", text);
        Assert.Contains("Hemtjänst öster", text);
        Assert.Contains("\"'=HYPERLINK(\"\"https://example.invalid/\"\",\"\"Klicka här\"\")\"", text);
        Assert.DoesNotContain(";=HYPERLINK", text);
        Assert.DoesNotContain(";\"=HYPERLINK", text);
        Assert.Contains(arranged.AnnasItem.ContentItemId[..8].ToUpperInvariant() + ";", text);
        Assert.DoesNotContain("Karls hemliga förslag", text);
        Assert.DoesNotContain(arranged.KarlsItem.ContentItemId[..8].ToUpperInvariant(), text);
    }

    [Fact]
    public async Task Another_employees_rows_never_appear_even_when_asked_for_by_title_or_unit()
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        var byTitle = await anna.GetStringAsync(Csv + "?q=hemliga");
        var all = await anna.GetStringAsync(Csv + "?mina=0&sortering=titel&sida=2");

        Assert.Single(byTitle.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header only
        Assert.DoesNotContain("Karls hemliga förslag", all);
        Assert.Contains("Öppettider i växeln", all);
    }

    [Fact]
    public async Task Coordinator_with_view_all_exports_everyones_rows_with_the_lists_filters_and_sort()
    {
        var arranged = await portal.ArrangedAsync();
        var sara = await ContentsArrange.SignedInAsync(portal, ContentsArrange.CoordinatorEmail, UsersArrange.Password);

        var all = (await sara.GetStringAsync(Csv + "?sortering=titel")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var byUnit = await sara.GetStringAsync(Csv + $"?enhet={arranged.UnitId}");
        var mine = (await sara.GetStringAsync(Csv + "?mina=1")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, all.Length);
        Assert.StartsWith(arranged.AnnasItem.ContentItemId[..8].ToUpperInvariant() + ";Förbättring", all[1].TrimStart('\uFEFF'));
        Assert.StartsWith(arranged.KarlsItem.ContentItemId[..8].ToUpperInvariant() + ";Karls", all[2]);
        Assert.Contains("Förbättring av återvinningen", byUnit);
        Assert.DoesNotContain("Karls hemliga förslag", byUnit);
        Assert.Single(mine);
    }

    [Fact]
    public async Task Excel_export_with_no_rows_still_has_the_header()
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        var response = await anna.GetAsync(Xlsx + "?q=finns-inte-alls");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var header = Assert.Single(rows);
        Assert.Equal("Referens", header["A"]);
        Assert.Equal("Beskrivning av förbättringen", header["E"]);
    }

    [Theory]
    [InlineData("export.xlsx")]
    [InlineData("export.csv")]
    [InlineData("export.csv?mina=1")]
    public async Task A_user_without_view_permission_gets_403(string export)
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        var response = await anna.GetAsync($"/innehall/{ExportPortal.UngrantedType}/{export}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Utredning som ingen får se", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/innehall/Finnsinte/export.xlsx")]
    [InlineData("/innehall/Finnsinte/export.csv")]
    public async Task An_unknown_type_gets_404(string url)
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        await portal.ArrangedAsync();
        var response = await PortalClient.Create(portal).GetAsync(Csv);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/konto/logga-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static string Stockholm(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
