using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kvalitetsportal.InternKontroll;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.IntegrationTests.Lucene;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.IntegrationTests.Workflows;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Workflows.Decisions;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.InternKontroll;

/// <summary>
/// Issue 18, internal control: the quarter's checks come from the schedule, an outcome is reported
/// with what the workflow asks for, an avvikelse becomes an action with mail and reminder, the plan is
/// attested and adopted with the nämnd's decision, and one nämnd's people reach nothing of another's.
/// On SQLite and (KP_TEST_DB=postgres) PostgreSQL.
/// </summary>
public sealed class InternKontrollTests(InternKontrollPortal portal) : IClassFixture<InternKontrollPortal>
{
    [Fact]
    public async Task The_quarters_check_appears_by_itself_from_the_schedule_for_an_active_control_point()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        Assert.Empty(await ChecksOfAsync(plan.Point));

        // To the first day of the next quarter (Swedish time), where the schedule creates the checks.
        var now = SwedishTime.FromUtc(portal.Clock!.GetUtcNow().UtcDateTime);
        var quarterStart = new DateTime(now.Year, ((now.Month - 1) / 3 * 3) + 1, 1).AddMonths(3);
        portal.Clock.Advance(quarterStart - now + TimeSpan.FromHours(2));

        var check = await WaitForAsync(async () => (await ChecksOfAsync(plan.Point)).FirstOrDefault(), "kvartalets kontroll");
        var data = check.GetData();
        Assert.Equal($"{quarterStart.Year}-K{((quarterStart.Month - 1) / 3) + 1}", ControlTypes.Text(data["period"]));
        Assert.Equal("Att rapportera", check.WorkflowState);
        var point = await ControlArrange.LatestAsync(portal, plan.Point);
        Assert.Equal(point.OrganisationUnitId, check.OrganisationUnitId);

        // The internkontrollansvarig sees it on the plan's page, waiting to be reported.
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);
        var page = await owner.GetStringAsync(InternKontrollUrls.Plan(plan.Plan));
        Assert.Contains(InternKontrollUrls.Check(check.ContentItemId), page, StringComparison.Ordinal);
        Assert.Contains("Inte rapporterad", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_avvikelse_without_a_comment_is_refused_in_Swedish_and_what_was_typed_is_kept()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var check = await ControlArrange.CheckAsync(portal, plan);
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);

        var response = await ControlArrange.ReportAsync(owner, check, "Avvikelse", "   ");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Kommentar måste fyllas i när utfall är \"Avvikelse\".", html, StringComparison.Ordinal);
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Matches("value=\"Avvikelse\" checked=\"checked\"", html);
        Assert.Equal("Att rapportera", (await ControlArrange.LatestAsync(portal, check)).WorkflowState);
        Assert.Empty(await ControlArrange.ActionsOfAsync(portal, check));

        // No outcome at all: asked for, nothing saved.
        response = await ControlArrange.ReportAsync(owner, check, "", "Jag hann inte välja.");
        html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Välj utfall.", html, StringComparison.Ordinal);
        Assert.Contains("Jag hann inte välja.", html, StringComparison.Ordinal);
        Assert.Null(ControlTypes.Text((await ControlArrange.LatestAsync(portal, check)).GetData()["outcome"]));

        // OK needs no comment and closes the check.
        response = await ControlArrange.ReportAsync(owner, check, "OK", "");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(InternKontrollUrls.Plan(plan.Plan), response.Headers.Location!.OriginalString);
        var saved = await ControlArrange.LatestAsync(portal, check);
        Assert.Equal("Rapporterad", saved.WorkflowState);
        Assert.Equal("OK", ControlTypes.Text(saved.GetData()["outcome"]));
        Assert.Contains("Grön", await owner.GetStringAsync(InternKontrollUrls.Plan(plan.Plan)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_avvikelse_becomes_an_action_whose_owner_gets_a_mail_and_a_reminder_on_the_due_date()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var check = await ControlArrange.CheckAsync(portal, plan);
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);

        var response = await ControlArrange.ReportAsync(owner, check, "Avvikelse", "Tre av tio fakturor saknade attest.");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Avvikelse", (await ControlArrange.LatestAsync(portal, check)).WorkflowState);

        var action = Assert.Single(await ControlArrange.ActionsOfAsync(portal, check));
        Assert.Equal("Ny", action.WorkflowState);
        Assert.Equal("Tre av tio fakturor saknade attest.", ControlTypes.Text(action.GetData()["description"]));
        var page = await owner.GetStringAsync(InternKontrollUrls.Plan(plan.Plan));
        Assert.Contains("Röd", page, StringComparison.Ordinal);
        Assert.Contains(action.DisplayText, WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        // The internkontrollansvarig names who does it and by when, and starts it: the mail goes out.
        var today = DateOnly.FromDateTime(SwedishTime.FromUtc(portal.Clock!.GetUtcNow().UtcDateTime));
        var due = today.AddDays(14);
        await SetAsync(action.ContentItemId, new JsonObject { ["ansvarig"] = await Users.UsersArrange.UserIdAsync(portal, InternKontrollPortal.ResponsibleVo), ["dueDate"] = due.ToString("yyyy-MM-dd") });
        var taken = await WorkflowSteps.ApiPostAsync(owner, $"/api/content/{ControlTypes.Action}/{action.ContentItemId}/workflow/transitions", new { transition = "tilldela" });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);

        var mail = await portal.Smtp.WaitForAsync(m => TestSmtpServer.AddressOf(m) == InternKontrollPortal.ResponsibleVo && m.Subject!.Contains(action.DisplayText, StringComparison.Ordinal), TimeSpan.FromSeconds(20), "åtgärden till den ansvarige");
        Assert.StartsWith("Åtgärd efter avvikelse", mail.Subject, StringComparison.Ordinal);

        // On the due date the reminder comes.
        portal.Clock.Advance(TimeSpan.FromDays(15));
        var reminder = await portal.Smtp.WaitForAsync(m => TestSmtpServer.AddressOf(m) == InternKontrollPortal.ResponsibleVo && m.Subject!.StartsWith("Påminnelse", StringComparison.Ordinal) && m.Subject!.Contains(action.DisplayText, StringComparison.Ordinal), TimeSpan.FromSeconds(20), "påminnelsen");
        Assert.Contains("ska vara klar", reminder.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_is_attested_by_the_forvaltningschef_and_adopted_with_the_namnds_decision()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);
        var chief = await portal.SignedInAsync(InternKontrollPortal.ChiefVo);

        // Only the förvaltningschef attests.
        Assert.NotEqual(HttpStatusCode.OK, (await WorkflowSteps.ApiPostAsync(owner, $"/api/content/{ControlTypes.Plan}/{plan.Plan}/workflow/transitions", new { transition = "attestera" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WorkflowSteps.ApiPostAsync(chief, $"/api/content/{ControlTypes.Plan}/{plan.Plan}/workflow/transitions", new { transition = "attestera" })).StatusCode);

        // Adoption needs the nämnd's decision (body, date, §).
        Assert.NotEqual(HttpStatusCode.OK, (await WorkflowSteps.ApiPostAsync(owner, $"/api/content/{ControlTypes.Plan}/{plan.Plan}/workflow/transitions", new { transition = "anta" })).StatusCode);
        var adopted = await WorkflowSteps.ApiPostAsync(owner, $"/api/content/{ControlTypes.Plan}/{plan.Plan}/workflow/transitions", new
        {
            transition = "anta",
            decision = new { deciderKind = "Body", decidedBy = "Vård- och omsorgsnämnden", date = "2026-01-28", paragraph = "§ 14", outcome = "Godkänd" },
        });
        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);
        Assert.Equal("Antagen", (await ControlArrange.LatestAsync(portal, plan.Plan)).WorkflowState);

        await using var scope = portal.CreateScope();
        var decision = Assert.Single(await scope.ServiceProvider.GetRequiredService<IDecisionQuery>().ForItemAsync(plan.Plan));
        Assert.Equal("§ 14", decision.Paragraph);
        Assert.Equal(new DateOnly(2026, 1, 28), decision.Date);
        Assert.Contains("Antagen", await owner.GetStringAsync(InternKontrollUrls.Plan(plan.Plan)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_namnds_people_reach_nothing_by_url_api_export_search_or_report_and_Kommunstyrelsens_controller_sees_all()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var check = await ControlArrange.CheckAsync(portal, plan);
        var own = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);
        var other = await portal.SignedInAsync(InternKontrollPortal.OwnerSoc);
        var controller = await portal.SignedInAsync(InternKontrollPortal.Controller);

        // The module's pages.
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(InternKontrollUrls.Plan(plan.Plan))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(InternKontrollUrls.Plan(plan.Plan))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(InternKontrollUrls.Check(check))).StatusCode);
        Assert.DoesNotContain(plan.Word, await other.GetStringAsync(InternKontrollUrls.Start), StringComparison.Ordinal);
        Assert.True((await other.GetAsync(InternKontrollUrls.Overview)).IsForbidden());

        // The generic pages and the API, for each of the plan's items; and a change through the API.
        foreach (var (type, id) in new[] { (ControlTypes.Plan, plan.Plan), (ControlTypes.Process, plan.Process), (ControlTypes.Point, plan.Point), (ControlTypes.Check, check) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/innehall/{type}/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/content/{type}/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/content/{type}/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await controller.GetAsync($"/api/content/{type}/{id}")).StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.OK, (await WorkflowSteps.ApiPostAsync(other, $"/api/content/{ControlTypes.Check}/{check}/workflow/transitions", new { transition = "rapportera-ok" })).StatusCode);

        // The export.
        var csv = Encoding.UTF8.GetString(await (await other.GetAsync($"/innehall/{ControlTypes.Plan}/export.csv")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(plan.Word, csv, StringComparison.Ordinal);
        csv = Encoding.UTF8.GetString(await (await own.GetAsync($"/innehall/{ControlTypes.Plan}/export.csv")).Content.ReadAsByteArrayAsync());
        Assert.Contains(plan.Word, csv, StringComparison.Ordinal);

        // Search: the own nämnd finds the plan (once indexed), the other never does.
        await WaitForAsync(async () => (await SearchPageReading.SearchAsync(own, plan.Word)).HitIds.Contains(plan.Plan) ? plan : null, "sökträffen");
        Assert.DoesNotContain(plan.Plan, (await SearchPageReading.SearchAsync(other, plan.Word)).HitIds);

        // Kommunstyrelsen's controller sees the nämnd in the consolidated view.
        var overview = WebUtility.HtmlDecode(await controller.GetStringAsync(InternKontrollUrls.Overview));
        Assert.Contains(plan.Word, overview, StringComparison.Ordinal);
        Assert.Contains("Vård- och omsorgsnämnden", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_follow_up_report_downloads_as_docx_from_the_administrators_template_with_a_traffic_light_per_control_point()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var check = await ControlArrange.CheckAsync(portal, plan, "2026-K1");
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);
        Assert.Equal(HttpStatusCode.Redirect, (await ControlArrange.ReportAsync(owner, check, "Avvikelse", "Attest saknades.")).StatusCode);

        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var purpose = "Uppföljning intern kontroll " + plan.Word;
        var template = DocxFiles.Build(
            [["Uppföljning: {{ item.title }}"], ["Nämnd: {{ plan.namnd }}"]],
            [["Kontrollmoment", "Mål", "Utfall", "Trafikljus"], ["{{ kontrollmoment.title }}", "{{ kontrollmoment.goal }}", "{{ kontrollmoment.outcomes }}", "{{ kontrollmoment.lighttext }}"]]);
        Assert.Equal(HttpStatusCode.Redirect, (await Documents.DocumentTests.UploadAsync(admin, ControlTypes.Plan, purpose, template, "uppfoljning.docx")).StatusCode);

        var page = WebUtility.HtmlDecode(await owner.GetStringAsync($"/innehall/{ControlTypes.Plan}/{plan.Plan}"));
        Assert.Contains($"Hämta dokument: {purpose}", page, StringComparison.Ordinal);
        var link = Documents.DocumentTests.DocumentLink().Matches(page).Select(m => m.Groups[1].Value).Last();
        var response = await owner.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var docx = await response.Content.ReadAsByteArrayAsync();

        var paragraphs = DocxFiles.Paragraphs(docx);
        Assert.Contains($"Uppföljning: Internkontrollplan {plan.Word}", paragraphs);
        Assert.Contains("Nämnd: Vård- och omsorgsnämnden", paragraphs);
        var rows = DocxFiles.TableRows(docx);
        Assert.Equal(2, rows.Count);
        Assert.Equal($"Attest av leverantörsfakturor {plan.Word}", rows[1][0]);
        Assert.Equal("En tillförlitlig finansiell rapportering och information om verksamheten", rows[1][1]);
        Assert.Equal("2026-K1: Avvikelse", rows[1][2]);
        Assert.Equal("Röd (Avvikelse)", rows[1][3]);

        // Another nämnd's people get no document of this plan.
        var other = await portal.SignedInAsync(InternKontrollPortal.OwnerSoc);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task A_security_related_control_point_marked_confidential_is_closed_to_the_forvaltningschef_but_not_to_the_owner_or_the_controller()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        await SetAsync(plan.Point, new JsonObject { ["securityRelated"] = true });
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);
        var chief = await portal.SignedInAsync(InternKontrollPortal.ChiefVo);
        var controller = await portal.SignedInAsync(InternKontrollPortal.Controller);
        var other = await portal.SignedInAsync(InternKontrollPortal.OwnerSoc);
        var pointApi = $"/api/content/{ControlTypes.Point}/{plan.Point}";
        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync(pointApi)).StatusCode);

        // Only someone who may change the point marks it; the chief may see it but not mark it.
        var action = $"/internkontroll/kontrollmoment/{plan.Point}/sekretess";
        Assert.DoesNotContain(action, await chief.GetStringAsync(InternKontrollUrls.Plan(plan.Plan)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFieldsAsync(InternKontrollUrls.Start, action, [("grund", "OSL 18 kap. 8 §")])).StatusCode);
        var marked = await owner.PostFieldsAsync(InternKontrollUrls.Plan(plan.Plan), action, [("grund", "OSL 18 kap. 8 §")]);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var followed = WebUtility.HtmlDecode(await owner.FollowAsync(marked));
        Assert.Contains("Sekretessmarkerat: OSL 18 kap. 8 §", followed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync(pointApi)).StatusCode);
        Assert.DoesNotContain(plan.Point, await chief.GetStringAsync(InternKontrollUrls.Plan(plan.Plan)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(pointApi)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await controller.GetAsync(pointApi)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(pointApi)).StatusCode);

        // An empty ground lifts it.
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFieldsAsync(InternKontrollUrls.Plan(plan.Plan), action, [("grund", "")])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync(pointApi)).StatusCode);
    }

    [Fact]
    public async Task Evidence_of_the_wrong_type_is_refused_and_a_good_upload_survives_a_missing_comment()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var check = await ControlArrange.CheckAsync(portal, plan);
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);
        var url = InternKontrollUrls.Check(check);

        // A program is no evidence: refused beside the field, the comment kept, nothing saved.
        var response = await PostReportAsync(owner, url, "OK", "Stickprov gjort.", ("skript.exe", [0x4D, 0x5A, 0x90, 0x00]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("href=\"#f_evidence\"", html, StringComparison.Ordinal);
        Assert.Contains("Stickprov gjort.", html, StringComparison.Ordinal);
        Assert.Equal("Att rapportera", (await ControlArrange.LatestAsync(portal, check)).WorkflowState);

        // A picture with an avvikelse but no comment: the comment is asked for, the picture is kept for the next post.
        response = await PostReportAsync(owner, url, "Avvikelse", "", ("stickprov.png", Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")));
        html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Kommentar måste fyllas i", html, StringComparison.Ordinal);
        var pending = System.Text.RegularExpressions.Regex.Match(html, "name=\"f.evidence.pending\" value=\"([^\"]+)\"");
        Assert.True(pending.Success, "the uploaded picture is carried to the next post");
        Assert.Contains("stickprov.png", html, StringComparison.Ordinal);

        response = await PostReportAsync(owner, url, "Avvikelse", "Två fakturor utan attest.", null, pending.Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await ControlArrange.LatestAsync(portal, check);
        Assert.Equal("Avvikelse", saved.WorkflowState);
        Assert.Equal("stickprov.png", (string?)saved.GetData()["evidence"]?.AsArray().Single()?["name"]);
    }

    private static async Task<HttpResponseMessage> PostReportAsync(PortalClient client, string url, string outcome, string comment, (string Name, byte[] Bytes)? file, string? pending = null)
    {
        var html = await client.GetStringAsync(url);
        var content = new MultipartFormDataContent
        {
            { new StringContent(System.Text.RegularExpressions.Regex.Match(html, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value), "Revision" },
            { new StringContent(outcome), "f.outcome" },
            { new StringContent(comment), "f.comment" },
        };
        if (file is { } upload)
        {
            content.Add(new ByteArrayContent(upload.Bytes), "f.evidence", upload.Name);
        }

        if (pending is not null)
        {
            content.Add(new StringContent(pending), "f.evidence.pending");
        }

        return await client.PostMultipartAsync(url, url, content);
    }

    [Fact]
    public async Task A_risk_from_the_namnds_risk_list_is_chosen_into_the_plan_and_shown_with_its_control_point()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);

        // The internkontrollansvarig adds the risk to the plan's risk list (Riskanalys), then chooses it for the control point.
        var add = Kvalitetsportal.Riskanalys.RiskUrls.Add(plan.Plan);
        var added = await owner.PostFormAsync(add, add, new Dictionary<string, string>
        {
            ["Title"] = "Felaktiga utbetalningar " + plan.Word,
            ["Cause"] = "Attest saknas vid semester.",
            ["Consequence"] = "Pengar betalas ut utan grund.",
            ["Category"] = "Ekonomi",
            ["Goal"] = "En tillförlitlig finansiell rapportering och information om verksamheten",
            ["UnitId"] = (await UsersArrange.UnitIdAsync(portal, "DN-VO")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OwnerEmail"] = InternKontrollPortal.OwnerVo,
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var riskId = added.Headers.Location!.OriginalString.Split('/')[3];
        await SetAsync(plan.Point, new JsonObject { ["risk"] = riskId });

        var page = WebUtility.HtmlDecode(await owner.GetStringAsync(InternKontrollUrls.Plan(plan.Plan)));
        Assert.Contains("Nämndens risker (bruttorisklista)", page, StringComparison.Ordinal);
        var row = System.Text.RegularExpressions.Regex.Match(page, "<tr>\\s*<td><a href=\"/innehall/IkKontrollmoment/" + plan.Point + "\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, "the control point's row");
        Assert.Contains("Felaktiga utbetalningar " + plan.Word, row.Value, StringComparison.Ordinal);

        // Another nämnd's internkontrollansvarig reaches neither the plan nor the risk.
        var other = await portal.SignedInAsync(InternKontrollPortal.OwnerSoc);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Kvalitetsportal.Riskanalys.RiskUrls.Risk(riskId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/content/Risk/{riskId}")).StatusCode);
    }

    private async Task SetAsync(string id, JsonObject fields)
    {
        await using var scope = portal.CreateScope();
        var services = scope.ServiceProvider;
        var manager = services.GetRequiredService<Kvalitetsportal.Contents.Items.IContentManager>();
        var item = await manager.GetLatestAsync(id) ?? throw new InvalidOperationException("saknas");
        var type = await services.GetRequiredService<Kvalitetsportal.Contents.Definitions.IContentDefinitionStore>().GetAsync(item.ContentType);
        var data = item.GetData();
        foreach (var (key, value) in fields)
        {
            data[key] = value?.DeepClone();
        }

        await manager.UpdateAsync(type!, id, item.Revision, new Kvalitetsportal.Contents.Items.ContentChange(item.DisplayText, item.OrganisationUnitId, data), item.OwnerId, publish: true);
    }

    [Fact]
    public async Task Kommunstyrelsens_controller_sees_a_namnds_risk_read_only_and_another_namnd_still_does_not()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var owner = await portal.SignedInAsync(InternKontrollPortal.OwnerVo);
        var word = "Utbetalningsrisk" + Guid.NewGuid().ToString("N")[..8];
        var add = Kvalitetsportal.Riskanalys.RiskUrls.Add(plan.Plan);
        var added = await owner.PostFormAsync(add, add, new Dictionary<string, string>
        {
            ["Title"] = $"{word}: felaktiga utbetalningar",
            ["Cause"] = "Attesten görs inte vid semester.",
            ["Consequence"] = "Pengar betalas ut utan grund.",
            ["Category"] = "Ekonomi",
            ["Goal"] = "En tillförlitlig finansiell rapportering och information om verksamheten",
            ["UnitId"] = (await UsersArrange.UnitIdAsync(portal, "DN-VO")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OwnerEmail"] = InternKontrollPortal.OwnerVo,
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var riskUrl = added.Headers.Location!.OriginalString;
        Assert.StartsWith("/riskanalys/risker/", riskUrl, StringComparison.Ordinal);
        var risk = riskUrl.Split('/')[3];

        // The controller (in KS, not the nämnd's unit) finds it in the register and opens it by its address.
        var controller = await portal.SignedInAsync(InternKontrollPortal.Controller);
        Assert.Contains(word, await controller.GetStringAsync(Kvalitetsportal.Riskanalys.RiskUrls.Register), StringComparison.Ordinal);
        var page = await controller.GetAsync(riskUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(word, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Read only: valuing it is refused.
        var valued = await controller.PostFormAsync(riskUrl, Kvalitetsportal.Riskanalys.RiskUrls.Value(risk), new Dictionary<string, string> { ["kind"] = "Brutto", ["probability"] = "1", ["consequence"] = "1" });
        Assert.True(valued.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"Värderingen gav {valued.StatusCode}");

        // Another nämnd's people still reach nothing of it.
        var other = await portal.SignedInAsync(InternKontrollPortal.OwnerSoc);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(riskUrl)).StatusCode);
        Assert.DoesNotContain(word, await other.GetStringAsync(Kvalitetsportal.Riskanalys.RiskUrls.Register), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/content/Risk/{risk}")).StatusCode);
    }

    [Fact]
    public async Task The_control_points_responsible_person_reports_the_check_and_a_colleague_who_is_not_responsible_cannot()
    {
        var plan = await ControlArrange.PlanAsync(portal);
        var responsible = await UsersArrange.UserIdAsync(portal, InternKontrollPortal.ResponsibleVo);
        var point = await ControlArrange.LatestAsync(portal, plan.Point);

        // As the quarterly schedule creates it: the point's responsible person copied onto the check.
        var check = await ControlArrange.CreateAsync(portal, ControlTypes.Check, "Kontroll 2026-K3", point.OwnerId, point.OrganisationUnitId, new JsonObject { ["kontrollmoment"] = plan.Point, ["period"] = "2026-K3", ["ansvarig"] = responsible });
        await WaitForAsync(async () => (await ControlArrange.LatestAsync(portal, check)).AssignedTo is { Length: > 0 } a ? a : null, "tilldelningen");

        // The förvaltningschef of the same nämnd sees the check but is not its responsible: refused, nothing saved.
        var chief = await portal.SignedInAsync(InternKontrollPortal.ChiefVo);
        var refused = await ControlArrange.ReportAsync(chief, check, "OK", "");
        Assert.DoesNotContain("/internkontroll/", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal("Att rapportera", (await ControlArrange.LatestAsync(portal, check)).WorkflowState);
        Assert.Null(ControlTypes.Text((await ControlArrange.LatestAsync(portal, check)).GetData()["outcome"]));

        // The responsible person (a Medarbetare, no internal-control role) opens it and reports an avvikelse.
        var olle = await portal.SignedInAsync(InternKontrollPortal.ResponsibleVo);
        Assert.Equal(HttpStatusCode.OK, (await olle.GetAsync(InternKontrollUrls.Check(check))).StatusCode);
        var reported = await ControlArrange.ReportAsync(olle, check, "Avvikelse", "Två fakturor saknade attest.");
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        var saved = await ControlArrange.LatestAsync(portal, check);
        Assert.Equal("Avvikelse", saved.WorkflowState);
        Assert.Equal("Avvikelse", ControlTypes.Text(saved.GetData()["outcome"]));
        Assert.Single(await ControlArrange.ActionsOfAsync(portal, check));

        // Reported checks are closed to him, and he still reaches no other check of the nämnd.
        var again = await ControlArrange.ReportAsync(olle, check, "OK", "");
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        var other = await ControlArrange.CheckAsync(portal, plan, "2026-K4");
        Assert.Equal(HttpStatusCode.NotFound, (await olle.GetAsync(InternKontrollUrls.Check(other))).StatusCode);
    }

    private async Task<List<Kvalitetsportal.Contents.Items.ContentItem>> ChecksOfAsync(string pointId)
    {
        await using var scope = portal.CreateScope();
        var all = scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Contents.Items.IContentQuery>().Latest.Where(i => i.ContentType == ControlTypes.Check).ToList();
        return [.. all.Where(c => ControlTypes.Text(c.GetData()["kontrollmoment"]) == pointId)];
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what} kom inte inom 20 s");
    }
}
