using System.Net;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Kvalitetspris;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Kvalitetspris.PrizeArrange;

namespace Kvalitetsportal.IntegrationTests.Kvalitetspris;

/// <summary>The quality prize over HTTP on the shipped recipe: applying, the diarienummer and receipt, the manager's endorsement, the round's rules and who reaches a draft.</summary>
public sealed class KvalitetsprisTests(PrizePortal portal) : IClassFixture<PrizePortal>
{
    [Fact]
    public async Task The_recipe_ships_the_types_workflows_role_and_number_series_and_petra_signs_in()
    {
        await using (var scope = portal.CreateScope())
        {
            var types = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAllAsync();
            Assert.Equal(PrizeTypes.Areas, PrizeTypes.Areas.Where(a => types[PrizeTypes.Application].Field(a) is { Required: true }));
            Assert.Equal(5, types[PrizeTypes.Round].Fields.Count(f => f.Name.StartsWith("levels", StringComparison.Ordinal) || f.Name == PrizeTypes.CallText));
            var workflow = await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().GetCurrentAsync(PrizeTypes.Application);
            Assert.Equal(["Väntar på tillstyrkan", "Åter till sökande", "Inskickad", "Under bedömning", "Beslutad"], workflow!.Value.Definition.States.Select(s => s.Name));
            Assert.Contains(workflow.Value.Definition.Transitions, t => t.RequiresDecision);
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<AppliedFeatureRecipe>().CountAsync(r => r.FeatureId == KvalitetsprisStartup.FeatureId));
        }

        var petra = await SignedInAsync(portal, PrizePortal.Coordinator);
        var start = await petra.GetStringAsync(PrizeUrls.Start);
        Assert.Contains("Hantera prisomgångar", start);
    }

    [Fact]
    public async Task An_employee_applies_gets_a_KP_diarienummer_on_the_receipt_and_the_manager_endorses()
    {
        var round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, round, "Digital planering i hemtjänsten");

        // A draft: saved, but no number and no workflow yet.
        var draft = await LatestAsync(portal, id);
        Assert.False(draft.Published);
        Assert.Null(draft.WorkflowState);

        var response = await PostApplicationAsync(portal, anna, id, "skicka", Complete());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PrizeUrls.Receipt(id), response.Headers.Location!.OriginalString);
        var receipt = await anna.GetStringAsync(PrizeUrls.Receipt(id));
        var number = Diarienummer().Match(receipt).Value;
        Assert.StartsWith("KP " + DateTime.UtcNow.Year, number);
        Assert.Contains("Digital planering i hemtjänsten", receipt);

        var submitted = await LatestAsync(portal, id);
        Assert.Equal("Väntar på tillstyrkan", submitted.WorkflowState);
        var karlId = await UsersArrange.UserIdAsync(portal, PortalFactory.ManagerEmail);
        Assert.Equal(karlId, submitted.AssignedTo?.Split(':').Last());

        // The manager reads it on the application page and endorses it through the workflow.
        var karl = await SignedInAsync(portal, PortalFactory.ManagerEmail);
        var page = await karl.GetStringAsync(PrizeUrls.Application(id));
        Assert.Contains("Tillstyrk ansökan", page);
        Assert.Contains(number, page);
        var endorse = await karl.PostFormAsync(PrizeUrls.Application(id), $"/innehall/{PrizeTypes.Application}/{id}/arbetsflode",
            new Dictionary<string, string> { ["Transition"] = "tillstyrk", ["Revision"] = Revision().Match(page).Groups[1].Value });
        Assert.Equal(HttpStatusCode.Redirect, endorse.StatusCode);
        Assert.Equal("Inskickad", (await LatestAsync(portal, id)).WorkflowState);

        // The applicant still sees it, with where it is, and the number never changes.
        var mine = await anna.GetStringAsync(PrizeUrls.Application(id));
        Assert.Contains("Inskickad", mine);
        Assert.Contains(number, mine);
    }

    [Fact]
    public async Task A_double_clicked_submit_sends_the_application_once()
    {
        var round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, round, "Dubbelklickad ansökan");
        var first = await PostApplicationAsync(portal, anna, id, "skicka", Complete());
        Assert.Equal(PrizeUrls.Receipt(id), first.Headers.Location!.OriginalString);

        // The second click posts the same form again (the page's old revision).
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in Complete())
        {
            content.Add(new StringContent(value), key);
        }

        content.Add(new StringContent("1"), "Revision");
        content.Add(new StringContent("Dubbelklickad ansökan"), "Title");
        content.Add(new StringContent("skicka"), "atgard");
        var second = await anna.PostMultipartAsync(PrizeUrls.Start, PrizeUrls.Application(id), content);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(PrizeUrls.Receipt(id), second.Headers.Location!.OriginalString);
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await db.Set<Kvalitetsportal.Contents.Items.ContentItem>().CountAsync(i => i.ContentItemId == id && i.Published));
    }

    [Fact]
    public async Task An_area_over_the_rounds_limit_is_refused_on_the_server_and_the_text_is_kept()
    {
        var round = await RoundAsync(portal, maxCharacters: 600);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, round, "För lång process");
        var longText = string.Concat(Enumerable.Repeat("Vi planerade", 50)) + "!"; // 601 characters
        var response = await PostApplicationAsync(portal, anna, id, "skicka", Complete(longText));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Process får vara högst 600 tecken i den här omgången (nu 601)", html);
        Assert.Contains("error-summary", html);
        Assert.Contains(longText, html);

        // Not submitted, but nothing lost: the draft holds what was typed.
        var saved = await LatestAsync(portal, id);
        Assert.False(saved.Published);
        Assert.Equal(longText, saved.GetData()["process"]!.GetValue<string>());
    }

    [Fact]
    public async Task Work_not_yet_finished_and_missing_areas_are_refused_with_swedish_messages()
    {
        var round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, round, "Pågående arbete");
        var fields = Complete();
        fields["f.finishedOn"] = Today(portal).AddDays(30).ToString("yyyy-MM-dd");
        fields["f.resultat"] = "";
        var html = await (await PostApplicationAsync(portal, anna, id, "skicka", fields)).Content.ReadAsStringAsync();
        Assert.Contains("Bara genomfört arbete kan få priset", html);
        Assert.Contains("Uppnått resultat måste fyllas i.", html);
        Assert.False((await LatestAsync(portal, id)).Published);
    }

    [Fact]
    public async Task Nobody_else_reads_or_changes_a_draft_not_even_the_manager_or_the_coordinator()
    {
        var round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, round, "Annas hemliga utkast");
        Assert.Equal(HttpStatusCode.Redirect, (await PostApplicationAsync(portal, anna, id, "utkast", Complete())).StatusCode);

        foreach (var email in new[] { PrizePortal.Other, PortalFactory.ManagerEmail, PrizePortal.Coordinator })
        {
            var other = await SignedInAsync(portal, email);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(PrizeUrls.Application(id))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/innehall/{PrizeTypes.Application}/{id}")).StatusCode);
            Assert.DoesNotContain("Annas hemliga utkast", await other.GetStringAsync($"/innehall/{PrizeTypes.Application}"));

            var change = new MultipartFormDataContent { { new StringContent("1"), "Revision" }, { new StringContent("Kapad"), "Title" }, { new StringContent("skicka"), "atgard" } };
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostMultipartAsync(PrizeUrls.Start, PrizeUrls.Application(id), change)).StatusCode);
            var autosave = new MultipartFormDataContent { { new StringContent("1"), "Revision" }, { new StringContent("Kapad"), "Title" } };
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostMultipartAsync(PrizeUrls.Start, PrizeUrls.Autosave(id), autosave)).StatusCode);
        }

        var kept = await LatestAsync(portal, id);
        Assert.Equal("Annas hemliga utkast", kept.DisplayText);
        Assert.False(kept.Published);
    }

    [Fact]
    public async Task Applications_are_written_only_through_the_prize_pages_so_their_rules_always_hold()
    {
        var round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, round, "Genväg förbi reglerna");

        // The generic content pages would skip the deadline and the round's limits: they refuse.
        Assert.True((await anna.GetAsync($"/innehall/{PrizeTypes.Application}/ny")).IsForbidden());
        Assert.True((await anna.GetAsync($"/innehall/{PrizeTypes.Application}/{id}/redigera")).IsForbidden());
        var autosave = new MultipartFormDataContent { { new StringContent("1"), "Revision" }, { new StringContent("Genväg"), "Title" } };
        var generic = await anna.PostMultipartAsync(PrizeUrls.Start, $"/innehall/{PrizeTypes.Application}/{id}/autospara", autosave);
        Assert.Equal(HttpStatusCode.Forbidden, generic.StatusCode);
    }

    [Fact]
    public async Task The_draft_is_saved_as_the_applicant_types_and_co_applicants_see_it_once_submitted()
    {
        var round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, round, "Sparas medan jag skriver");
        var html = await anna.GetStringAsync(PrizeUrls.Application(id));
        Assert.Contains($"data-autosave-url=\"{PrizeUrls.Autosave(id)}\"", html);

        var content = new MultipartFormDataContent
        {
            { new StringContent(Revision().Match(html).Groups[1].Value), "Revision" },
            { new StringContent("Sparas medan jag skriver"), "Title" },
            { new StringContent("Första meningen om processen."), "f.process" },
        };
        var autosave = await anna.PostMultipartAsync(PrizeUrls.Application(id), PrizeUrls.Autosave(id), content);
        Assert.Equal(HttpStatusCode.OK, autosave.StatusCode);
        Assert.Contains("Utkastet sparades", await autosave.Content.ReadAsStringAsync());
        var saved = await LatestAsync(portal, id);
        Assert.Equal("Första meningen om processen.", saved.GetData()["process"]!.GetValue<string>());
        Assert.Equal(round, saved.GetData()[PrizeTypes.RoundField]!.GetValue<string>()); // the round is kept though not posted

        // A co-applicant is a member: nothing before submission, the application after.
        var add = await anna.PostFormAsync(PrizeUrls.Application(id), PrizeUrls.CoApplicants(id), new Dictionary<string, string> { ["email"] = PrizePortal.Other });
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var lars = await SignedInAsync(portal, PrizePortal.Other);
        Assert.Equal(HttpStatusCode.NotFound, (await lars.GetAsync(PrizeUrls.Application(id))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostApplicationAsync(portal, anna, id, "skicka", Complete())).StatusCode);
        var page = await lars.GetStringAsync(PrizeUrls.Application(id));
        Assert.Contains("Sparas medan jag skriver", page);
        Assert.DoesNotContain("data-autosave-url=\"/", page);

        await using var scope = portal.CreateScope();
        var members = await scope.ServiceProvider.GetRequiredService<IContentMembers>().GetAsync(id);
        Assert.Contains(members, m => m.Role == PrizeTypes.CoApplicantRole);
    }
}

/// <summary>An external provider funded by the municipality applies without a unit: the coordinator endorses (there is no manager in the tree).</summary>
public sealed class PrizeExternalProviderTests(PrizePortal portal) : IClassFixture<PrizePortal>
{
    [Fact]
    public async Task An_external_provider_applies_without_a_unit_gets_a_number_and_the_coordinator_endorses()
    {
        var round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var html = await anna.GetStringAsync(PrizeUrls.Apply(round));
        var start = await anna.PostFieldsAsync(PrizeUrls.Apply(round), PrizeUrls.Apply(round),
            [("FormToken", FormToken().Match(html).Groups[1].Value), ("title", "Friskolans läsfrämjande"), ("unitId", ""), ("externalProvider", "Friskolan Äventyret AB")]);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var id = start.Headers.Location!.OriginalString.Split('/')[3];
        Assert.Null((await LatestAsync(portal, id)).OrganisationUnitId);

        var fields = Complete();
        fields["UnitId"] = "";
        fields["f.externalProvider"] = "Friskolan Äventyret AB";
        var submitted = await PostApplicationAsync(portal, anna, id, "skicka", fields);
        Assert.Equal(PrizeUrls.Receipt(id), submitted.Headers.Location!.OriginalString);
        Assert.Matches(Diarienummer(), await anna.GetStringAsync(PrizeUrls.Receipt(id)));

        var petra = await SignedInAsync(portal, PrizePortal.Coordinator);
        var page = await petra.GetStringAsync(PrizeUrls.Application(id));
        Assert.Contains("Friskolan Äventyret AB (extern utförare)", page);
        var endorse = await petra.PostFormAsync(PrizeUrls.Application(id), $"/innehall/{PrizeTypes.Application}/{id}/arbetsflode",
            new Dictionary<string, string> { ["Transition"] = "tillstyrk", ["Revision"] = Revision().Match(page).Groups[1].Value });
        Assert.Equal(HttpStatusCode.Redirect, endorse.StatusCode);
        Assert.Equal("Inskickad", (await LatestAsync(portal, id)).WorkflowState);
    }

    [Fact]
    public async Task Neither_a_unit_nor_an_external_provider_is_refused_and_what_was_typed_comes_back()
    {
        var round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var html = await anna.GetStringAsync(PrizeUrls.Apply(round));
        var response = await anna.PostFieldsAsync(PrizeUrls.Apply(round), PrizeUrls.Apply(round),
            [("FormToken", FormToken().Match(html).Groups[1].Value), ("title", "Utan sökande"), ("unitId", ""), ("externalProvider", "")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Välj den enhet som söker, eller skriv namnet på den externa utföraren.", page);
        Assert.Contains("value=\"Utan sökande\"", page);
    }
}
