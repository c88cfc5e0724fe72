using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Idesluss;

/// <summary>The Idésluss portal with mail to an SMTP server in the test process, a clock the tests move, and a reminder check that runs often.</summary>
public sealed class IdeaActionPlanPortal() : WorkflowPortal(
    TestSmtpServer.StartNew(),
    settings: new Dictionary<string, string?> { ["Idesluss:ActionPlan:ReminderPollSeconds"] = "0.3" },
    clock: new ShiftableClock())
{
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

/// <summary>
/// Several assessors and the coordinator's final PICK placement; the action plan after PICK
/// (handbook p. 29): its rows, who may read and change them, and the reminder on the klart-datum.
/// </summary>
public sealed partial class IdeaPlacementAndActionPlanTests(IdeaActionPlanPortal portal) : IClassFixture<IdeaActionPlanPortal>
{
    private const string Lars = "Lars Lind";
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_assessors_are_both_shown_and_pick_waits_for_the_coordinators_final_placement()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await IdeslussNoticeTests.SubmitAsync(anna, "Digital in- och utcheckning på fritids");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var erikEmail = $"erik.{Guid.NewGuid().ToString("N")[..6]}@kvalitetsportal.local";
        await UsersArrange.CreateUserAsync(portal, erikEmail, "Erik Expert", "Kvalitetsledare");
        var erik = PortalClient.Create(portal);
        await erik.SignInOrFailAsync(erikEmail, UsersArrange.Password);
        var lars = await SignedInAsync(IdeslussPortal.Assessor);

        // Two assessors, one after the other, place the idea differently.
        await AssignAsync(sara, id, IdeslussPortal.Assessor);
        await AssessAsync(lars, id, "Stor effekt", "Liten insats", "Lars: föräldrarna slipper papperslistor.", note: null);
        Assert.Equal(PickQuadrant.Implement, (await RecordAsync(id)).Pick); // one assessment places the idea
        await AssignAsync(sara, id, erikEmail);
        await AssessAsync(erik, id, "Stor effekt", "Stor insats", "Erik: kräver nya surfplattor.", note: "Erik: hemlig anteckning till samordnaren.");

        var record = await RecordAsync(id);
        Assert.Null(record.Pick);
        Assert.Equal(2, record.Assessments);
        Assert.Null(record.FinalPick);

        // PICK shows the idea as not finally placed, with both suggestions, and not in a quadrant.
        var pick = WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Pick));
        Assert.Matches("Digital in- och utcheckning på fritids</a>: ej slutplacerad\\. Bedömarnas förslag: Implement – genomför, Challenge – utmana", pick);
        Assert.DoesNotContain("Digital in- och utcheckning på fritids</a></td>", pick);

        // The coordinator sees each assessment: assessor, placement and text, and the note meant for her.
        var page = WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Detail(id)));
        Assert.Contains(Lars, page);
        Assert.Contains("Erik Expert", page);
        Assert.Contains("Lars: föräldrarna slipper papperslistor.", page);
        Assert.Contains("Erik: kräver nya surfplattor.", page);
        Assert.Contains("Erik: hemlig anteckning till samordnaren.", page);
        Assert.Contains("Ej slutplacerad: 2 bedömningar", page);

        // An assessor sees only their own assessment before the final placement.
        var larsPage = WebUtility.HtmlDecode(await lars.GetStringAsync(IdeaUrls.Detail(id)));
        Assert.Contains("Lars: föräldrarna slipper papperslistor.", larsPage);
        Assert.DoesNotContain("Erik: kräver nya surfplattor.", larsPage);

        // Only the coordinator sets the final placement: an assessor is refused and nothing changes.
        var refused = await lars.PostFormAsync(IdeaUrls.Detail(id), IdeaUrls.FinalPlacement(id), new() { ["quadrant"] = "Kill" });
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(refused.Headers.Location?.ToString().StartsWith(IdeaUrls.Detail(id), StringComparison.Ordinal) ?? false);
        Assert.Null((await RecordAsync(id)).FinalPick);

        // No quadrant chosen: a Swedish error, and the motivation comes back.
        var empty = await sara.PostFormAsync(IdeaUrls.Detail(id), IdeaUrls.FinalPlacement(id), new() { ["motivation"] = "Vi börjar i liten skala." });
        Assert.Equal(HttpStatusCode.Redirect, empty.StatusCode);
        var again = WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Detail(id)));
        Assert.Contains("Välj en ruta i PICK för slutplaceringen.", again);
        Assert.Contains("Vi börjar i liten skala.</textarea>", again);
        Assert.Null((await RecordAsync(id)).FinalPick);

        var placed = await sara.PostFormAsync(IdeaUrls.Detail(id), IdeaUrls.FinalPlacement(id), new() { ["quadrant"] = "Implement", ["motivation"] = "Vi börjar i liten skala." });
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        record = await RecordAsync(id);
        Assert.Equal(PickQuadrant.Implement, record.FinalPick);
        Assert.Equal(PickQuadrant.Implement, record.Pick);
        Assert.Equal("Vi börjar i liten skala.", record.FinalPickMotivation);
        Assert.Matches("Digital in- och utcheckning på fritids</a></td><td>Implement", WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Pick)));
        Assert.Contains("PICK: Implement – genomför", WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Board)));

        // The final placement is in the audit log, with who made it.
        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var saraId = await UserIdAsync(IdeslussPortal.Coordinator);
            var events = await db.Set<AuditEvent>().AsNoTracking().Where(e => e.SubjectId == id).ToListAsync();
            Assert.Contains(events, e => e.ActorId == saraId && e.Changes.Contains("Slutplacering i PICK", StringComparison.Ordinal) && e.Changes.Contains("Vi börjar i liten skala.", StringComparison.Ordinal));
        }

        // A later assessment no longer moves the idea.
        await AssessAsync(erik, id, "Liten effekt", "Stor insats", "Erik: ändrade mig.", note: null);
        Assert.Equal(PickQuadrant.Implement, (await RecordAsync(id)).Pick);

        // After the final placement the assessors see each other's assessments, but not the note to the coordinator.
        larsPage = WebUtility.HtmlDecode(await lars.GetStringAsync(IdeaUrls.Detail(id)));
        Assert.Contains("Erik: ändrade mig.", larsPage);
        Assert.DoesNotContain("hemlig anteckning", larsPage);
    }

    [Fact]
    public async Task The_action_plan_is_added_edited_and_removed_by_those_allowed_and_read_by_those_who_see_the_idea()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await IdeslussNoticeTests.SubmitAsync(anna, "Gemensam matsal för äldreboendet");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var create = $"/ideer/{id}/handlingsplan/ny";

        // Bad input: Swedish errors in a summary, and everything typed comes back.
        var response = await sara.PostFormAsync(create, create, new() { ["Action"] = "Prova gemensam lunch två dagar i veckan", ["Responsible"] = "ingen.alls@kommun.test", ["DueDate"] = "31/5" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Det finns fel i formuläret", html);
        Assert.Contains("Möjlighet måste fyllas i.", html);
        Assert.Contains("Välj en bedömning", html);
        Assert.Contains("Det finns ingen användare med e-postadressen ingen.alls@kommun.test", html);
        Assert.Contains("Klart-datum måste vara ett datum", html);
        Assert.Contains("Prova gemensam lunch två dagar i veckan</textarea>", html);
        Assert.Contains("value=\"31/5\"", html);
        Assert.Contains("href=\"#Opportunity\"", html);
        Assert.Matches("Möjlighet får vara högst 1\\W?000 tecken", WebUtility.HtmlDecode(await (await sara.PostFormAsync(create, create, new() { ["Opportunity"] = new string('x', 20_000) })).Content.ReadAsStringAsync()));

        // A row with the coordinator as runner and Anna, the giver, as responsible.
        var due = Today().AddDays(30);
        var added = await sara.PostFormAsync(create, create, Row("Fler äter tillsammans", "Prova gemensam lunch två dagar i veckan", "Implement", PortalFactory.EmployeeEmail, due));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var row = Assert.Single(await RowsAsync(id));
        Assert.Equal(await UserIdAsync(PortalFactory.EmployeeEmail), row.ResponsibleId);
        Assert.Equal(due, row.DueDate);
        Assert.Equal(PickQuadrant.Implement, row.Assessment);
        var page = WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Detail(id)));
        Assert.Contains("Prova gemensam lunch två dagar i veckan", page);
        Assert.Contains(IdeslussPortal.GiverName, page);

        // Karl (a manager) does not see the idea while it is screened: neither its plan nor a way to change it.
        var karl = await SignedInAsync(PortalFactory.ManagerEmail);
        var edit = $"/ideer/{id}/handlingsplan/{row.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await karl.GetAsync(IdeaUrls.Detail(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.GetAsync(edit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.GetAsync(create)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.PostFormAsync("/ideer/ny", edit, Row("Karls", "Karls ändring", "Kill", PortalFactory.ManagerEmail, due))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.PostFormAsync("/ideer/ny", edit + "/ta-bort", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.PostFormAsync("/ideer/ny", create, Row("Karls", "Karls rad", "Possible", PortalFactory.ManagerEmail, due))).StatusCode);
        Assert.Equal("Prova gemensam lunch två dagar i veckan", Assert.Single(await RowsAsync(id)).Action);

        // Anna, responsible for the row, follows it up and marks it done; the rest of the row is not hers to change, nor to add or remove rows.
        Assert.Contains("Prova gemensam lunch två dagar i veckan", WebUtility.HtmlDecode(await anna.GetStringAsync(IdeaUrls.Detail(id))));
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync(create)).StatusCode);
        var annaForm = Row("Annas möjlighet", "Annas åtgärd", "Kill", PortalFactory.EmployeeEmail, due.AddDays(5));
        annaForm["FollowUp"] = "Uppföljt med enhetschefen: 20 fler äter tillsammans.";
        annaForm["FollowUpDate"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        annaForm["Done"] = "true";
        annaForm["Revision"] = row.Revision.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await anna.PostFormAsync(edit, edit, annaForm)).StatusCode);
        var followed = Assert.Single(await RowsAsync(id));
        Assert.True(followed.Done);
        Assert.Equal("Uppföljt med enhetschefen: 20 fler äter tillsammans.", followed.FollowUp);
        Assert.Equal("Prova gemensam lunch två dagar i veckan", followed.Action);
        Assert.Equal(PickQuadrant.Implement, followed.Assessment);
        Assert.Equal(due, followed.DueDate);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.PostFormAsync(edit, edit + "/ta-bort", [])).StatusCode);

        // A form read before Anna's change is refused with what was typed kept.
        var stale = Row("Fler äter tillsammans", "Gemensam lunch varje dag", "Implement", PortalFactory.EmployeeEmail, due);
        stale["Revision"] = row.Revision.ToString(CultureInfo.InvariantCulture);
        html = WebUtility.HtmlDecode(await (await sara.PostFormAsync(edit, edit, stale)).Content.ReadAsStringAsync());
        Assert.Contains("ändrades av någon annan", html);
        Assert.Contains("Gemensam lunch varje dag</textarea>", html);
        Assert.Equal("Prova gemensam lunch två dagar i veckan", Assert.Single(await RowsAsync(id)).Action);

        // The coordinator edits and removes.
        stale["Revision"] = followed.Revision.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync(edit, edit, stale)).StatusCode);
        Assert.Equal("Gemensam lunch varje dag", Assert.Single(await RowsAsync(id)).Action);
        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync(edit, edit + "/ta-bort", [])).StatusCode);
        Assert.Empty(await RowsAsync(id));
        Assert.Contains("Ingen handlingsplan ännu.", WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Detail(id))));
    }

    [Fact]
    public async Task The_responsible_person_is_reminded_once_on_the_klart_datum_and_an_overdue_row_shows_on_the_board()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await IdeslussNoticeTests.SubmitAsync(anna, "Cykelpool för hemtjänsten");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var create = $"/ideer/{id}/handlingsplan/ny";
        var due = Today().AddDays(3);
        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync(create, create, Row("Färre bilresor", "Köp in fyra elcyklar", "Possible", IdeslussPortal.Assessor, due))).StatusCode);
        const string subject = "Påminnelse: \"Köp in fyra elcyklar\" ska vara klar";

        // Before the date: no reminder.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.DoesNotContain(portal.Smtp.Messages, m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal));

        // On the date: one mail to the responsible person, with a link to the plan, and a notice.
        portal.Clock!.Advance(TimeSpan.FromDays(3));
        var mail = await portal.Smtp.WaitForAsync(m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal), MailWait, "påminnelsen till Lars");
        Assert.Equal(IdeslussPortal.Assessor, TestSmtpServer.AddressOf(mail));
        Assert.Contains("Hej Lars Lind!", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(WorkflowPortal.BaseUrl + IdeaUrls.ActionPlan(id), mail.TextBody, StringComparison.Ordinal);
        var larsId = await UserIdAsync(IdeslussPortal.Assessor);
        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.Single(await db.Set<Notification>().AsNoTracking().Where(n => n.UserId == larsId && n.ContentItemId == id && n.Message.Contains("Köp in fyra elcyklar")).ToListAsync());
            Assert.NotNull(Assert.Single(await RowsAsync(id)).RemindedUtc);
        }

        // Only once, however many checks run.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(portal.Smtp.Messages, m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal));

        // The day after, the row is overdue on the idea and on the coordinator's board (signed in again: the clock moved days).
        portal.Clock.Advance(TimeSpan.FromDays(1));
        sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var board = WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Board));
        Assert.Contains("Försenade åtgärder", board);
        Assert.Matches("Cykelpool för hemtjänsten</a>: Köp in fyra elcyklar \\(ansvarig Lars Lind, klart " + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), board);
        Assert.Contains("Försenad", WebUtility.HtmlDecode(await sara.GetStringAsync(IdeaUrls.Detail(id))));

        // Karl, who does not see the idea, does not see its overdue row either (he has no board at all).
        var karl = await SignedInAsync(PortalFactory.ManagerEmail);
        Assert.DoesNotContain("Köp in fyra elcyklar", await (await karl.GetAsync(IdeaUrls.Board)).Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> Row(string opportunity, string action, string assessment, string responsible, DateOnly due) => new()
    {
        ["Opportunity"] = opportunity,
        ["Action"] = action,
        ["Assessment"] = assessment,
        ["Responsible"] = responsible,
        ["DueDate"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Revision"] = "0",
    };

    private DateOnly Today() => DateOnly.FromDateTime(SwedishTime.FromUtc(portal.Clock!.GetUtcNow().UtcDateTime));

    private static async Task AssignAsync(PortalClient coordinator, string id, string assessorEmail) =>
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/bedomare", new() { ["assessorEmail"] = assessorEmail })).StatusCode);

    private static async Task AssessAsync(PortalClient assessor, string id, string effect, string effort, string benefit, string? note)
    {
        var fields = new Dictionary<string, string>
        {
            ["Title"] = "Bedömning",
            ["f.effect"] = effect,
            ["f.effort"] = effort,
            ["f.citizenBenefit"] = benefit,
            ["f.recommendation"] = "Genomför",
        };
        var html = await assessor.GetStringAsync(IdeaUrls.Assess(id));
        fields["Revision"] = RevisionInput().Match(html) is { Success: true } m ? m.Groups[1].Value : "0";
        if (note is not null)
        {
            fields["f.privateNote"] = note;
        }

        var response = await assessor.PostFormAsync(IdeaUrls.Assess(id), IdeaUrls.Assess(id), fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private async Task<IdeaRecord> RecordAsync(string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<IdeaRecord>().AsNoTracking().SingleAsync(r => r.ContentItemId == id);
    }

    private async Task<List<ActionPlanRow>> RowsAsync(string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ActionPlanRow>().AsNoTracking().Where(r => r.IdeaId == id).ToListAsync();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = portal.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, PortalFactory.SamplePassword);
        return client;
    }

    [GeneratedRegex("name=\"Revision\" value=\"(\\d+)\"")]
    private static partial Regex RevisionInput();
}
