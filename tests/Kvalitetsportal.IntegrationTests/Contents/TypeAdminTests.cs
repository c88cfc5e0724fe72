using System.Net;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Permissions;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Contents;

public sealed class TypeAdminTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    private const string List = "/admin/innehallstyper";

    private async Task<PortalClient> AdminAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return client;
    }

    [Fact]
    public async Task Admin_builds_Forbattringsforslag_reorders_and_edits_its_fields_and_previews_the_form()
    {
        var admin = await AdminAsync();
        var created = await admin.PostFieldsAsync($"{List}/ny", $"{List}/ny",
            [("DisplayName", "Förbättringsförslag"), ("Name", ""), ("Description", "Förslag från medarbetare."), ("TitleLabel", "Rubrik på förslaget"), ("Drafts", "true"), ("Versioned", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"{List}/Forbattringsforslag", created.Headers.Location!.OriginalString);
        var page = $"{List}/Forbattringsforslag";
        Assert.Contains("Innehållstypen Förbättringsförslag är skapad.", await admin.FollowAsync(created));

        await AddFieldAsync(admin, page, [("Label", "Kort sammanfattning"), ("Kind", "ShortText"), ("Required", "true"), ("MaxLength", "200")]);
        await AddFieldAsync(admin, page, [("Label", "Beskrivning"), ("Kind", "LongText")]);
        await AddFieldAsync(admin, page, [("Label", "Område"), ("Kind", "Choice"), ("ChoicesText", "Arbetsmiljö\r\nService\r\nEkonomi")]);
        await AddFieldAsync(admin, page, [("Label", "Önskat datum"), ("Kind", "Date")]);
        await AddFieldAsync(admin, page, [("Label", "Berörd enhet"), ("Kind", "OrganisationUnit")]);

        var type = await TypeAsync("Forbattringsforslag");
        Assert.NotNull(type);
        Assert.Equal("Rubrik på förslaget", type.TitleLabel);
        Assert.True(type.Drafts);
        Assert.False(type.Versioned);
        Assert.Null(type.DefinedBy);
        Assert.Equal(["kortSammanfattning", "beskrivning", "omrade", "onskatDatum", "berordEnhet"], type.OrderedFields.Select(f => f.Name));
        var summary = type.Field("kortSammanfattning")!;
        Assert.True(summary.Required);
        Assert.Equal(200, summary.MaxLength);
        Assert.Equal(["Arbetsmiljö", "Service", "Ekonomi"], type.Field("omrade")!.Choices);

        var list = await admin.GetStringAsync(List);
        Assert.Contains("<a href=\"/admin/innehallstyper/Forbattringsforslag\">Förbättringsförslag</a>", list);
        Assert.Contains("<code>Forbattringsforslag</code>", list);

        // Keyboard-friendly reordering with buttons.
        var details = await admin.GetStringAsync(page);
        Assert.Contains("Flytta upp<span class=\"visually-hidden\"> Berörd enhet</span>", details);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFieldsAsync(page, $"{page}/falt/berordEnhet/flytta-upp", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFieldsAsync(page, $"{page}/falt/kortSammanfattning/flytta-ned", [])).StatusCode);
        Assert.Equal(["beskrivning", "kortSammanfattning", "omrade", "berordEnhet", "onskatDatum"], (await TypeAsync("Forbattringsforslag"))!.OrderedFields.Select(f => f.Name));

        // Edit a field's settings; its technical name and kind stay.
        var edit = $"{page}/falt/omrade";
        var editPage = await admin.GetStringAsync(edit);
        Assert.Contains("Tekniskt namn och typ kan inte ändras", editPage);
        var saved = await admin.PostFieldsAsync(edit, edit,
            [("Label", "Förbättringsområde"), ("Hint", "Välj det som passar bäst."), ("Required", "true"), ("ChoicesText", "Arbetsmiljö\nService"), ("Kind", "Date"), ("Name", "annat")]);
        Assert.Contains("Fältet Förbättringsområde är sparat.", await admin.FollowAsync(saved));
        var choice = (await TypeAsync("Forbattringsforslag"))!.Field("omrade")!;
        Assert.Equal("Förbättringsområde", choice.Label);
        Assert.Equal("Välj det som passar bäst.", choice.Hint);
        Assert.True(choice.Required);
        Assert.Equal(FieldKind.Choice, choice.Kind);
        Assert.Equal(["Arbetsmiljö", "Service"], choice.Choices);

        // The preview is the generated form, in order, with nothing to submit to.
        var preview = await admin.GetStringAsync($"{page}/forhandsgranska");
        Assert.Contains("Det är en förhandsgranskning", preview);
        Assert.Contains("Rubrik på förslaget", preview);
        var positions = new[] { "<label for=\"f_beskrivning\">Beskrivning", "<label for=\"f_kortSammanfattning\">Kort sammanfattning", "<legend>Förbättringsområde", "<label for=\"f_berordEnhet\">Berörd enhet", "<label for=\"f_onskatDatum\">Önskat datum" }
            .Select(label => preview.IndexOf(label, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("Kommunstyrelsen", preview); // units offered by the organisation field
        Assert.Contains("type=\"submit\" class=\"button\" disabled", preview);
        Assert.Contains("<form class=\"content-form preview\" aria-label=\"Förhandsgranskning av formuläret\">", preview); // no action, no post
    }

    [Fact]
    public async Task Invalid_input_shows_errors_keeps_what_was_typed_and_saves_nothing()
    {
        var admin = await AdminAsync();
        await CreateTypeAsync(admin, "Avvikelse", "Avvikelse");
        var page = $"{List}/Avvikelse";
        await AddFieldAsync(admin, page, [("Label", "Vad hände"), ("Name", "vadHande"), ("Kind", "LongText")]);
        var add = $"{page}/falt/nytt";

        var emptyLabel = await admin.PostFieldsAsync(add, add, [("Label", " "), ("Name", "plats"), ("Kind", "ShortText"), ("Hint", "Min hjälptext")]);
        Assert.Equal(HttpStatusCode.OK, emptyLabel.StatusCode);
        var html = await emptyLabel.Content.ReadAsStringAsync();
        Assert.Contains("class=\"error-summary\"", html);
        Assert.Contains("<a href=\"#Label\">Skriv fältets etikett.</a>", html);
        Assert.Contains("Min hjälptext</textarea>", html);
        Assert.Contains("value=\"plats\"", html);

        var duplicate = await admin.PostFieldsAsync(add, add, [("Label", "Vad hände egentligen"), ("Name", "vadHande"), ("Kind", "ShortText")]);
        html = await duplicate.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("Det finns redan ett fält med det tekniska namnet &quot;vadHande&quot;", html);
        Assert.Contains("value=\"Vad hände egentligen\"", html);

        var noChoices = await admin.PostFieldsAsync(add, add, [("Label", "Allvarlighet"), ("Kind", "Choice"), ("ChoicesText", " \n "), ("Multiple", "true")]);
        html = await noChoices.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, noChoices.StatusCode);
        Assert.Contains("<a href=\"#ChoicesText\">Skriv minst ett alternativ, ett per rad.</a>", html);
        Assert.Contains("value=\"Allvarlighet\"", html);
        Assert.Contains("<option value=\"Choice\" selected=\"selected\">Val</option>", html);

        var noFileTypes = await admin.PostFieldsAsync(add, add, [("Label", "Bilagor"), ("Kind", "Files"), ("MaxFiles", "3")]);
        Assert.Contains("Välj minst en tillåten filtyp.", await noFileTypes.Content.ReadAsStringAsync());

        var editEmpty = await admin.PostFieldsAsync($"{page}/falt/vadHande", $"{page}/falt/vadHande", [("Label", ""), ("Hint", "Kvar")]);
        html = await editEmpty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, editEmpty.StatusCode);
        Assert.Contains("Skriv fältets etikett.", html);
        Assert.Contains("Kvar</textarea>", html);

        var type = await TypeAsync("Avvikelse");
        Assert.Equal(["vadHande"], type!.Fields.Select(f => f.Name));
        Assert.Equal("Vad hände", type.Field("vadHande")!.Label);

        var sameType = await admin.PostFieldsAsync($"{List}/ny", $"{List}/ny", [("DisplayName", "Avvikelse igen"), ("Name", "Avvikelse")]);
        html = await sameType.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sameType.StatusCode);
        Assert.Contains("Det finns redan en innehållstyp med det tekniska namnet &quot;Avvikelse&quot;", html);
        Assert.Contains("value=\"Avvikelse igen\"", html);
        Assert.Equal("Avvikelse", (await TypeAsync("Avvikelse"))!.DisplayName);

        var badName = await admin.PostFieldsAsync($"{List}/ny", $"{List}/ny", [("DisplayName", "Något"), ("Name", "litet namn")]);
        Assert.Contains("Det tekniska namnet måste börja med en stor bokstav", await badName.Content.ReadAsStringAsync());
        Assert.Null(await TypeAsync("Nagot"));
    }

    [Fact]
    public async Task A_removed_field_leaves_the_form_after_a_confirmation()
    {
        var admin = await AdminAsync();
        await CreateTypeAsync(admin, "Riskanalys", "Riskanalys");
        var page = $"{List}/Riskanalys";
        await AddFieldAsync(admin, page, [("Label", "Risk"), ("Kind", "ShortText")]);
        await AddFieldAsync(admin, page, [("Label", "Bilaga"), ("Kind", "Files"), ("AllowedExtensions", ".pdf"), ("AllowedExtensions", ".docx"), ("MaxFileSizeMb", "5"), ("MaxFiles", "2")]);
        var file = (await TypeAsync("Riskanalys"))!.Field("bilaga")!;
        Assert.Equal([".pdf", ".docx"], file.AllowedExtensions);
        Assert.Equal(5 * 1024, file.MaxFileSizeKb);

        var confirm = await admin.GetStringAsync($"{page}/falt/risk/ta-bort");
        Assert.Contains("finns kvar i ärendena", confirm);
        Assert.Equal(["risk", "bilaga"], (await TypeAsync("Riskanalys"))!.Fields.Select(f => f.Name));
        var removed = await admin.PostFieldsAsync($"{page}/falt/risk/ta-bort", $"{page}/falt/risk/ta-bort", []);
        Assert.Contains("Fältet Risk är borttaget", await admin.FollowAsync(removed));
        Assert.Equal(["bilaga"], (await TypeAsync("Riskanalys"))!.Fields.Select(f => f.Name));
    }

    [Fact]
    public async Task Module_fields_can_be_relabelled_but_not_removed()
    {
        await using (var scope = portal.CreateScope())
        {
            var problems = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(new ContentTypeDefinition
            {
                Name = "Ide",
                DisplayName = "Idé",
                DefinedBy = "Idésluss",
                Fields = [new ContentFieldDefinition { Name = "nytta", Label = "Nytta", Kind = FieldKind.LongText, MaxLength = 4000, Order = 1 }],
            });
            Assert.Empty(problems);
        }

        var admin = await AdminAsync();
        var page = $"{List}/Ide";
        Assert.DoesNotContain("/falt/nytta/ta-bort", await admin.GetStringAsync(page));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFieldsAsync(page, $"{page}/falt/nytta/ta-bort", [])).StatusCode);
        Assert.NotNull((await TypeAsync("Ide"))!.Field("nytta"));

        var saved = await admin.PostFieldsAsync($"{page}/falt/nytta", $"{page}/falt/nytta", [("Label", "Vilken nytta gör idén?"), ("Required", "true"), ("MaxLength", "10")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var field = (await TypeAsync("Ide"))!.Field("nytta")!;
        Assert.Equal("Vilken nytta gör idén?", field.Label);
        Assert.True(field.Required);
        Assert.Equal(4000, field.MaxLength);
    }

    [Fact]
    public async Task Admin_grants_Medarbetare_create_view_own_and_edit_own_and_other_grants_stay()
    {
        var admin = await AdminAsync();
        await CreateTypeAsync(admin, "Tillbud", "Tillbud");
        await using (var scope = portal.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<IPermissionService>();
            await service.SetGrantsAsync("Medarbetare", [.. await service.GetGrantsAsync("Medarbetare"), "Test.AnnanBehorighet"]);
        }

        var page = $"{List}/Tillbud";
        var html = await admin.GetStringAsync(page);
        Assert.Contains("<th scope=\"col\">Ändra egna</th>", html);
        Assert.Contains("<th scope=\"row\">Medarbetare</th>", html);
        Assert.Contains("checked disabled", html); // Administratör holds everything

        var saved = await admin.PostFieldsAsync(page, $"{page}/behorigheter",
            [("Grants", "Medarbetare:Create"), ("Grants", "Medarbetare:ViewOwn"), ("Grants", "Medarbetare:EditOwn"), ("Grants", "Chef:ViewAll")]);
        Assert.Contains("Behörigheterna för Tillbud är sparade.", await admin.FollowAsync(saved));

        var grants = await GrantsAsync("Medarbetare");
        Assert.Contains("Contents.Tillbud.Create", grants);
        Assert.Contains("Contents.Tillbud.ViewOwn", grants);
        Assert.Contains("Contents.Tillbud.EditOwn", grants);
        Assert.DoesNotContain("Contents.Tillbud.ViewAll", grants);
        Assert.Contains("Test.AnnanBehorighet", grants);
        Assert.Contains("Contents.Tillbud.ViewAll", await GrantsAsync("Chef"));
        Assert.Contains("value=\"Medarbetare:EditOwn\" checked=\"checked\"", await admin.GetStringAsync(page));

        var revoked = await admin.PostFieldsAsync(page, $"{page}/behorigheter", [("Grants", "Medarbetare:Create")]);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        grants = await GrantsAsync("Medarbetare");
        Assert.Contains("Contents.Tillbud.Create", grants);
        Assert.DoesNotContain("Contents.Tillbud.EditOwn", grants);
        Assert.Contains("Test.AnnanBehorighet", grants);
        Assert.DoesNotContain("Contents.Tillbud.ViewAll", await GrantsAsync("Chef"));

        var forged = await admin.PostFieldsAsync(page, $"{page}/behorigheter", [("Grants", "Medarbetare:ManageEverything")]);
        Assert.Contains("Välj bara roller och behörigheter som finns i tabellen.", await admin.FollowAsync(forged));
        Assert.Contains("Contents.Tillbud.Create", await GrantsAsync("Medarbetare"));
    }

    [Fact]
    public async Task An_employee_is_refused_every_type_admin_page_and_post()
    {
        var admin = await AdminAsync();
        await CreateTypeAsync(admin, "Skyddsrond", "Skyddsrond");
        await AddFieldAsync(admin, $"{List}/Skyddsrond", [("Label", "Plats"), ("Kind", "ShortText")]);
        await AddFieldAsync(admin, $"{List}/Skyddsrond", [("Label", "Brist"), ("Kind", "ShortText")]);

        var employee = PortalClient.Create(portal);
        await employee.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        const string tokenPage = "/konto/losenord";
        var page = $"{List}/Skyddsrond";
        string[] gets = [List, $"{List}/ny", page, $"{page}/installningar", $"{page}/falt/nytt", $"{page}/falt/plats", $"{page}/falt/plats/ta-bort", $"{page}/forhandsgranska", $"{List}/importera"];
        foreach (var url in gets)
        {
            Assert.True((await employee.GetAsync(url)).IsForbidden(), $"GET {url}");
        }

        string[] posts = [$"{List}/ny", $"{page}/installningar", $"{page}/falt/nytt", $"{page}/falt/plats", $"{page}/falt/plats/ta-bort", $"{page}/falt/brist/flytta-upp", $"{page}/falt/plats/flytta-ned", $"{page}/behorigheter", $"{List}/exportera", $"{List}/importera"];
        foreach (var url in posts)
        {
            var response = await employee.PostFieldsAsync(tokenPage, url, [("DisplayName", "Hack"), ("Name", "Hack"), ("Label", "Hack"), ("Kind", "ShortText"), ("Grants", "Medarbetare:DeleteAll")]);
            Assert.True(response.IsForbidden(), $"POST {url} svarade {(int)response.StatusCode}");
        }

        var type = await TypeAsync("Skyddsrond");
        Assert.Equal("Skyddsrond", type!.DisplayName);
        Assert.Equal(["plats", "brist"], type.OrderedFields.Select(f => f.Name));
        Assert.Null(await TypeAsync("Hack"));
        Assert.DoesNotContain("Contents.Skyddsrond.DeleteAll", await GrantsAsync("Medarbetare"));
    }

    [Fact]
    public async Task Technical_names_are_suggested_from_swedish_names()
    {
        Assert.Equal("Forbattringsforslag", Kvalitetsportal.Contents.TypeAdmin.TechnicalNames.ForType("Förbättringsförslag"));
        Assert.Equal("OnskatDatumForAtgard", Kvalitetsportal.Contents.TypeAdmin.TechnicalNames.ForType("önskat datum för åtgärd"));
        Assert.Equal("onskatDatumForAtgard", Kvalitetsportal.Contents.TypeAdmin.TechnicalNames.ForField("Önskat datum för åtgärd"));
        Assert.Equal("f2026Mal", Kvalitetsportal.Contents.TypeAdmin.TechnicalNames.ForField("2026 – mål"));

        var admin = await AdminAsync();
        await CreateTypeAsync(admin, "Årlig uppföljning", "");
        Assert.NotNull(await TypeAsync("ArligUppfoljning"));
    }

    internal static async Task CreateTypeAsync(PortalClient admin, string displayName, string name)
    {
        var created = await admin.PostFieldsAsync($"{List}/ny", $"{List}/ny", [("DisplayName", displayName), ("Name", name), ("Drafts", "true"), ("Versioned", "true")]);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
    }

    internal static async Task AddFieldAsync(PortalClient admin, string typePage, IEnumerable<(string, string)> fields)
    {
        var response = await admin.PostFieldsAsync($"{typePage}/falt/nytt", $"{typePage}/falt/nytt", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    private async Task<ContentTypeDefinition?> TypeAsync(string name)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(name);
    }

    private async Task<IReadOnlySet<string>> GrantsAsync(string role)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IPermissionService>().GetGrantsAsync(role);
    }
}
