using System.Net;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Kvalitetspris;
using Kvalitetsportal.Kvalitetspris.Prize;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Kvalitetspris.PrizeArrange;

namespace Kvalitetsportal.IntegrationTests.Kvalitetspris;

/// <summary>The jury on the server: jäv shuts a juror out, comments are mandatory, others' scores wait for one's own, the chair's consensus leaves the recused out, and the applicant never reaches a score.</summary>
public sealed class PrizeJuryTests(PrizePortal portal) : IClassFixture<PrizePortal>
{
    private static string Jury(string id) => $"/kvalitetspris/jury/{id}";

    private static string Chair(string round) => $"/kvalitetspris/omgangar/{round}/jury";

    private async Task<PortalClient> JurorAsync(string name)
    {
        var email = $"{name.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..6]}@kvalitetsportal.local";
        await UsersArrange.CreateUserAsync(portal, email, $"{name} Jurysson", "Medarbetare", "Jurymedlem");
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, UsersArrange.Password);
        var petra = await SignedInAsync(portal, PrizePortal.Coordinator);
        return (await petra.PostFormAsync(PrizeUrls.Rounds, "/kvalitetspris/omgangar/" + _round + "/jury", new Dictionary<string, string> { ["email"] = email })).StatusCode == HttpStatusCode.Redirect
            ? client
            : throw new InvalidOperationException("Kunde inte lägga till jurymedlemmen");
    }

    private string _round = "";

    private static async Task TakeAsync(PortalClient client, string id, string transition)
    {
        var page = await client.GetStringAsync(PrizeUrls.Application(id));
        var response = await client.PostFormAsync(PrizeUrls.Application(id), $"/innehall/{PrizeTypes.Application}/{id}/arbetsflode",
            new Dictionary<string, string> { ["Transition"] = transition, ["Revision"] = Revision().Match(page).Groups[1].Value });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static Dictionary<string, string> Scores(int process, string comment) => new()
    {
        ["score-process"] = process.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["comment-process"] = comment,
        ["score-larande"] = "4",
        ["comment-larande"] = "Lärandet sprids.",
        ["score-delaktighet"] = "4",
        ["comment-delaktighet"] = "Brukarna var med.",
        ["score-resultat"] = "3",
        ["comment-resultat"] = "Resultatet är mätt.",
    };

    [Fact]
    public async Task Jav_shuts_a_juror_out_others_scores_wait_for_ones_own_the_chair_sees_consensus_and_the_applicant_no_scores()
    {
        _round = await RoundAsync(portal);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, _round, "Ansökan som juryn bedömer");
        Assert.Equal(HttpStatusCode.Redirect, (await PostApplicationAsync(portal, anna, id, "skicka", Complete())).StatusCode);
        var ada = await JurorAsync("Ada");
        var bo = await JurorAsync("Bo");
        var cilla = await JurorAsync("Cilla");

        // Before the coordinator hands it to the jury, jurors do not reach it.
        Assert.Equal(HttpStatusCode.NotFound, (await bo.GetAsync(Jury(id))).StatusCode);
        await TakeAsync(await SignedInAsync(portal, PortalFactory.ManagerEmail), id, "tillstyrk");
        var petra = await SignedInAsync(portal, PrizePortal.Coordinator);
        await TakeAsync(petra, id, "borja-bedoma");

        // Ada declares jäv: from then on she reaches neither the application nor its scoring, on any path.
        Assert.Contains("Ansökan som juryn bedömer", await ada.GetStringAsync("/kvalitetspris/jury"));
        Assert.Equal(HttpStatusCode.Redirect, (await ada.PostFormAsync(Jury(id), Jury(id) + "/jav", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync(Jury(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync(PrizeUrls.Application(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync($"/api/content/{PrizeTypes.Application}/{id}")).StatusCode);
        var adaPosts = await ada.PostFormAsync("/kvalitetspris/jury", Jury(id), Scores(5, "Försök trots jäv."));
        Assert.Equal(HttpStatusCode.NotFound, adaPosts.StatusCode);
        Assert.DoesNotContain("Ansökan som juryn bedömer", await ada.GetStringAsync("/kvalitetspris/jury"));

        // Bo: a comment per area is mandatory; what he typed comes back.
        var missing = Scores(5, "");
        var refused = await bo.PostFormAsync(Jury(id), Jury(id), missing);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Skriv en kommentar till poängen för Process.", refusedHtml);
        Assert.Contains("Lärandet sprids.", refusedHtml);
        Assert.Equal(HttpStatusCode.Redirect, (await bo.PostFormAsync(Jury(id), Jury(id), Scores(5, "Bos tydliga plan."))).StatusCode);

        // Cilla does not see Bo's scores until she has submitted her own.
        Assert.DoesNotContain("Bos tydliga plan.", await cilla.GetStringAsync(Jury(id)));
        Assert.Equal(HttpStatusCode.Redirect, (await cilla.PostFormAsync(Jury(id), Jury(id), Scores(1, "Cillas tveksamhet."))).StatusCode);
        Assert.Contains("Bos tydliga plan.", await cilla.GetStringAsync(Jury(id)));

        // The chair: means without the recused juror, the process area flagged (5 and 1), Ada named as recused.
        var consensus = await petra.GetStringAsync(Chair(_round));
        Assert.Contains("Ansökan som juryn bedömer", consensus);
        Assert.Contains("<td>3</td>", consensus); // process mean (5 + 1) / 2
        Assert.Contains("(olika bedömningar)", consensus);
        Assert.Contains("Jäv anmält (räknas inte): Ada Jurysson", consensus);

        // The applicant reaches no score: not the jury's pages, not the chair's, not her own page or the API.
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync(Jury(id))).StatusCode);
        Assert.True((await anna.GetAsync(Chair(_round))).IsForbidden());
        Assert.DoesNotContain("Bos tydliga plan.", await anna.GetStringAsync(PrizeUrls.Application(id)));
        var api = await anna.GetAsync($"/api/content/{PrizeTypes.Application}/{id}");
        Assert.DoesNotContain("Bos tydliga plan.", await api.Content.ReadAsStringAsync());

        // The decision is the platform's decision record, taken on the "besluta" transition.
        var page = await petra.GetStringAsync(PrizeUrls.Application(id));
        var decided = await petra.PostFormAsync(PrizeUrls.Application(id), $"/innehall/{PrizeTypes.Application}/{id}/arbetsflode", new Dictionary<string, string>
        {
            ["Transition"] = "besluta",
            ["Revision"] = Revision().Match(page).Groups[1].Value,
            ["Decision.DeciderKind"] = "Body",
            ["Decision.DecidedBy"] = "Juryn för kvalitetspriset",
            ["Decision.Date"] = Today(portal).ToString("yyyy-MM-dd"),
            ["Decision.Paragraph"] = "§ 1",
            ["Decision.Outcome"] = "Godkänd",
            ["Decision.Conditions"] = "Vinnare av Nya steg.",
        });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        await using (var scope = portal.CreateScope())
        {
            var decisions = await scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Workflows.Decisions.IDecisionQuery>().ForItemAsync(id);
            Assert.Contains("Juryn för kvalitetspriset", Assert.Single(decisions).Summary);
        }

        var afterDecision = await anna.GetStringAsync(PrizeUrls.Application(id));
        Assert.Contains("Beslutad", afterDecision);
        Assert.DoesNotContain("Bos tydliga plan.", afterDecision);
        Assert.DoesNotContain("Cillas tveksamhet.", afterDecision);
    }
}
