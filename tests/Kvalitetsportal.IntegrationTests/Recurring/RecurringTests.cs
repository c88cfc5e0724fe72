using System.Net;
using Kvalitetsportal.Data;
using Kvalitetsportal.Recurring.Running;
using Kvalitetsportal.Recurring.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Recurring.RecurringPortal;

namespace Kvalitetsportal.IntegrationTests.Recurring;

/// <summary>
/// Issue 16, recurring work: a schedule creates its items once per period and source item, through
/// the content manager (so the type's workflow starts), also across restarts, two nodes and downtime.
/// </summary>
public sealed class RecurringTests
{
    /// <summary>Far enough into the next quarter for its first day to have come, whenever the test runs.</summary>
    private static readonly TimeSpan NextQuarter = TimeSpan.FromDays(95);

    [Fact]
    public async Task Each_quarter_one_control_per_active_control_point_linked_and_started_and_a_restart_adds_nothing()
    {
        var clock = new ShiftableClock();
        var portal = await StartAsync(clock);
        var restarted = default(RecurringPortal);
        try
        {
            var a = await portal.AddControlPointAsync("Attestordning");
            var b = await portal.AddControlPointAsync("Bisysslor");
            await portal.AddControlPointAsync("Utkast som inte är aktivt", submitted: false);
            await portal.RunRecipeAsync(Schedule("Kvartalskontroller", "Quarter", """
                "title": "Kontroll {{ period }}: {{ source.title }}", "fields": { "status": "Ej påbörjad {{ year }}" },
                "sourceType": "Kontrollpunkt", "sourceState": "Aktiv", "linkField": "kontrollpunkt"
                """));

            Assert.Empty(await portal.CreatedAsync()); // the quarter it was added in had begun: nothing until the next
            clock.Advance(NextQuarter);
            await EventuallyAsync(async () => (await portal.CreatedAsync()).Count >= 2);

            var period = Period.Containing(PeriodLength.Quarter, clock.GetUtcNow().UtcDateTime);
            var created = await portal.CreatedAsync();
            Assert.Equal(2, created.Count);
            Assert.Equal($"Kontroll {period.Label}: Attestordning", created[0].DisplayText);
            Assert.Equal($"Kontroll {period.Label}: Bisysslor", created[1].DisplayText);
            Assert.All(created, item => Assert.Equal("Att göra", item.WorkflowState));
            Assert.Equal(a, created[0].GetData()["kontrollpunkt"]!.GetValue<string>());
            Assert.Equal(b, created[1].GetData()["kontrollpunkt"]!.GetValue<string>());
            Assert.Equal($"Ej påbörjad {period.Start.Year}", created[0].GetData()["status"]!.GetValue<string>());
            var admin = await portal.AdminIdAsync();
            Assert.All(created, item => Assert.Equal(admin, item.OwnerId));
            var runs = await portal.RunsAsync("Kvartalskontroller");
            Assert.Equal(2, runs.Count);
            Assert.All(runs, r => Assert.Equal(period.Key, r.PeriodKey));

            portal.KeepDataOnDispose = true;
            await ((IAsyncLifetime)portal).DisposeAsync();
            restarted = portal.Restart();
            await ((IAsyncLifetime)restarted).InitializeAsync();
            await restarted.RunDueAsync();
            await Task.Delay(1000); // the restarted service polls several times meanwhile
            Assert.Equal(2, (await restarted.CreatedAsync()).Count);
            Assert.Equal(2, (await restarted.RunsAsync("Kvartalskontroller")).Count);
        }
        finally
        {
            if (restarted is not null)
            {
                await ((IAsyncLifetime)restarted).DisposeAsync();
            }
            else
            {
                await ((IAsyncLifetime)portal).DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task After_downtime_all_missed_months_are_caught_up_or_only_the_latest()
    {
        var clock = new ShiftableClock();
        var portal = await StartAsync(clock);
        await using var stopportal = portal.Stopping();
        await portal.RunRecipeAsync(Schedule("Alla månader", "Month", $$$"""
            "title": "Alla {{ period_key }}", "owner": "{{{PortalFactory.AdminEmail}}}", "catchUp": "All"
            """));
        await portal.RunRecipeAsync(Schedule("Senaste månaden", "Month", $$$"""
            "title": "Senaste {{ period_key }}", "owner": "{{{PortalFactory.AdminEmail}}}"
            """));
        var start = Period.Containing(PeriodLength.Month, clock.GetUtcNow().UtcDateTime);

        clock.Advance(TimeSpan.FromDays(3 * 31 + 3)); // three first-of-months pass while "down"
        await portal.RunDueAsync();
        await EventuallyAsync(async () => (await portal.RunsAsync("Alla månader")).Count >= 3);

        var expected = new[] { start.Next, start.Next.Next, start.Next.Next.Next }.Select(p => p.Key).ToList();
        Assert.Equal(expected, (await portal.RunsAsync("Alla månader")).Select(r => r.PeriodKey));
        Assert.Equal(new[] { expected[^1] }, (await portal.RunsAsync("Senaste månaden")).Select(r => r.PeriodKey));
        var titles = (await portal.CreatedAsync()).Select(i => i.DisplayText).ToList();
        Assert.Equal(4, titles.Count);
        Assert.Contains($"Senaste {expected[^1]}", titles);
        Assert.All(await portal.CreatedAsync(), i => Assert.Equal("Att göra", i.WorkflowState));
    }

    [Fact]
    public async Task A_paused_schedule_creates_nothing()
    {
        var clock = new ShiftableClock();
        var portal = await StartAsync(clock);
        await using var stopportal = portal.Stopping();
        await portal.RunRecipeAsync(Schedule("Pausat", "Month", $$$"""
            "title": "Pausat {{ period }}", "owner": "{{{PortalFactory.AdminEmail}}}", "catchUp": "All", "paused": true
            """));

        clock.Advance(TimeSpan.FromDays(70));
        await portal.RunDueAsync();
        await Task.Delay(600);

        Assert.Empty(await portal.RunsAsync("Pausat"));
        Assert.Empty(await portal.CreatedAsync());
    }

    [Fact]
    public async Task Two_runners_racing_for_the_same_period_create_each_item_once()
    {
        var clock = new ShiftableClock();
        var portal = await StartAsync(clock);
        await using var stopportal = portal.Stopping();
        for (var i = 0; i < 6; i++)
        {
            await portal.AddControlPointAsync($"Punkt {i}");
        }

        await portal.RunRecipeAsync(Schedule("Kapplöpning", "Year", """
            "title": "{{ source.title }} {{ period }}", "sourceType": "Kontrollpunkt", "paused": true
            """));
        var schedule = await portal.ScheduleAsync("Kapplöpning");
        var period = Period.Containing(PeriodLength.Year, clock.GetUtcNow().UtcDateTime);

        async Task<PeriodOutcome> RunAsync()
        {
            await using var scope = portal.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ScheduleRunner>().RunPeriodAsync(schedule, period, retryFailed: false, CancellationToken.None);
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(RunAsync)));

        Assert.Equal(6, outcomes.Sum(o => o.Created));
        Assert.All(outcomes, o => Assert.Equal(0, o.Failed));
        Assert.Equal(6, (await portal.CreatedAsync()).Count);
        Assert.Equal(6, (await portal.RunsAsync("Kapplöpning")).Count);
    }

    [Fact]
    public async Task Two_nodes_on_one_database_create_each_item_once()
    {
        var clock = new ShiftableClock();
        var first = await StartAsync(clock);
        await using var stopfirst = first.Stopping();
        var second = first.SecondNode();
        await ((IAsyncLifetime)second).InitializeAsync();
        await using var stopSecond = second.Stopping();
        for (var i = 0; i < 4; i++)
        {
            await first.AddControlPointAsync($"Punkt {i}");
        }

        await first.RunRecipeAsync(Schedule("Två noder", "Quarter", """
            "title": "{{ source.title }} {{ period }}", "sourceType": "Kontrollpunkt"
            """));

        clock.Advance(NextQuarter);
        await Task.WhenAll(first.RunDueAsync(), second.RunDueAsync());
        await EventuallyAsync(async () => (await first.CreatedAsync()).Count >= 4);
        await Task.Delay(1000); // both services poll several times more

        Assert.Equal(4, (await first.CreatedAsync()).Count);
        Assert.Equal(4, (await second.RunsAsync("Två noder")).Count(r => r.Status == RunStatus.Created));
    }

    [Fact]
    public async Task Bad_admin_input_gives_Swedish_errors_and_keeps_what_was_typed()
    {
        var portal = await StartAsync();
        await using var stopportal = portal.Stopping();
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var response = await client.PostFormAsync("/admin/aterkommande/ny", "/admin/aterkommande/ny", new()
        {
            ["Name"] = "",
            ["ContentType"] = "Kontroll",
            ["Period"] = "Month",
            ["DayOfPeriod"] = "31",
            ["TitleTemplate"] = "Kontroll {{ period",
            ["InitialValues"] = "status = Ny\nfinns_inte = x\nutan likhetstecken",
            ["OwnerEmail"] = "ingen.alls@kommun.test",
            ["CatchUp"] = "LatestOnly",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Det finns fel i formuläret", html);
        Assert.Contains("Skriv ett namn på schemat.", html);
        Assert.Contains("Dagen ska vara ett tal från 1 till 28 för den här perioden.", html);
        Assert.Contains("Rubriken går inte att läsa som mall.", html);
        Assert.Contains("Typen \"Kontroll\" har inget fält som heter \"finns_inte\".", html);
        Assert.Contains("Raden \"utan likhetstecken\" saknar \"=\".", html);
        Assert.Contains("Det finns ingen användare med e-postadressen \"ingen.alls@kommun.test\".", html);
        Assert.Contains("value=\"Kontroll {{ period\"", html);
        Assert.Contains("value=\"31\"", html);
        Assert.Contains("value=\"ingen.alls@kommun.test\"", html);
        Assert.Contains("finns_inte = x", html);
        await using var scope = portal.CreateScope();
        // Nothing saved (the default recipe's own yearly prize round schedule is another type).
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<RecurringSchedule>().AnyAsync(s => s.ContentType == "Kontroll"));
    }

    [Fact]
    public async Task Administrator_adds_a_schedule_sees_it_listed_runs_it_now_and_pauses_it()
    {
        var portal = await StartAsync();
        await using var stopportal = portal.Stopping();
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await portal.AddControlPointAsync("Attestordning");

        var saved = await client.PostFormAsync("/admin/aterkommande/ny", "/admin/aterkommande/ny", new()
        {
            ["Name"] = "Kvartalskontroller",
            ["ContentType"] = "Kontroll",
            ["Period"] = "Quarter",
            ["DayOfPeriod"] = "1",
            ["TitleTemplate"] = "Kontroll {{ period }}: {{ source.title }}",
            ["InitialValues"] = "status = Ej påbörjad",
            ["SourceType"] = "Kontrollpunkt",
            ["LinkField"] = "kontrollpunkt",
            ["CatchUp"] = "LatestOnly",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/aterkommande"));
        Assert.Contains("Kvartalskontroller", list);
        Assert.Contains("Schemat \"Kvartalskontroller\" är sparat.", list);

        var schedule = await portal.ScheduleAsync("Kvartalskontroller");
        var run = await client.PostFormAsync($"/admin/aterkommande/{schedule.Id}", $"/admin/aterkommande/{schedule.Id}/kor", new());
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/aterkommande/{schedule.Id}"));
        Assert.Contains("1 ärenden skapades, 0 fanns redan, 0 misslyckades.", page);
        var period = Period.Containing(PeriodLength.Quarter, DateTime.UtcNow);
        Assert.Contains($"Kontroll {period.Label}: Attestordning", page);

        await client.PostFormAsync($"/admin/aterkommande/{schedule.Id}", $"/admin/aterkommande/{schedule.Id}/kor", new());
        Assert.Contains("0 ärenden skapades, 1 fanns redan", WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/aterkommande/{schedule.Id}")));
        Assert.Single(await portal.CreatedAsync());

        await client.PostFormAsync("/admin/aterkommande", $"/admin/aterkommande/{schedule.Id}/pausa", new());
        Assert.True((await portal.ScheduleAsync("Kvartalskontroller")).Paused);
        Assert.Contains("Pausat", await client.GetStringAsync("/admin/aterkommande"));
    }
}
