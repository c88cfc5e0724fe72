using System.Net;
using Kvalitetsportal.Kvalitetspris;
using Kvalitetsportal.Localization;
using static Kvalitetsportal.IntegrationTests.Kvalitetspris.PrizeArrange;

namespace Kvalitetsportal.IntegrationTests.Kvalitetspris;

/// <summary>The deadline, with the portal's clock moved to it: its own portal, so no other test lives at a shifted time.</summary>
public sealed class PrizeDeadlineTests(PrizeDeadlineTests.DeadlinePortal portal) : IClassFixture<PrizeDeadlineTests.DeadlinePortal>
{
    public sealed class DeadlinePortal : PrizePortal;

    [Fact]
    public async Task A_submission_one_second_after_the_deadline_is_refused_nothing_typed_is_lost_and_the_round_closed_itself()
    {
        var round = await RoundAsync(portal, opensInDays: -5, closesInDays: 1);
        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await StartAsync(portal, anna, round, "En sekund för sent");

        // 00:00:01 Swedish time on the closing day.
        var deadline = SwedishTime.StartOfDayUtc(Today(portal).AddDays(1));
        portal.Clock.Advance(deadline.AddSeconds(1) - portal.Clock.GetUtcNow().UtcDateTime);
        anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail); // the session of a day ago has ended
        var response = await PostApplicationAsync(portal, anna, id, "skicka", Complete("Det vi skrev i sista minuten."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("ansökan kom in för sent för att tas emot", html);
        Assert.Contains("Det du har skrivit är sparat som utkast", html);
        Assert.Contains("Det vi skrev i sista minuten.", html);
        var saved = await LatestAsync(portal, id);
        Assert.False(saved.Published);
        Assert.Equal("Det vi skrev i sista minuten.", saved.GetData()["process"]!.GetValue<string>());

        // The round's timer has closed it: its final state, and the start page no longer offers it.
        var closed = false;
        for (var i = 0; i < 100 && !closed; i++)
        {
            closed = (await LatestAsync(portal, round)).WorkflowState == "Stängd";
            if (!closed)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(closed, "The round did not close at its deadline.");
        Assert.DoesNotContain(PrizeUrls.Apply(round), await anna.GetStringAsync(PrizeUrls.Start));
    }
}
