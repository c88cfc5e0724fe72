using System.Net;
using System.Text;
using static Kvalitetsportal.IntegrationTests.Organisation.OrganisationPages;

namespace Kvalitetsportal.IntegrationTests.Organisation;

/// <summary>Importing the organisation from a CSV file: a report of every refused row, the good rows in the tree, bad files refused whole.</summary>
public sealed class OrganisationImportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<PortalClient> AdminAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return client;
    }

    private static Task<HttpResponseMessage> UploadAsync(PortalClient client, byte[] bytes, string fileName = "organisation.csv", bool validateOnly = false) =>
        client.PostMultipartAsync(Import, Import, CsvUpload(bytes, fileName, validateOnly));

    [Fact]
    public async Task The_import_page_has_a_labelled_file_field_and_is_in_the_admin_menu()
    {
        var client = await AdminAsync();

        var html = await client.GetStringAsync(Import);

        Assert.Contains("<label for=\"File\">CSV-fil</label>", html);
        Assert.Contains("type=\"file\"", html);
        Assert.Contains("enctype=\"multipart/form-data\"", html);
        Assert.Contains("href=\"/admin/organisation/import\" aria-current=\"page\">Importera organisation</a>", html);
    }

    [Fact]
    public async Task Good_rows_land_in_the_tree_and_bad_rows_are_reported_with_line_numbers_and_reasons()
    {
        var client = await AdminAsync();
        var csv = Utf8WithBom(
            "Kod;Namn;Typ;Överordnad\r\n" +
            "FMU;Förvaltningen miljö och utbildning;Förvaltning;KS\r\n" +         // 2 new, parent existing
            "FMU-LAB;Laboratoriet;enhet;FMU\r\n" +                                 // 3 new, parent in file
            ";Utan kod;Enhet;FMU\r\n" +                                            // 4 missing code
            "FMU-X;Okänd typ;Avdelning;FMU\r\n" +                                  // 5 unknown type
            "FMU-Y;Fel förälder;Enhet;FINNS-INTE\r\n" +                            // 6 unknown parent
            "FMU-Y2;Under fel;Enhet;FMU-Y\r\n" +                                   // 7 parent rejected
            "KLF-HR;HR och lön;Enhet;KLF\r\n");                                    // 8 update existing

        var response = await UploadAsync(client, csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await TextOf(response);
        Assert.Contains("3 av 7 rader lästes in: 2 nya, 1 ändrade och 0 oförändrade enheter. 4 rader avvisades.", text);
        Assert.Contains("Avvisade rader (4)", text);
        Assert.Contains("<tr data-line=\"4\">", text);
        Assert.Contains("Koden saknas.", text);
        Assert.Contains("<td>Utan kod</td>", text);
        Assert.Contains("<tr data-line=\"5\">", text);
        Assert.Contains("Okänd typ \"Avdelning\"", text);
        Assert.Contains("<tr data-line=\"6\">", text);
        Assert.Contains("Överordnad \"FINNS-INTE\" finns varken i filen eller i organisationen.", text);
        Assert.Contains("<tr data-line=\"7\">", text);
        Assert.Contains("Överordnad \"FMU-Y\" på rad 6 avvisades", text);
        Assert.DoesNotContain("<tr data-line=\"2\">", text);
        Assert.Contains("UTF-8 med semikolon", text);

        var tree = await client.GetStringAsync(Tree);
        var fmu = await UnitAsync(portal, "FMU");
        Assert.Equal("KS", fmu.Parent!.Code);
        Assert.Contains("Laboratoriet", Branch(tree, fmu.Id));
        Assert.Contains("HR och lön", Branch(tree, (await UnitAsync(portal, "KLF")).Id));
        Assert.Null(await FindUnitAsync(portal, "FMU-X"));
        Assert.Null(await FindUnitAsync(portal, "FMU-Y"));
        Assert.Null(await FindUnitAsync(portal, "FMU-Y2"));
    }

    [Fact]
    public async Task A_windows_1252_comma_separated_file_from_excel_keeps_swedish_letters()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var client = await AdminAsync();
        var csv = Encoding.GetEncoding(1252).GetBytes("Kod,Namn,Typ,Överordnad\r\nBOLAG-HAMN,Hamnbolaget i Åsa AB,Bolag,KS\r\n");

        var text = await TextOf(await UploadAsync(client, csv));

        Assert.Contains("1 av 1 rader lästes in", text);
        Assert.Contains("Windows-1252 (Latin-1) med komma", text);
        Assert.Equal("Hamnbolaget i Åsa AB", (await UnitAsync(portal, "BOLAG-HAMN")).Name);
    }

    [Fact]
    public async Task Check_only_reports_without_saving()
    {
        var client = await AdminAsync();

        var text = await TextOf(await UploadAsync(client, Utf8WithBom("Kod;Namn;Typ;Överordnad\nPROV-1;Provenhet;Enhet;KS\n"), validateOnly: true));

        Assert.Contains("Bara kontroll – ingenting har sparats. 1 av 1 rader kan läsas in", text);
        Assert.Null(await FindUnitAsync(portal, "PROV-1"));
    }

    [Theory]
    [InlineData("binary", "Filen ser inte ut att vara en CSV-fil")]
    [InlineData("empty", "Filen är tom.")]
    [InlineData("noheader", "Första raden i filen måste vara en rubrikrad med kolumnerna Kod;Namn;Typ;Överordnad.")]
    [InlineData("xlsx", "Filen är en Excel-arbetsbok, inte en CSV-fil.")]
    [InlineData("toolarge", "Filen är större än 2 MB.")]
    public async Task A_malformed_file_gets_a_clear_message_and_changes_nothing(string kind, string message)
    {
        var client = await AdminAsync();
        var before = await UnitCountAsync(portal);
        var bytes = kind switch
        {
            "binary" => [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x10, 0x80, 0x00, 0x00, 0x42, 0x00],
            "empty" => [],
            "noheader" => Utf8WithBom("NY-1;Ny enhet;Enhet;KS\n"),
            "xlsx" => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00],
            _ => Utf8WithBom("Kod;Namn;Typ;Överordnad\n" + string.Concat(Enumerable.Repeat("NY-X;" + new string('n', 150) + ";Enhet;KS\n", 15_000))),
        };

        var response = await UploadAsync(client, bytes, kind + ".csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await TextOf(response);
        Assert.Contains("class=\"error-summary\"", text);
        Assert.Contains(message, text);
        Assert.Contains("href=\"#File\"", text);
        Assert.DoesNotContain("Resultat av importen", text);
        Assert.Equal(before, await UnitCountAsync(portal));
    }

    [Fact]
    public async Task Posting_without_a_file_asks_for_one()
    {
        var client = await AdminAsync();

        var response = await client.PostFormAsync(Import, Import, new() { ["ValidateOnly"] = "false" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Välj en CSV-fil att importera.", await TextOf(response));
    }

    [Fact]
    public async Task The_sample_file_in_the_docs_imports_cleanly()
    {
        var client = await AdminAsync();
        var sample = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot(), "docs", "samples", "organisation-exempel.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], sample[..3]);

        var text = await TextOf(await UploadAsync(client, sample, "organisation-exempel.csv"));

        Assert.DoesNotContain("Avvisade rader", text);
        Assert.Contains("lästes in", text);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kvalitetsportal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Hittar inte Kvalitetsportal.sln.");
    }
}

/// <summary>An employee has neither permission: every organisation page and form refuses them.</summary>
public sealed class OrganisationEmployeeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Employee_cannot_open_or_post_to_the_organisation_pages()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var ks = await UnitAsync(portal, "KS");
        var before = await UnitCountAsync(portal);

        foreach (var page in new[] { Tree, NewUnit, EditUrl(ks.Id), Import })
        {
            AssertRefused(await client.GetAsync(page));
        }

        AssertRefused(await client.PostFormAsync("/", NewUnit, new() { ["Code"] = "HACK", ["Name"] = "Intrång", ["Kind"] = "Enhet", ["ParentId"] = "" }));
        AssertRefused(await client.PostFormAsync("/", EditUrl(ks.Id), new() { ["Code"] = "KS", ["Name"] = "Intrång", ["Kind"] = "Styrelse", ["ParentId"] = "" }));
        AssertRefused(await client.PostFormAsync("/", $"/admin/organisation/{ks.Id}/avveckla", []));
        AssertRefused(await client.PostMultipartAsync("/", Import, CsvUpload(Utf8WithBom("Kod;Namn;Typ;Överordnad\nHACK2;Intrång;Enhet;KS\n"))));

        Assert.Equal(before, await UnitCountAsync(portal));
        var unchanged = await UnitAsync(portal, "KS");
        Assert.Equal(("Kommunstyrelsen", true), (unchanged.Name, unchanged.IsActive));
        Assert.DoesNotContain("/admin/organisation", await client.GetStringAsync("/"));
    }
}
