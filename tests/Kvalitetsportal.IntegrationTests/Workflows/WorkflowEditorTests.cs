using System.Net;
using System.Text;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.IntegrationTests.Contents;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.IntegrationTests.Workflows;

public sealed class WorkflowEditorTests(WorkflowEditorPortal portal) : IClassFixture<WorkflowEditorPortal>
{
    private const string Base = "/admin/arbetsfloden";

    private static async Task<HttpResponseMessage> PostAsync(PortalClient client, string url, IEnumerable<(string Name, string Value)> fields) =>
        await client.Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private static async Task<List<(string Name, string Value)>> EditorFormAsync(PortalClient client, string type) =>
        HtmlForm.Read(await client.GetStringAsync($"{Base}/{type}"), "workflow-form");

    [Fact]
    public async Task Saving_the_suggested_workflow_makes_version_1_an_unchanged_save_none_and_a_change_version_2_all_audited()
    {
        var type = await portal.TypeAsync("WfSpara");
        var admin = await portal.AdminAsync();
        var list = await admin.GetStringAsync(Base);
        Assert.Contains($"href=\"{Base}/{type}\">Skapa arbetsflöde", list);

        var form = await EditorFormAsync(admin, type);
        Assert.Equal("Inskickad", form.Value("States[0].Name"));
        Assert.Equal("0", form.Value("BaseVersion"));
        var saved = await PostAsync(admin, $"{Base}/{type}", form.With("Op", "save"));
        Assert.Contains("Arbetsflödet är sparat som version 1.", await admin.FollowAsync(saved));
        var v1 = await portal.VersionAsync(type, 1);
        Assert.NotNull(v1);
        Assert.Equal(["Inskickad", "Under bedömning", "Beslutad"], v1.States.Select(s => s.Name));
        Assert.Equal("Inskickad", v1.InitialState);
        var handOver = Assert.IsType<AssignActivity>(Assert.Single(v1.States[0].Activities)); // a new item is held by someone who may move it on
        Assert.Equal(RecipientKind.UnitManager, handOver.To!.Kind);
        var decide = v1.Transition("besluta")!;
        Assert.True(decide.CommentRequired);
        var mail = Assert.IsType<SendMailActivity>(Assert.Single(decide.Activities));
        Assert.Equal(RecipientKind.Owner, mail.To.Kind);
        Assert.Contains("{{ item.title }}", mail.Subject);

        // The page as stored, posted back untouched (CRLF line breaks as a browser sends them): no new version.
        form = await EditorFormAsync(admin, type);
        Assert.Equal("1", form.Value("BaseVersion"));
        var crlf = form.Select(f => (f.Name, f.Value.Replace("\n", "\r\n", StringComparison.Ordinal))).ToList();
        var unchanged = await PostAsync(admin, $"{Base}/{type}", crlf.With("Op", "save"));
        Assert.Contains("Inget var ändrat, så ingen ny version sparades. Version 1 gäller.", await admin.FollowAsync(unchanged));
        Assert.Single(await portal.HistoryAsync(type));

        var changed = await PostAsync(admin, $"{Base}/{type}", form.With("States[1].Description", "Bedömaren läser förslaget.").With("Op", "save"));
        Assert.Contains("Arbetsflödet är sparat som version 2.", await admin.FollowAsync(changed));
        Assert.Equal([2, 1], (await portal.HistoryAsync(type)).Select(h => h.Version));
        Assert.Equal("Bedömaren läser förslaget.", (await portal.VersionAsync(type, 2))!.States[1].Description);

        var versions = await admin.GetStringAsync($"{Base}/{type}/versioner");
        Assert.Contains("data-version=\"2\"", versions);
        Assert.Contains("Portalens administratör", versions); // who saved it

        var events = await portal.QueryAsync(db => db.Set<AuditEvent>().Where(e => e.SubjectId == type && e.Category == "Arbetsflöden").OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["Created", "Updated"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal("Arbetsflöden", e.Category));
        Assert.Contains("Bedömaren läser förslaget.", events[1].Changes);
    }

    [Fact]
    public async Task A_mail_is_previewed_with_the_newest_items_values_before_anything_is_saved()
    {
        var type = await portal.TypeAsync("WfForhand");
        var admin = await portal.AdminAsync();
        const string mail = "Transitions[1].Activities[0]";
        var form = (await EditorFormAsync(admin, type))
            .With($"{mail}.Subject", "Beslut om {{ item.title }} ({{ item.state }})")
            .With($"{mail}.Body", "Hej {{ recipient.name }}!\n\nKategori: {{ item.fields.kategori }}\nLäs mer: {{ item.url }}");

        // No item of the type yet: the fields show by their labels.
        var empty = WebUtility.HtmlDecode(await (await PostAsync(admin, $"{Base}/{type}", form.With("Op", $"preview:{mail}"))).Content.ReadAsStringAsync());
        Assert.Contains("Så här blir mejlet", empty);
        Assert.Contains("Det finns inget ärende av typen ännu", empty);
        Assert.Contains("Kategori: (Kategori)", empty);

        var item = await ContentsArrange.CreateItemAsync(portal, type, PortalFactory.EmployeeEmail, "Cykelställ vid stadshuset", new System.Text.Json.Nodes.JsonObject { ["beskrivning"] = "Fler platser", ["kategori"] = "Miljö" });
        var page = WebUtility.HtmlDecode(await (await PostAsync(admin, $"{Base}/{type}", form.With("Op", $"preview:{mail}"))).Content.ReadAsStringAsync());

        Assert.Contains("Beslut om Cykelställ vid stadshuset (Beslutad)", page);
        Assert.Contains("Hej Anna Andersson!", page);
        Assert.Contains("Kategori: Miljö", page);
        Assert.Contains($"/innehall/{type}/{item.ContentItemId}", page);
        Assert.Contains($"data-focus=\"{Kvalitetsportal.Workflows.WorkflowEditor.MailPreviews.RegionId(mail)}\"", page); // focus moves to the preview
        Assert.Equal("Beslut om {{ item.title }} ({{ item.state }})", HtmlForm.Read(page, "workflow-form").Value($"{mail}.Subject")); // what was typed stays
        Assert.Empty(await portal.HistoryAsync(type)); // nothing saved
    }

    [Fact]
    public async Task An_invalid_workflow_is_refused_with_each_error_beside_its_input_and_everything_typed_kept()
    {
        var type = await portal.TypeAsync("WfFel");
        var admin = await portal.AdminAsync();
        var form = (await EditorFormAsync(admin, type))
            .With("DisplayName", "Mitt arbetsflöde")
            .With("States[1].Name", "Bedöms nu")
            .WithList("Transitions[1].Roles")
            .With("Transitions[1].AllowAssignee", "false")
            .With("Transitions[1].Label", "Fatta beslut")
            .With("Transitions[1].Activities[0].Body", "")
            .With("Transitions[1].Activities[0].Subject", "Beslut {{ item.title")
            .With("Op", "save");

        var response = await PostAsync(admin, $"{Base}/{type}", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Det finns fel i formuläret", html);

        // Each error in the summary links to its input, and stands beside it.
        Assert.Contains("href=\"#Transitions_1__Roles\"", html);
        Assert.Contains("id=\"Transitions_1__Roles-error\"", html);
        Assert.Contains("Övergången \"Fatta beslut\": ingen får ta övergången.", text);
        Assert.Contains("href=\"#Transitions_1__Activities_0__Body\"", html);
        Assert.Contains("saknar text.", html);
        Assert.Contains("id=\"Transitions_1__Activities_0__Subject-error\"", html);
        var subject = System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*id=\"Transitions_1__Activities_0__Subject\"[^>]*>").Value;
        Assert.Contains("aria-invalid=\"true\"", subject);
        Assert.Contains("Transitions_1__Activities_0__Subject-error", subject);

        // What was typed is still there, renamed state included, and the transitions still point at it.
        var kept = HtmlForm.Read(html, "workflow-form");
        Assert.Equal("Mitt arbetsflöde", kept.Value("DisplayName"));
        Assert.Equal("Bedöms nu", kept.Value("States[1].Name"));
        Assert.Equal("Beslut {{ item.title", kept.Value("Transitions[1].Activities[0].Subject"));
        Assert.Equal(kept.Value("States[1].Key"), kept.Value("Transitions[1].From"));
        Assert.Empty(await portal.HistoryAsync(type));

        // Fixed, the same form saves, and the rename reaches the transitions.
        var fixedForm = kept
            .WithList("Transitions[1].Roles", WorkflowEditorPortal.AssessorRole)
            .With("Transitions[1].Activities[0].Subject", "Beslut om {{ item.title }}")
            .With("Transitions[1].Activities[0].Body", "Beslutet: {{ comment }}")
            .With("Op", "save");
        var saved = await PostAsync(admin, $"{Base}/{type}", fixedForm);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var definition = (await portal.VersionAsync(type, 1))!;
        Assert.Equal("Bedöms nu", definition.Transitions[1].From);
        Assert.Equal("Bedöms nu", definition.Transitions[0].To);
        Assert.Equal([WorkflowEditorPortal.AssessorRole], definition.Transitions[1].Roles);
    }

    [Fact]
    public async Task Add_move_and_remove_buttons_change_only_the_working_copy_and_keep_what_was_typed()
    {
        var type = await portal.TypeAsync("WfKnappar");
        var admin = await portal.AdminAsync();
        var form = (await EditorFormAsync(admin, type)).With("DisplayName", "Skrivet men inte sparat");

        var added = await PostAsync(admin, $"{Base}/{type}", form.With("Op", "add:States"));
        var html = await added.Content.ReadAsStringAsync();
        Assert.Contains("Steget är tillagt.", html);
        Assert.Contains("data-focus=\"States_3__Name\"", html);
        var withState = HtmlForm.Read(html, "workflow-form");
        Assert.Equal("Skrivet men inte sparat", withState.Value("DisplayName"));
        Assert.Equal("", withState.Value("States[3].Name"));

        var named = withState.With("States[3].Name", "Återremitterad").With("States[3].Final", "true");
        var moved = HtmlForm.Read(await (await PostAsync(admin, $"{Base}/{type}", named.With("Op", "up:States[3]"))).Content.ReadAsStringAsync(), "workflow-form");
        Assert.Equal("Återremitterad", moved.Value("States[2].Name"));
        Assert.Equal("Beslutad", moved.Value("States[3].Name"));

        var withActivity = moved.With("Transitions[0].NewActivityKind", "startTimer").With("Op", "add:Transitions[0].Activities");
        var timerPage = await (await PostAsync(admin, $"{Base}/{type}", withActivity)).Content.ReadAsStringAsync();
        var timer = HtmlForm.Read(timerPage, "workflow-form");
        Assert.Equal("startTimer", timer.Value("Transitions[0].Activities[0].Kind"));
        Assert.Equal("Remind", timer.Value("Transitions[0].Activities[0].Action"));

        // Removing a state leaves the transitions that used it asking for a new one, their text intact.
        var removed = HtmlForm.Read(await (await PostAsync(admin, $"{Base}/{type}", timer.With("Op", "remove:States[1]"))).Content.ReadAsStringAsync(), "workflow-form");
        Assert.DoesNotContain(removed, f => f.Name == "States[3].Name");
        Assert.Equal("", removed.Value("Transitions[0].To"));
        Assert.Equal("Påbörja bedömning", removed.Value("Transitions[0].Label"));
        Assert.Empty(await portal.HistoryAsync(type));
    }

    [Fact]
    public async Task Export_then_import_round_trips_and_a_bad_import_saves_nothing_and_keeps_the_text()
    {
        var type = await portal.TypeAsync("WfExport");
        var copy = await portal.TypeAsync("WfImport");
        var admin = await portal.AdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"{Base}/{type}", (await EditorFormAsync(admin, type)).With("Op", "save"))).StatusCode);

        var export = await admin.PostFieldsAsync($"{Base}/{type}", $"{Base}/{type}/exportera", []);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"arbetsflode-{type}-v1.json", export.Content.Headers.ContentDisposition!.ToString());
        var json = await export.Content.ReadAsStringAsync();
        Assert.Contains("\"kind\": \"sendMail\"", json);
        Assert.Contains("\"displayName\": \"Handläggning av förbättringsförslag\"", json);

        // Broken JSON: refused, nothing saved, the text is still in the box.
        var broken = await admin.PostFieldsAsync($"{Base}/{copy}/importera", $"{Base}/{copy}/importera", [("Json", json[..^10])]);
        var brokenPage = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());
        Assert.Contains("Texten är ingen arbetsflödesdefinition i JSON", brokenPage);
        Assert.Contains("Handläggning av förbättringsförslag", brokenPage);

        // Valid JSON, invalid workflow: each problem listed, nothing saved.
        var invalid = json.Replace("\"initialState\": \"Inskickad\"", "\"initialState\": \"Finns inte\"", StringComparison.Ordinal);
        var invalidPage = WebUtility.HtmlDecode(await (await admin.PostFieldsAsync($"{Base}/{copy}/importera", $"{Base}/{copy}/importera", [("Json", invalid)])).Content.ReadAsStringAsync());
        Assert.Contains("Välj vilket steg ett inskickat ärende börjar i.", invalidPage);
        Assert.Empty(await portal.HistoryAsync(copy));

        // A file upload of the export becomes the other type's version 1, equal apart from the type.
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "File", "arbetsflode.json" } };
        var imported = await admin.PostMultipartAsync($"{Base}/{copy}/importera", $"{Base}/{copy}/importera", content);
        Assert.Contains("Definitionen är importerad och sparad som version 1.", await admin.FollowAsync(imported));
        var original = (await portal.VersionAsync(type, 1))!;
        var result = (await portal.VersionAsync(copy, 1))!;
        Assert.Equal(copy, result.ContentType);
        result.ContentType = original.ContentType;
        Assert.Equal(WorkflowDefinitionStore.Serialize(original), WorkflowDefinitionStore.Serialize(result));

        // Importing the same definition again changes nothing.
        var again = await admin.PostFieldsAsync($"{Base}/{copy}/importera", $"{Base}/{copy}/importera", [("Json", json)]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(await portal.HistoryAsync(copy));
    }

    [Fact]
    public async Task Switching_off_and_on_makes_versions_and_the_editor_says_saving_switches_it_on()
    {
        var type = await portal.TypeAsync("WfAvPa");
        var admin = await portal.AdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"{Base}/{type}", (await EditorFormAsync(admin, type)).With("Op", "save"))).StatusCode);

        var off = await admin.PostFieldsAsync($"{Base}/{type}", $"{Base}/{type}/stang-av", []);
        var page = await admin.FollowAsync(off);
        Assert.Contains("är avstängt", page);
        Assert.Contains("Spara och slå på", page);
        Assert.Contains(">Nej, avstängt<", await admin.GetStringAsync(Base));
        var history = await portal.HistoryAsync(type);
        Assert.Equal([false, true], history.Select(h => h.Enabled));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFieldsAsync($"{Base}/{type}", $"{Base}/{type}/sla-pa", [])).StatusCode);
        Assert.True((await portal.HistoryAsync(type))[0].Enabled);
        var events = await portal.QueryAsync(db => db.Set<AuditEvent>().Where(e => e.SubjectId == type && e.Category == "Arbetsflöden").CountAsync());
        Assert.Equal(3, events);
    }

    [Fact]
    public async Task The_editor_page_allows_styles_only_with_its_own_nonce_and_other_pages_keep_the_strict_policy()
    {
        var type = await portal.TypeAsync("WfCsp");
        var admin = await portal.AdminAsync();
        var response = await admin.GetAsync($"{Base}/{type}");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var html = await response.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains($"nonce=\"{nonce}\"", html);
        Assert.Contains("/_content/Kvalitetsportal.Workflows/lib/mermaid/mermaid.min.js", html);
        Assert.Contains("flowchart TD", html);

        var second = (await admin.GetAsync($"{Base}/{type}")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain(nonce, second); // a new nonce for every response

        var list = (await admin.GetAsync(Base)).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'self';", list);
        Assert.DoesNotContain("nonce", list);
    }

    [Fact]
    public async Task Someone_without_ManageWorkflows_is_refused_every_page_and_post()
    {
        var type = await portal.TypeAsync("WfBehorighet");
        var employee = PortalClient.Create(portal);
        await employee.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        foreach (var url in new[] { Base, $"{Base}/{type}", $"{Base}/{type}/versioner", $"{Base}/{type}/importera", $"{Base}/{type}/flytta" })
        {
            Assert.True((await employee.GetAsync(url)).IsForbidden(), url);
        }

        var token = await employee.GetAntiforgeryTokenAsync("/");
        foreach (var url in new[] { $"{Base}/{type}", $"{Base}/{type}/exportera", $"{Base}/{type}/sla-pa", $"{Base}/{type}/importera", $"{Base}/{type}/flytta" })
        {
            var post = await PostAsync(employee, url, [("Op", "save"), ("DisplayName", "x"), ("__RequestVerificationToken", token)]);
            Assert.True(post.IsForbidden(), url);
        }

        Assert.Empty(await portal.HistoryAsync(type));
        var anonymous = await PortalClient.Create(portal).GetAsync(Base);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/konto/logga-in", anonymous.Headers.Location!.OriginalString);
    }
}
