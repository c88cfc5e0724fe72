using System.Net;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Workflows.Guard;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Workflows.WorkflowSteps;

namespace Kvalitetsportal.IntegrationTests.Workflows;

/// <summary>
/// What must survive the outside world: a restart between submission and reminder, a mail server
/// that is down when the decision is taken, and a timer that would run away. Each test has its
/// own portal (and SMTP server), since each stops something.
/// </summary>
public sealed class WorkflowResilienceTests
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_restart_between_submission_and_reminder_still_delivers_the_reminder()
    {
        using var smtp = TestSmtpServer.StartNew();
        var first = new WorkflowPortal(smtp);
        await ((IAsyncLifetime)first).InitializeAsync();
        string id;
        try
        {
            await first.RunRecipeAsync(WorkflowPortal.SuggestionRecipe(TimeSpan.FromSeconds(8)));
            var anna = await SignInAsync(first, PortalFactory.EmployeeEmail);
            id = await SubmitAsync(anna, "Färre pappersblanketter på förskolan");
            Assert.Equal(TimerStatus.Pending, Assert.Single(await TimersAsync(first, id)).Status);
        }
        finally
        {
            // The portal goes down before the reminder is due; its data stays.
            first.KeepDataOnDispose = true;
            await ((IAsyncLifetime)first).DisposeAsync();
        }

        Assert.DoesNotContain(smtp.Messages, m => (m.Subject ?? "").StartsWith("Påminnelse", StringComparison.Ordinal));

        var second = first.Restart();
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            var reminder = await smtp.WaitForAsync(m => m.Subject == "Påminnelse: Färre pappersblanketter på förskolan väntar på bedömning", MailWait, "påminnelsen efter omstarten");
            Assert.Equal(WorkflowPortal.AssessorEmail, TestSmtpServer.AddressOf(reminder));
            var timer = await EventuallyAsync(async () => Assert.Single(await TimersAsync(second, id)), t => t.Status == TimerStatus.Done, "att timern är klar");
            Assert.Equal(1, timer.Firings);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }

    [Fact]
    public async Task With_the_mail_server_down_the_decision_commits_and_the_mail_goes_out_when_it_is_back()
    {
        using var smtp = TestSmtpServer.Down();
        var portal = new WorkflowPortal(smtp);
        await ((IAsyncLifetime)portal).InitializeAsync();
        try
        {
            await portal.RunRecipeAsync(WorkflowPortal.SuggestionRecipe(TimeSpan.FromHours(1)));
            var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
            var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
            var id = await SubmitAsync(anna, "Cykelpool för hemtjänsten");
            Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, id, "bedom")).StatusCode);

            // The decision is not held up by the mail server: it answers at once and is committed.
            var started = DateTime.UtcNow;
            Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, id, "avslas", "Vi har redan elcyklar på enheten.")).StatusCode);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
            Assert.Equal("Avslås", (await LatestAsync(portal, id)).WorkflowState);

            // The mail waits in the outbox, tried and failed, with the reason and no address in it.
            var waiting = await EventuallyAsync(
                async () => (await OutboxAsync(portal, id)).Single(m => m.Payload.Contains("Beslut om", StringComparison.Ordinal)),
                m => m.Attempts >= 2, "två misslyckade försök");
            Assert.Equal(OutboxStatus.Pending, waiting.Status);
            Assert.False(string.IsNullOrEmpty(waiting.LastError));
            Assert.DoesNotContain("@", waiting.LastError, StringComparison.Ordinal);
            Assert.Empty(smtp.Messages);

            smtp.Start();
            var mail = await smtp.WaitForAsync(m => m.Subject == "Beslut om ditt förbättringsförslag: Cykelpool för hemtjänsten", MailWait, "beslutet när servern är tillbaka");
            Assert.Equal(PortalFactory.EmployeeEmail, TestSmtpServer.AddressOf(mail));
            Assert.Contains("Vi har redan elcyklar på enheten.", Text(mail));
            var sent = await EventuallyAsync(
                async () => (await OutboxAsync(portal, id)).Single(m => m.Payload.Contains("Beslut om", StringComparison.Ordinal)),
                m => m.Status == OutboxStatus.Sent, "att meddelandet markeras skickat");
            Assert.Null(sent.LastError);
            Assert.Single(smtp.Messages, m => (m.Subject ?? "").StartsWith("Beslut om", StringComparison.Ordinal));
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }
    }

    [Fact]
    public async Task The_runaway_guard_stops_a_repeating_timer_and_reports_it()
    {
        using var smtp = TestSmtpServer.StartNew();
        var clock = new ShiftableClock();
        var portal = new WorkflowPortal(smtp, settings: new Dictionary<string, string?> { ["Workflows:MaxFiringsPerItemPerHour"] = "3" }, clock: clock);
        await ((IAsyncLifetime)portal).InitializeAsync();
        try
        {
            await portal.RunRecipeAsync(RepeatingReminderRecipe);
            var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
            var id = await SubmitAsync(anna, "Tjatig påminnelse", type: "Tjat");

            // Every minute a reminder: three are allowed within the hour ...
            for (var sent = 1; sent <= 3; sent++)
            {
                clock.Advance(TimeSpan.FromSeconds(61));
                var expected = sent;
                await EventuallyAsync(() => Task.FromResult(smtp.Messages.Count(m => m.Subject == "Påminnelse: Tjatig påminnelse")), n => n == expected, $"påminnelse {expected}");
            }

            // ... the fourth is stopped, reported once, and nothing more is sent.
            clock.Advance(TimeSpan.FromSeconds(61));
            var stopped = await EventuallyAsync(async () => Assert.Single(await TimersAsync(portal, id)), t => t.Status == TimerStatus.Stopped, "att vakten stoppar timern");
            Assert.Equal(3, stopped.Firings);
            clock.Advance(TimeSpan.FromSeconds(61));
            await Task.Delay(1500);
            Assert.Equal(3, smtp.Messages.Count(m => m.Subject == "Påminnelse: Tjatig påminnelse"));

            await using (var scope = portal.CreateScope())
            {
                var report = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<StoppedFiring>().SingleAsync(s => s.ContentItemId == id);
                Assert.Equal(3, report.Firings);
                Assert.Contains("Timer \"Påminn om och om igen\"", report.Description, StringComparison.Ordinal);
            }

            var admin = await SignInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
            Assert.Contains("1 aktivitet har stoppats för att den körde för ofta. Granska den.", Decode(await admin.GetStringAsync("/admin/arbetsfloden")));
            var page = Decode(await admin.GetStringAsync("/admin/arbetsfloden/stoppade"));
            Assert.Contains("Tjatig påminnelse", page);
            Assert.Contains("Påminn om och om igen", page);
            Assert.True((await anna.GetAsync("/admin/arbetsfloden/stoppade")).IsForbidden());

            var reportId = System.Text.RegularExpressions.Regex.Match(page, "/admin/arbetsfloden/stoppade/(\\d+)/hanterad").Groups[1].Value;
            var handled = await admin.PostFieldsAsync("/admin/arbetsfloden/stoppade", $"/admin/arbetsfloden/stoppade/{reportId}/hanterad", []);
            Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
            Assert.Contains("Inget är stoppat.", Decode(await admin.GetStringAsync("/admin/arbetsfloden/stoppade")));
            Assert.DoesNotContain("har stoppats", Decode(await admin.GetStringAsync("/admin/arbetsfloden")));
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }
    }

    /// <summary>A reminder every minute for as long as the item stays put, to its submitter.</summary>
    private const string RepeatingReminderRecipe = """
        { "steps": [
          { "name": "contentTypes", "types": [ { "name": "Tjat", "displayName": "Tjat", "drafts": false, "fields": [] } ] },
          { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "Tjat", "actions": [ "Create", "ViewOwn" ] } ] },
          { "name": "workflows", "workflows": [ {
            "contentType": "Tjat", "initialState": "Väntar",
            "states": [
              { "name": "Väntar", "activities": [
                { "kind": "startTimer", "label": "Påminn om och om igen", "after": "00:01:00", "repeat": "00:01:00", "action": "Remind", "to": { "kind": "Owner" },
                  "subject": "Påminnelse: {{ item.title }}", "body": "Ärendet väntar fortfarande." } ] },
              { "name": "Klar", "final": true }
            ],
            "transitions": [ { "id": "klar", "from": "Väntar", "to": "Klar", "label": "Klar", "allowOwner": true } ]
          } ] }
        ] }
        """;
}
