using System.Net;
using static Kvalitetsportal.IntegrationTests.Organisation.OrganisationPages;

namespace Kvalitetsportal.IntegrationTests.Organisation;

/// <summary>"Organisation.Import" is optional: switched off its page and menu item go, the imported units stay.</summary>
public sealed class OrganisationImportFeatureTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Features = "/admin/funktioner";

    [Fact]
    public async Task Disabling_the_import_removes_its_page_and_menu_item_but_keeps_imported_units_and_enabling_brings_it_back()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        // A fresh installation has the import on.
        Assert.Contains("href=\"/admin/organisation/import\"", await client.GetStringAsync("/admin"));
        var imported = await client.PostMultipartAsync(Import, Import, CsvUpload(Utf8WithBom("Kod;Namn;Typ;Överordnad\nIMP-1;Importerad enhet;Enhet;KS\n")));
        Assert.Contains("1 av 1 rader lästes in", await TextOf(imported));

        var disable = await client.PostFormAsync(Features, "/admin/funktioner/Organisation.Import/stang-av", []);
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.Contains("\"Import av organisation\" är avstängd.", WebUtility.HtmlDecode(await client.GetStringAsync(Features)));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Import)).StatusCode);
        var dashboard = await client.GetStringAsync("/admin");
        Assert.DoesNotContain("/admin/organisation/import", dashboard);
        Assert.DoesNotContain("Importera organisation", dashboard);
        Assert.Contains("href=\"/admin/organisation\"", dashboard);
        var tree = await client.GetAsync(Tree);
        Assert.Equal(HttpStatusCode.OK, tree.StatusCode);
        var treeHtml = await tree.Content.ReadAsStringAsync();
        Assert.Contains("Importerad enhet", treeHtml);
        Assert.DoesNotContain("/admin/organisation/import", treeHtml);

        var enable = await client.PostFormAsync(Features, "/admin/funktioner/Organisation.Import/aktivera", []);
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Import)).StatusCode);
        Assert.Contains("href=\"/admin/organisation/import\"", await client.GetStringAsync("/admin"));
        Assert.NotNull(await FindUnitAsync(portal, "IMP-1"));
    }

    [Fact]
    public async Task The_organisation_feature_itself_cannot_be_disabled()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var response = await client.PostFormAsync(Features, "/admin/funktioner/Organisation/stang-av", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("\"Organisation\" är en grundfunktion och kan inte stängas av.", WebUtility.HtmlDecode(await client.GetStringAsync(Features)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Tree)).StatusCode);
    }
}
