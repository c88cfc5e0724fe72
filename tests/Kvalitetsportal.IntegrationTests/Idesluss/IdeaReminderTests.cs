using System.Net;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Workflows.Timers;
using static Kvalitetsportal.IntegrationTests.Workflows.WorkflowSteps;

namespace Kvalitetsportal.IntegrationTests.Idesluss;

/// <summary>The Idésluss portal (default recipe) with mail to a test SMTP server and a clock the test moves forward.</summary>
public sealed class IdeslussClockPortal() : WorkflowPortal(TestSmtpServer.StartNew(), clock: new ShiftableClock())
{
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

/// <summary>
/// "Inskickad" promises the giver that a coordinator reads the idea within two weeks: the recipe's
/// timer reminds the coordinators after 14 days, by mail and notice, and only for an idea still waiting.
/// </summary>
public sealed class IdeaReminderTests(IdeslussClockPortal portal) : IClassFixture<IdeslussClockPortal>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_idea_left_in_Inskickad_for_two_weeks_reminds_the_coordinator_once()
    {
        var clock = portal.Clock!;
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var waiting = await IdeslussNoticeTests.SubmitAsync(anna, "Idé som väntar på läsning");
        var read = await IdeslussNoticeTests.SubmitAsync(anna, "Idé som samordnaren läste");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(sara, read, "borja-prova", type: IdeaTypes.Idea)).StatusCode);

        var timer = Assert.Single(await TimersAsync(portal, waiting));
        Assert.Equal(TimerStatus.Pending, timer.Status);
        Assert.Equal("Inskickad", timer.State);
        Assert.InRange(timer.DueUtc - clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(14) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(14));

        // Thirteen days on: not yet.
        clock.Advance(TimeSpan.FromDays(13));
        await Task.Delay(1500);
        Assert.DoesNotContain(portal.Smtp.Messages, m => (m.Subject ?? "").Contains("har väntat i två veckor", StringComparison.Ordinal));

        // Fourteen days: the coordinator is reminded of the idea still waiting, not of the one she read.
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var mail = await portal.Smtp.WaitForAsync(m => m.Subject == "Idén \"Idé som väntar på läsning\" har väntat i två veckor" && TestSmtpServer.AddressOf(m) == IdeslussPortal.Coordinator, MailWait, "påminnelsen till samordnaren");
        Assert.Contains(WorkflowPortal.BaseUrl + IdeaUrls.Detail(waiting), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("fortfarande i steget \"Inskickad\"", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(IdeslussPortal.GiverName, mail.TextBody, StringComparison.Ordinal);

        var done = await EventuallyAsync(async () => Assert.Single(await TimersAsync(portal, waiting)), t => t.Status == TimerStatus.Done, "att timern är klar");
        Assert.Equal(1, done.Firings);
        await EventuallyAsync(async () => Assert.Single(await TimersAsync(portal, read)), t => t.Status == TimerStatus.Cancelled, "att den lästa idéns timer ställs in");
        Assert.DoesNotContain(portal.Smtp.Messages, m => (m.Subject ?? "").Contains("Idé som samordnaren läste\" har väntat", StringComparison.Ordinal));
        Assert.DoesNotContain(portal.Smtp.Messages, m => (m.Subject ?? "").Contains("har väntat i två veckor", StringComparison.Ordinal) && TestSmtpServer.AddressOf(m) == PortalFactory.EmployeeEmail);

        // Once: another two weeks bring no second reminder.
        clock.Advance(TimeSpan.FromDays(14));
        await Task.Delay(1500);
        Assert.Single(portal.Smtp.Messages, m => m.Subject == mail.Subject && TestSmtpServer.AddressOf(m) == IdeslussPortal.Coordinator);

        // And a notice in the portal that leads to the idea.
        var notices = WebUtility.HtmlDecode(await (await SignedInAsync(IdeslussPortal.Coordinator)).GetStringAsync("/notiser"));
        Assert.Contains("Idén \"Idé som väntar på läsning\" har väntat i två veckor", notices, StringComparison.Ordinal);
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, PortalFactory.SamplePassword);
        return client;
    }
}
