using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Workflows.WorkflowSteps;

namespace Kvalitetsportal.IntegrationTests.Workflows;

/// <summary>
/// The issue's "Done when" for the runtime, through the pages and the API as their users use them:
/// an employee submits, the assessor decides with a comment, the submitter sees state, comment and
/// history and gets the decision by mail (at a real SMTP server); reminders, refusals, races and
/// state-dependent visibility.
/// </summary>
public sealed class WorkflowRuntimeTests(SuggestionPortal portal) : IClassFixture<SuggestionPortal>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_employee_submits_the_assessor_decides_with_a_comment_and_the_submitter_is_mailed()
    {
        await portal.ArrangeAsync();
        const string title = "Bättre skyltning vid Östra gården";
        const string comment = "Bra idé – vi sätter upp nya skyltar i vår. Tack för förslaget!";
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
        var annaId = await UsersArrange.UserIdAsync(portal, PortalFactory.EmployeeEmail);

        // Submitting starts the workflow: first state, the assessors hold it, one history line.
        var id = await SubmitAsync(anna, title);
        var item = await LatestAsync(portal, id);
        Assert.Equal("Inskickad", item.WorkflowState);
        Assert.Equal(Assignee.Role(WorkflowPortal.AssessorRole), item.AssignedTo);
        var started = Assert.Single(await HistoryAsync(portal, id));
        Assert.Null(started.FromState);
        Assert.Equal(annaId, started.ActorId);
        Assert.Equal(1, (await InstanceAsync(portal, id)).DefinitionVersion);

        // Anna sees where it is and who holds it, but has no buttons.
        var annasPage = Decode(await anna.GetStringAsync(Detail(id)));
        Assert.Contains("Ärendets gång", annasPage);
        Assert.Contains("En bedömare tittar på det inom kort.", annasPage);
        Assert.Contains("Bedömare (roll)", annasPage);
        Assert.DoesNotContain("name=\"Transition\"", annasPage);

        // The assessor finds it among "Mina uppgifter" and has a notice about it.
        Assert.Contains(title, Decode(await bertil.GetStringAsync("/")));
        Assert.Contains(title, Decode(await bertil.GetStringAsync("/uppgifter")));
        Assert.Contains($"Nytt förbättringsförslag att bedöma: {title}", Decode(await bertil.GetStringAsync("/notiser")));
        Assert.Matches(@"Notiser \(\d+ olästa?\)", Decode(await bertil.GetStringAsync("/notiser")));

        Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, id, "bedom")).StatusCode);
        Assert.Equal("Under bedömning", (await LatestAsync(portal, id)).WorkflowState);

        // Deciding needs a comment: the form comes back with an error summary that links to the box.
        var refused = await TakeAsync(bertil, id, "genomfors", comment: "   ");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errorPage = Decode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Det finns fel i formuläret", errorPage);
        Assert.Contains("href=\"#Comment\"", errorPage);
        Assert.Contains("Skriv en kommentar för att ta steget \"Besluta: genomförs\"", errorPage);
        Assert.Equal("Under bedömning", (await LatestAsync(portal, id)).WorkflowState);

        // A comment that is too long is refused too, and what was written is kept.
        var tooLong = "Motivering. " + new string('x', 4000);
        var kept = Decode(await (await TakeAsync(bertil, id, "genomfors", tooLong)).Content.ReadAsStringAsync());
        Assert.Contains("högst 4000 tecken", kept);
        Assert.Contains(tooLong, kept);

        var decided = await TakeAsync(bertil, id, "genomfors", comment);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        // One commit: state, no holder in a final state, the decision date set (a new version), history.
        item = await LatestAsync(portal, id);
        Assert.Equal("Genomförs", item.WorkflowState);
        Assert.Null(item.AssignedTo);
        var today = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Stockholm").ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(today, (string?)item.GetData()["beslutsdatum"]);
        Assert.Equal(2, item.Version);
        var history = await HistoryAsync(portal, id);
        Assert.Equal(["Inskickad", "Under bedömning", "Genomförs"], history.Select(h => h.ToState));
        Assert.Equal(comment, history[^1].Comment);
        Assert.Equal("Besluta: genomförs", history[^1].TransitionLabel);

        // The mail reaches the SMTP server, to Anna, with å/ä/ö intact.
        var mail = await portal.Smtp.WaitForAsync(m => m.Subject == $"Beslut om ditt förbättringsförslag: {title}", MailWait, "beslutet till Anna");
        Assert.Equal(PortalFactory.EmployeeEmail, TestSmtpServer.AddressOf(mail));
        var text = Text(mail);
        Assert.Contains("Hej Anna Andersson!", text);
        Assert.Contains("har fått beslutet: Genomförs", text);
        Assert.Contains($"Motivering från {WorkflowPortal.AssessorName}: {comment}", text);
        Assert.Contains($"Beslutsdatum: {DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("sv-SE"))}", text);
        Assert.Contains($"{WorkflowPortal.BaseUrl}/innehall/Forbattringsforslag/{id}", text);
        Assert.Contains("Bra idé – vi sätter upp nya skyltar i vår.", mail.HtmlBody);
        Assert.Contains($"<title>Beslut om ditt förbättringsförslag: {title}</title>", mail.HtmlBody); // the HTML part is a whole document
        Assert.Contains($"<a href=\"{WorkflowPortal.BaseUrl}/innehall/Forbattringsforslag/{id}\">", mail.HtmlBody); // the portal's own link is live
        var row = await EventuallyAsync(async () => (await OutboxAsync(portal, id)).Single(m => m.Payload.Contains("Beslut om", StringComparison.Ordinal)), m => m.Status == OutboxStatus.Sent, "att beslutet markeras skickat");
        Assert.Equal(1, row.Attempts);

        // Anna sees the decision, its plain-words meaning, the comment and the history.
        annasPage = Decode(await anna.GetStringAsync(Detail(id)));
        Assert.Contains("Genomförs", annasPage);
        Assert.Contains("Förslaget ska genomföras. Tack för att du hjälper oss att bli bättre!", annasPage);
        Assert.Contains(comment, annasPage);
        Assert.Contains(WorkflowPortal.AssessorName, annasPage);
        Assert.Contains("Ingen – ärendet är avslutat", annasPage);

        // In a final state the submitter may no longer change it, and the assessor has no buttons left.
        Assert.True((await anna.GetAsync(Detail(id) + "/redigera")).IsForbidden());
        Assert.DoesNotContain("name=\"Transition\"", Decode(await bertil.GetStringAsync(Detail(id))));
    }

    [Fact]
    public async Task An_unanswered_item_reminds_the_assessor_and_one_taken_in_time_does_not()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);

        var waiting = await SubmitAsync(anna, "Gemensam kalender för vikarier");
        var handled = await SubmitAsync(anna, "Kortare köer i receptionen");
        Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, handled, "bedom")).StatusCode);

        // The timer of the handled item was cancelled by the transition, in the same commit.
        var handledTimer = Assert.Single(await TimersAsync(portal, handled));
        Assert.Equal(TimerStatus.Cancelled, handledTimer.Status);

        var reminder = await portal.Smtp.WaitForAsync(m => m.Subject == "Påminnelse: Gemensam kalender för vikarier väntar på bedömning", MailWait, "påminnelsen till bedömaren");
        Assert.Equal(WorkflowPortal.AssessorEmail, TestSmtpServer.AddressOf(reminder));
        Assert.Contains("Hej Bertil Bedömare!", Text(reminder));
        Assert.Contains($"{WorkflowPortal.BaseUrl}/innehall/Forbattringsforslag/{waiting}", Text(reminder));
        var timer = Assert.Single(await TimersAsync(portal, waiting));
        Assert.Equal(TimerStatus.Done, timer.Status);
        Assert.Equal(1, timer.Firings);

        await Task.Delay(SuggestionPortal.RemindAfter + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(portal.Smtp.Messages, m => (m.Subject ?? "").Contains("Kortare köer i receptionen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_employee_may_not_take_the_assessors_transitions()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Återbruk av kontorsmöbler");
        var revision = (await InstanceAsync(portal, id)).Revision;

        var form = await TakeAsync(anna, id, "bedom", revision: revision);
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Contains("Du får inte ta steget \"Börja bedöma\" för det här ärendet.", Decode(await form.Content.ReadAsStringAsync()));

        var api = await ApiTakeAsync(anna, id, "bedom", null, revision, HttpStatusCode.Forbidden);
        Assert.Contains("Du får inte ta steget", (string?)api["detail"]);

        // A transition that does not start where the item is, is refused as well.
        var wrongPlace = await ApiTakeAsync(anna, id, "genomfors", "Jag bestämmer själv.", null, HttpStatusCode.Conflict);
        Assert.Contains("Inskickad", (string?)wrongPlace["detail"]);

        Assert.Equal("Inskickad", (await LatestAsync(portal, id)).WorkflowState);
        Assert.Equal(revision, (await InstanceAsync(portal, id)).Revision);
        Assert.Single(await HistoryAsync(portal, id));

        // Another employee does not even see that it exists.
        var karl = await SignInAsync(portal, PortalFactory.ManagerEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await TakeAsync(karl, id, "bedom", revision: revision)).StatusCode);
    }

    [Fact]
    public async Task Two_racing_transitions_on_one_item_give_one_success()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var first = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
        var second = await SignInAsync(portal, WorkflowPortal.AssessorEmail);

        for (var round = 0; round < 3; round++)
        {
            // Two assessors press "Börja bedöma" on the same page at the same moment.
            var id = await SubmitAsync(anna, $"Samåkning till utbildningar {round}");
            var revision = (await InstanceAsync(portal, id)).Revision;
            var responses = await Task.WhenAll(TakeAsync(first, id, "bedom", revision: revision), TakeAsync(second, id, "bedom", revision: revision));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.Contains("Någon annan hann före", Decode(await loser.Content.ReadAsStringAsync()));
            Assert.Equal(2, (await HistoryAsync(portal, id)).Count);
            Assert.Equal(revision + 1, (await InstanceAsync(portal, id)).Revision);

            // Two decisions through the API without a revision: the second finds the item already decided.
            var api = await Task.WhenAll(
                ApiPostAsync(first, $"/api/content/{WorkflowPortal.Type}/{id}/workflow/transitions", new { transition = "genomfors", comment = "Ja." }),
                ApiPostAsync(second, $"/api/content/{WorkflowPortal.Type}/{id}/workflow/transitions", new { transition = "avslas", comment = "Nej." }));
            Assert.Single(api, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(api, r => r.StatusCode == HttpStatusCode.Conflict);
            var history = await HistoryAsync(portal, id);
            Assert.Equal(3, history.Count);
            Assert.Single(await OutboxAsync(portal, id), m => m.Payload.Contains("Beslut om", StringComparison.Ordinal));
            Assert.Equal(history[^1].ToState, (await LatestAsync(portal, id)).WorkflowState);
        }
    }

    [Fact]
    public async Task Many_transitions_on_different_items_at_once_all_go_through()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var assessors = new[] { await SignInAsync(portal, WorkflowPortal.AssessorEmail), await SignInAsync(portal, WorkflowPortal.AssessorEmail) };
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await SubmitAsync(anna, $"Gemensam kalender för lokalbokning {i}"));
        }

        // Two assessors take the same transition on all eight items at the same moment.
        async Task TakeAllAtOnceAsync(object body) => Assert.All(
            await Task.WhenAll(ids.Select((id, i) => ApiPostAsync(assessors[i % 2], $"/api/content/{WorkflowPortal.Type}/{id}/workflow/transitions", body))),
            r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // Each transition takes its turn at the database, none fails.
        await TakeAllAtOnceAsync(new { transition = "bedom" });
        foreach (var id in ids)
        {
            Assert.Equal("Under bedömning", (await LatestAsync(portal, id)).WorkflowState);
            Assert.Equal(2, (await HistoryAsync(portal, id)).Count);
        }

        // And decided, again all at once (which also leaves the assessors' task lists as they were).
        await TakeAllAtOnceAsync(new { transition = "genomfors", comment = "Vi gör det." });
        foreach (var id in ids)
        {
            Assert.Equal(3, (await HistoryAsync(portal, id)).Count);
        }
    }

    [Fact]
    public async Task State_rules_decide_who_sees_an_item_in_lists_pages_and_the_api()
    {
        await portal.ArrangeAsync();
        const string type = SuggestionPortal.InternalType;
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var karl = await SignInAsync(portal, PortalFactory.ManagerEmail);
        var sara = await SignInAsync(portal, SuggestionPortal.CoordinatorEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
        var title = "Buller i personalrummet " + Guid.NewGuid().ToString("N")[..6];

        var id = await SubmitAsync(anna, title, "Det är för högljutt.", type);

        // New: it goes to the manager of Anna's unit (Karl), who may see it only because he holds it.
        var item = await LatestAsync(portal, id);
        Assert.Equal(Assignee.User(await UsersArrange.UserIdAsync(portal, PortalFactory.ManagerEmail)), item.AssignedTo);
        Assert.Contains(title, Decode(await karl.GetStringAsync("/uppgifter")));
        Assert.Equal(HttpStatusCode.OK, (await karl.GetAsync(Detail(id, type))).StatusCode);
        await AssertSeesAsync(anna, type, id, title, sees: true);
        await AssertSeesAsync(sara, type, id, title, sees: true);

        Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, id, "utred", type: type)).StatusCode);

        // Investigated: only "Bedömare" (and the holder) — not the submitter, not a coordinator who may see all.
        await AssertSeesAsync(anna, type, id, title, sees: false);
        await AssertSeesAsync(sara, type, id, title, sees: false);
        await AssertSeesAsync(bertil, type, id, title, sees: true);
        await AssertSeesAsync(karl, type, id, title, sees: true);

        Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, id, "klar", type: type)).StatusCode);
        await AssertSeesAsync(anna, type, id, title, sees: true);
        await AssertSeesAsync(karl, type, id, title, sees: false); // no longer holds it, and may not see the type's items
    }

    [Fact]
    public async Task A_timer_takes_its_transition_as_the_portal()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Vårens ansökningsomgång", type: SuggestionPortal.RoundType);

        var closed = await EventuallyAsync(() => LatestAsync(portal, id), i => i.WorkflowState == "Stängd", "att timern stänger omgången");
        Assert.Equal("Stängd", closed.WorkflowState);
        var last = (await HistoryAsync(portal, id))[^1];
        Assert.Null(last.ActorId);
        Assert.Equal("Stäng", last.TransitionLabel);
        Assert.Equal(TimerStatus.Done, Assert.Single(await TimersAsync(portal, id)).Status);
        Assert.Contains("Kvalitetsportalen (automatiskt)", Decode(await anna.GetStringAsync(Detail(id, SuggestionPortal.RoundType))));
    }

    [Fact]
    public async Task Notices_come_by_mail_too_when_the_user_asks_for_it()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);

        var settings = await bertil.PostFieldsAsync("/notiser/installningar", "/notiser/installningar", [("Delivery", "epost")]);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.Matches("id=\"Delivery-epost\"[^>]*checked", await bertil.GetStringAsync("/notiser/installningar"));

        await SubmitAsync(anna, "Digital felanmälan för belysning");
        var notice = await portal.Smtp.WaitForAsync(m => m.Subject == "Nytt förbättringsförslag att bedöma: Digital felanmälan för belysning", MailWait, "notisen som e-post");
        Assert.Equal(WorkflowPortal.AssessorEmail, TestSmtpServer.AddressOf(notice));

        const string noticeText = "Nytt förbättringsförslag att bedöma: Digital felanmälan för belysning";
        Assert.Contains("class=\"tag\">Ny</span>", NoticeItem(Decode(await bertil.GetStringAsync("/notiser")), noticeText));
        var read = await bertil.PostFieldsAsync("/notiser", "/notiser/lasta", []);
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.DoesNotContain("class=\"tag\"", NoticeItem(Decode(await bertil.GetStringAsync("/notiser")), noticeText));

        await bertil.PostFieldsAsync("/notiser/installningar", "/notiser/installningar", [("Delivery", "portal")]);
    }

    [Fact]
    public async Task The_api_shows_the_workflow_and_takes_transitions()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
        var id = await SubmitAsync(anna, "Tolkbokning via e-tjänst");

        var seen = JsonNode.Parse(await bertil.GetStringAsync($"/api/content/{WorkflowPortal.Type}/{id}/workflow"))!;
        Assert.Equal("Inskickad", (string?)seen["state"]);
        Assert.Equal("Bedömare (roll)", (string?)seen["holder"]);
        Assert.Equal(["bedom"], seen["transitions"]!.AsArray().Select(t => (string?)t!["id"]));
        var revision = (int)seen["revision"]!;

        var taken = await ApiTakeAsync(bertil, id, "bedom", null, revision, HttpStatusCode.OK);
        Assert.Equal("Under bedömning", (string?)taken["state"]);
        Assert.Equal(revision + 1, (int)taken["revision"]!);

        var invalid = await ApiTakeAsync(bertil, id, "avslas", "", revision + 1, HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["comment"]);

        var stale = await ApiTakeAsync(bertil, id, "avslas", "Nej.", revision, HttpStatusCode.Conflict);
        Assert.Equal(revision + 1, (int)stale["currentRevision"]!);

        var annas = JsonNode.Parse(await anna.GetStringAsync($"/api/content/{WorkflowPortal.Type}/{id}/workflow"))!;
        Assert.Empty(annas["transitions"]!.AsArray());
        Assert.Equal(2, annas["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_transition_creates_a_linked_item_and_calls_a_signed_webhook_until_it_answers()
    {
        await portal.ArrangeAsync();
        using var receiver = new WebhookReceiver(failFirst: 1);
        await portal.RunRecipeAsync(LinkedItemRecipe.Replace("HOOK_URL", receiver.Url, StringComparison.Ordinal));
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
        var id = await SubmitAsync(anna, "Digitala körjournaler", type: "Ide", more: [("f.problem", "Pappersjournaler tappas bort.")]);

        Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, id, "till-projekt", type: "Ide")).StatusCode);

        // The linked item: a draft for the submitter to complete, pointing back, with the copied field.
        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Data.PortalDbContext>();
            var linked = await db.Set<Kvalitetsportal.Contents.Items.ContentItem>().AsNoTracking().SingleAsync(i => i.ContentType == "Projektforslag" && i.Latest && i.DisplayText == "Projekt: Digitala körjournaler");
            Assert.Equal(await UsersArrange.UserIdAsync(portal, PortalFactory.EmployeeEmail), linked.OwnerId);
            Assert.False(linked.Published);
            Assert.Equal(id, (string?)linked.GetData()["ide"]);
            Assert.Equal("Pappersjournaler tappas bort.", (string?)linked.GetData()["bakgrund"]);
        }

        // The webhook: refused once, retried from the outbox, signed with the named secret.
        var calls = await EventuallyAsync(() => Task.FromResult(receiver.Calls), c => c.Count >= 2, "att webhooken försöks igen");
        var accepted = calls[^1];
        Assert.Equal(WebhookSender.Sign(SuggestionPortal.WebhookSecret, accepted.Timestamp, accepted.Body), accepted.Signature);
        Assert.Equal(calls[0].Body, accepted.Body);
        var body = JsonNode.Parse(accepted.Body)!;
        Assert.Equal(id, (string?)body["contentItemId"]);
        Assert.Equal("Ny", (string?)body["fromState"]);
        Assert.Equal("Projekt", (string?)body["toState"]);
        Assert.Equal("till-projekt", (string?)body["transition"]!["id"]);
        Assert.Null(body["title"]); // ids and states only: no personal data leaves in a webhook
        var row = await EventuallyAsync(async () => (await OutboxAsync(portal, id)).Single(m => m.Kind == OutboxMessage.WebhookKind), m => m.Status == OutboxStatus.Sent, "att webhooken markeras skickad");
        Assert.Equal(2, row.Attempts);
    }

    private const string LinkedItemRecipe = """
        { "steps": [
          { "name": "contentTypes", "types": [
            { "name": "Ide", "displayName": "Idé", "drafts": false, "fields": [ { "name": "problem", "label": "Problem", "kind": "LongText", "order": 1 } ] },
            { "name": "Projektforslag", "displayName": "Projektförslag", "drafts": true, "fields": [
              { "name": "bakgrund", "label": "Bakgrund", "kind": "LongText", "order": 1 },
              { "name": "ide", "label": "Idé", "kind": "ContentReference", "referencedType": "Ide", "order": 2 } ] }
          ] },
          { "name": "contentPermissions", "grants": [
            { "role": "Medarbetare", "type": "Ide", "actions": [ "Create", "ViewOwn" ] },
            { "role": "Bedömare", "type": "Ide", "actions": [ "ViewAll" ] },
            { "role": "Medarbetare", "type": "Projektforslag", "actions": [ "Create", "ViewOwn", "EditOwn" ] }
          ] },
          { "name": "workflows", "workflows": [ {
            "contentType": "Ide", "initialState": "Ny",
            "states": [ { "name": "Ny" }, { "name": "Projekt", "final": true } ],
            "transitions": [ { "id": "till-projekt", "from": "Ny", "to": "Projekt", "label": "Gör till projektförslag", "roles": [ "Bedömare" ],
              "activities": [
                { "kind": "createLinkedItem", "label": "Projektförslag", "contentType": "Projektforslag", "title": "Projekt: {{ item.title }}", "backReferenceField": "ide", "copyFields": { "bakgrund": "problem" } },
                { "kind": "webhook", "label": "Meddela projektkontoret", "url": "HOOK_URL", "secretName": "kvalitet" }
              ] } ]
          } ] }
        ] }
        """;

    /// <summary>The list item of the notices page that holds the notice.</summary>
    private static string NoticeItem(string page, string text)
    {
        var at = page.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Notisen \"{text}\" saknas.");
        var start = page.LastIndexOf("<li>", at, StringComparison.Ordinal);
        return page[start..at];
    }

    private static async Task AssertSeesAsync(PortalClient client, string type, string id, string title, bool sees)
    {
        var detail = await client.GetAsync(Detail(id, type));
        var list = await client.GetAsync($"/innehall/{type}");
        var listed = list.StatusCode == HttpStatusCode.OK && Decode(await list.Content.ReadAsStringAsync()).Contains(title, StringComparison.Ordinal);
        var api = await client.GetAsync($"/api/content/{type}/{id}");
        var apiList = await client.GetAsync($"/api/content/{type}");
        var apiListed = apiList.StatusCode == HttpStatusCode.OK && (await apiList.Content.ReadAsStringAsync()).Contains(id, StringComparison.Ordinal);
        Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(sees, listed);
        Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(sees, apiListed);
    }
}
