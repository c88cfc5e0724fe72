using System.Net;
using static Kvalitetsportal.IntegrationTests.Organisation.OrganisationPages;

namespace Kvalitetsportal.IntegrationTests.Organisation;

/// <summary>An administrator keeps the organisation tree: adds, renames, moves, retires and reactivates units.</summary>
public sealed class OrganisationAdminTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<PortalClient> AdminAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return client;
    }

    private static Dictionary<string, string> Form(string code, string name, string kind, int? parentId) => new()
    {
        ["Code"] = code,
        ["Name"] = name,
        ["Kind"] = kind,
        ["ParentId"] = parentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    [Fact]
    public async Task The_tree_shows_the_sample_organisation_nested_with_kind_and_code()
    {
        var client = await AdminAsync();
        var response = await client.GetAsync(Tree);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var ks = await UnitAsync(portal, "KS");
        var klf = await UnitAsync(portal, "KLF");
        var ksBranch = Branch(html, ks.Id);
        Assert.Contains("Kommunstyrelsen", ksBranch);
        Assert.Contains(">Styrelse<", ksBranch);
        Assert.Contains(Branch(html, klf.Id), ksBranch);
        Assert.Contains("Kvalitet och utveckling", Branch(html, klf.Id));
        Assert.Contains(">Förvaltning<", Branch(html, klf.Id));
        Assert.Contains("KLF-KVAL", Branch(html, klf.Id));
        Assert.DoesNotContain("Hemtjänst öster", ksBranch);
        Assert.Contains("href=\"/admin/organisation/ny\"", html);
    }

    [Fact]
    public async Task Administrator_adds_a_unit_under_a_parent_and_it_appears_in_the_tree()
    {
        var client = await AdminAsync();
        var fkf = await UnitAsync(portal, "FKF");

        var response = await client.PostFormAsync(NewUnit, NewUnit, Form("FKF-MUSIK", "Kulturskolan", "Enhet", fkf.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var unit = await UnitAsync(portal, "FKF-MUSIK");
        Assert.Equal(fkf.Id, unit.ParentId);
        Assert.True(unit.IsActive);
        var tree = await client.GetStringAsync(Tree);
        Assert.Contains("Kulturskolan", Branch(tree, fkf.Id));
        Assert.Contains("Kulturskolan\" är tillagd.", WebUtility.HtmlDecode(tree));
    }

    [Fact]
    public async Task The_add_form_preselects_the_parent_chosen_in_the_tree()
    {
        var client = await AdminAsync();
        var fvo = await UnitAsync(portal, "FVO");

        var html = await client.GetStringAsync($"{NewUnit}?parent={fvo.Id}");

        Assert.Matches($"<option selected=\"selected\" value=\"{fvo.Id}\">", html);
        Assert.Contains("<label for=\"Code\">Kod</label>", html);
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_with_a_message_and_the_input_kept()
    {
        var client = await AdminAsync();
        var before = await UnitCountAsync(portal);

        var response = await client.PostFormAsync(NewUnit, NewUnit, Form("ks", "Styrelsen för något nytt", "Namnd", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await TextOf(response);
        Assert.Contains("class=\"error-summary\"", text);
        Assert.Contains("Koden \"ks\" används redan av \"Kommunstyrelsen\". Välj en annan kod.", text);
        Assert.Contains("href=\"#Code\"", text);
        Assert.Contains("value=\"Styrelsen för något nytt\"", text);
        Assert.Contains("value=\"ks\"", text);
        Assert.Contains("<option selected=\"selected\" value=\"Namnd\">", text);
        Assert.Equal(before, await UnitCountAsync(portal));
    }

    [Fact]
    public async Task Empty_overlong_and_invalid_values_get_field_errors_not_a_500()
    {
        var client = await AdminAsync();

        var empty = await TextOf(await client.PostFormAsync(NewUnit, NewUnit, Form("", " ", "", null)));
        Assert.Contains("Skriv en kod för enheten.", empty);
        Assert.Contains("Skriv enhetens namn.", empty);
        Assert.Contains("Välj vilken typ av enhet det är.", empty);

        var overlong = await TextOf(await client.PostFormAsync(NewUnit, NewUnit, Form(new string('K', 51), new string('n', 201), "Enhet", null)));
        Assert.Contains("Koden får vara högst 50 tecken.", overlong);
        Assert.Contains("Namnet får vara högst 200 tecken.", overlong);

        var invalid = await client.PostFormAsync(NewUnit, NewUnit, new() { ["Code"] = "X1", ["Name"] = "X", ["Kind"] = "99", ["ParentId"] = "999999" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var invalidText = await TextOf(invalid);
        Assert.Contains("<a href=\"#Kind\">\"99\" är ogiltigt.</a>", invalidText);
        Assert.Contains("Den valda överordnade enheten finns inte.", invalidText);

        var garbage = await client.PostFormAsync(NewUnit, NewUnit, new() { ["Code"] = "X2", ["Name"] = "X", ["Kind"] = "Avdelning", ["ParentId"] = "abc" });
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        var garbageText = await TextOf(garbage);
        Assert.Contains("<a href=\"#Kind\">\"Avdelning\" är inte ett giltigt värde för Typ.</a>", garbageText);
        Assert.Contains("<a href=\"#ParentId\">\"abc\" är inte ett giltigt värde för Överordnad.</a>", garbageText);

        Assert.Null(await FindUnitAsync(portal, "X1"));
        Assert.Null(await FindUnitAsync(portal, "X2"));
    }

    [Fact]
    public async Task Administrator_renames_and_moves_a_unit()
    {
        var client = await AdminAsync();
        var unit = await UnitAsync(portal, "FKF-FRITID");
        var klf = await UnitAsync(portal, "KLF");

        var page = await client.GetStringAsync(EditUrl(unit.Id));
        Assert.Contains("value=\"Fritid och idrott\"", page);

        var response = await client.PostFormAsync(EditUrl(unit.Id), EditUrl(unit.Id), Form("FKF-FRITID", "Fritid, idrott och friluftsliv", "Enhet", klf.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var tree = await client.GetStringAsync(Tree);
        Assert.Contains("Fritid, idrott och friluftsliv", Branch(tree, klf.Id));
        Assert.DoesNotContain("Fritid, idrott", Branch(tree, (await UnitAsync(portal, "FKF")).Id));
        Assert.Equal(klf.Id, (await UnitAsync(portal, "FKF-FRITID")).ParentId);
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_descendant_is_refused_with_a_message()
    {
        var client = await AdminAsync();
        var ks = await UnitAsync(portal, "KS");
        var hr = await UnitAsync(portal, "KLF-HR");
        var form = await client.GetStringAsync(EditUrl(ks.Id));
        Assert.DoesNotContain($"<option value=\"{hr.Id}\">", form);
        Assert.Contains($"<option selected=\"selected\" value=\"{ks.ParentId}\">", form);

        var response = await client.PostFormAsync(EditUrl(ks.Id), EditUrl(ks.Id), Form("KS", "Kommunstyrelsen", "Styrelse", hr.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await TextOf(response);
        Assert.Contains("\"Kommunstyrelsen\" kan inte flyttas under \"HR-avdelningen\", eftersom \"HR-avdelningen\" ligger under \"Kommunstyrelsen\".", text);
        Assert.Contains("href=\"#ParentId\"", text);
        Assert.Equal(ks.ParentId, (await UnitAsync(portal, "KS")).ParentId);

        var itself = await TextOf(await client.PostFormAsync(EditUrl(ks.Id), EditUrl(ks.Id), Form("KS", "Kommunstyrelsen", "Styrelse", ks.Id)));
        Assert.Contains("En enhet kan inte vara överordnad sig själv.", itself);
    }

    [Fact]
    public async Task Changing_the_code_to_another_units_code_is_refused()
    {
        var client = await AdminAsync();
        var unit = await UnitAsync(portal, "KLF-EKO");

        var text = await TextOf(await client.PostFormAsync(EditUrl(unit.Id), EditUrl(unit.Id), Form("KLF-HR", "Ekonomiavdelningen", "Enhet", unit.ParentId)));

        Assert.Contains("Koden \"KLF-HR\" används redan av \"HR-avdelningen\".", text);
        Assert.Equal("KLF-EKO", (await UnitAsync(portal, "KLF-EKO")).Code);
    }

    [Fact]
    public async Task Administrator_retires_a_unit_which_stays_in_the_tree_marked_and_can_be_reactivated()
    {
        var client = await AdminAsync();
        var unit = await UnitAsync(portal, "FOS-GSK-B");
        var editUrl = EditUrl(unit.Id);

        var retire = await client.PostFormAsync(editUrl, $"/admin/organisation/{unit.Id}/avveckla", []);

        Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        Assert.False((await UnitAsync(portal, "FOS-GSK-B")).IsActive);
        var tree = await client.GetStringAsync(Tree);
        var branch = Branch(tree, unit.Id);
        Assert.Contains("Björkhagaskolan", branch);
        Assert.Contains("Avvecklad", branch);
        Assert.DoesNotContain("Avvecklad", Branch(tree, (await UnitAsync(portal, "FOS-GSK-A")).Id));
        Assert.Contains("Avvecklade: 1.", tree);

        // A retired unit cannot be chosen as parent for a new unit.
        var under = await TextOf(await client.PostFormAsync(NewUnit, NewUnit, Form("FOS-GSK-B-1", "Klass 1", "Enhet", unit.Id)));
        Assert.Contains("\"Björkhagaskolan\" är avvecklad. Välj en aktiv överordnad enhet.", under);

        var reactivate = await client.PostFormAsync(editUrl, $"/admin/organisation/{unit.Id}/ateraktivera", []);

        Assert.Equal(HttpStatusCode.Redirect, reactivate.StatusCode);
        Assert.True((await UnitAsync(portal, "FOS-GSK-B")).IsActive);
        Assert.DoesNotContain("Avvecklad", Branch(await client.GetStringAsync(Tree), unit.Id));
    }

    [Fact]
    public async Task A_unit_with_active_units_under_it_cannot_be_retired()
    {
        var client = await AdminAsync();
        var fsoc = await UnitAsync(portal, "FSOC");

        var page = await client.GetStringAsync(EditUrl(fsoc.Id));
        Assert.Contains("kan inte avvecklas så länge det finns aktiva enheter under den", page);
        Assert.DoesNotContain($"/admin/organisation/{fsoc.Id}/avveckla", page);

        var response = await client.PostFormAsync(EditUrl(fsoc.Id), $"/admin/organisation/{fsoc.Id}/avveckla", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var text = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("\"Förvaltningen social välfärd\" kan inte avvecklas eftersom 3 aktiva enheter ligger under den", text);
        Assert.True((await UnitAsync(portal, "FSOC")).IsActive);
    }

    [Fact]
    public async Task An_unknown_unit_answers_404()
    {
        var client = await AdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditUrl(987654))).StatusCode);
    }
}
