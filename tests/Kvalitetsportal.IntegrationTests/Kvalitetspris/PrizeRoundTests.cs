using System.Net;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Kvalitetspris;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Recurring.Running;
using Kvalitetsportal.Recurring.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Kvalitetspris.PrizeArrange;

namespace Kvalitetsportal.IntegrationTests.Kvalitetspris;

/// <summary>The coordinator's pages and the yearly round: opening a round, its list of submitted applications, the schedule.</summary>
public sealed class PrizeRoundTests(PrizePortal portal) : IClassFixture<PrizePortal>
{
    [Fact]
    public async Task The_coordinator_opens_a_round_and_sees_its_submitted_applications_but_no_drafts()
    {
        var petra = await SignedInAsync(portal, PrizePortal.Coordinator);
        var form = await petra.GetStringAsync(PrizeUrls.Rounds);
        Assert.Contains("value=\"25000\"", form); // the common limit is the default
        var today = Today(portal);
        var fields = new List<(string, string)>
        {
            ("FormToken", FormToken().Match(form).Groups[1].Value),
            ("Revision", "0"),
            ("Title", "Nya steg provomgång"),
            ("f.callText", "Ansök om priset!"),
            ("f.opensOn", today.AddDays(-1).ToString("yyyy-MM-dd")),
            ("f.closesOn", today.AddDays(30).ToString("yyyy-MM-dd")),
            ("f.maxCharacters", "25000"),
            ("f.scaleMax", "5"),
            ("f.levelsProcess", "Låg: ingen plan. Hög: tydlig plan som följs upp."),
        };
        var created = await petra.PostFieldsAsync(PrizeUrls.Rounds, PrizeUrls.Rounds, fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var roundId = created.Headers.Location!.OriginalString.Split('/').Last();

        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        Assert.Contains(PrizeUrls.Apply(roundId), await anna.GetStringAsync(PrizeUrls.Start));
        var submitted = await StartAsync(portal, anna, roundId, "Inskickad till provomgången");
        Assert.Equal(HttpStatusCode.Redirect, (await PostApplicationAsync(portal, anna, submitted, "skicka", Complete())).StatusCode);
        await StartAsync(portal, anna, roundId, "Bara ett utkast i provomgången");

        var page = await petra.GetStringAsync(PrizeUrls.Round(roundId));
        Assert.Contains("Inskickad till provomgången", page);
        Assert.Matches(Diarienummer(), page);
        Assert.DoesNotContain("Bara ett utkast i provomgången", page);
    }

    [Fact]
    public async Task A_round_that_closes_before_it_opens_is_refused_and_employees_cannot_reach_the_coordinators_pages()
    {
        var petra = await SignedInAsync(portal, PrizePortal.Coordinator);
        var form = await petra.GetStringAsync(PrizeUrls.Rounds);
        var response = await petra.PostFieldsAsync(PrizeUrls.Rounds, PrizeUrls.Rounds,
        [
            ("FormToken", FormToken().Match(form).Groups[1].Value), ("Revision", "0"), ("Title", "Baklänges"), ("f.callText", "Text"),
            ("f.opensOn", "2026-05-01"), ("f.closesOn", "2026-04-01"),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Omgången måste stänga minst en dag efter att den öppnar.", html);
        Assert.Contains("value=\"Baklänges\"", html);

        var anna = await SignedInAsync(portal, PortalFactory.EmployeeEmail);
        Assert.True((await anna.GetAsync(PrizeUrls.Rounds)).IsForbidden());
        Assert.DoesNotContain(PrizeUrls.Rounds + "\"", await anna.GetStringAsync(PrizeUrls.Start));
    }

    [Fact]
    public async Task The_default_recipe_schedules_a_new_round_each_year_owned_by_the_coordinator()
    {
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var schedule = await db.Set<RecurringSchedule>().AsNoTracking().SingleAsync(s => s.ContentType == PrizeTypes.Round);
        Assert.Equal(PeriodLength.Year, schedule.Period);

        // "Kör nu" for this year: the round is created with its dates, and its workflow starts.
        var outcome = await scope.ServiceProvider.GetRequiredService<ScheduleRunner>().RunPeriodAsync(schedule, Period.Containing(schedule.Period, portal.Clock.GetUtcNow().UtcDateTime), retryFailed: false, CancellationToken.None);
        Assert.Equal(1, outcome.Created);
        var year = Today(portal).Year;
        var round = await scope.ServiceProvider.GetRequiredService<IContentQuery>().Latest.SingleAsync(i => i.ContentType == PrizeTypes.Round && i.DisplayText == $"Kvalitetspriset Nya steg {year}");
        var read = PrizeRound.From(round);
        Assert.Equal(new DateOnly(year, 2, 1), read.OpensOn);
        Assert.Equal(new DateOnly(year, 4, 1), read.ClosesOn);
        Assert.Equal(25_000, read.MaxCharacters);
        Assert.NotNull(round.WorkflowState);
        Assert.Equal(await UsersArrange.UserIdAsync(portal, PrizePortal.Coordinator), round.OwnerId);
    }
}
