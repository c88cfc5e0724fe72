using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Testing;
using Kvalitetsportal.Workflows.Decisions;
using Kvalitetsportal.Workflows.Runtime;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Workflows.WorkflowSteps;

namespace Kvalitetsportal.IntegrationTests.Decisions;

public sealed class DecisionTests(DecisionPortal portal) : IClassFixture<DecisionPortal>
{
    private const string Type = DecisionPortal.DecisionType;

    [Fact]
    public async Task A_module_adds_an_activity_kind_that_runs_validates_round_trips_and_shows_in_the_editor()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Stämpla mig", type: Type);

        // The module's handler ran inside the submission's commit.
        Assert.Equal("Mottagen (Ny)", (string?)(await LatestAsync(portal, id)).GetData()["stampel"]);

        // The definition keeps the kind through the store's JSON (recipes, exports).
        await using var scope = portal.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>();
        var definition = (await store.GetCurrentAsync(Type))!.Value.Definition;
        var json = WorkflowDefinitionStore.Serialize(definition);
        Assert.Contains("\"kind\": \"test.stamp\"", json);
        var stamp = Assert.IsType<StampActivity>(WorkflowDefinitionStore.Parse(json).States[0].Activities[0]);
        Assert.Equal("stampel", stamp.Field);

        // Its validation (its own and its required editor fields) runs when a definition is saved.
        var type = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(Type))!;
        var broken = WorkflowDefinitionStore.Parse(json);
        ((StampActivity)broken.States[0].Activities[0]).Field = "";
        var problems = WorkflowDefinitionValidator.Validate(broken, type, new HashSet<string> { "Bedömare" }, new Dictionary<string, ContentTypeDefinition> { [Type] = type });
        Assert.Contains(problems, p => p.Path == "states[0].activities[0].field" && p.Message.Contains("saknar fält som stämplas", StringComparison.Ordinal));
        ((StampActivity)broken.States[0].Activities[0]).Field = "finns-inte";
        problems = WorkflowDefinitionValidator.Validate(broken, type, new HashSet<string> { "Bedömare" }, new Dictionary<string, ContentTypeDefinition> { [Type] = type });
        Assert.Contains(problems, p => p.Path == "states[0].activities[0].field" && p.Message.Contains("fältet \"finns-inte\" finns inte", StringComparison.Ordinal));

        // The editor offers it and shows its fields.
        var admin = await SignInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var editor = Decode(await admin.GetStringAsync($"/admin/arbetsfloden/{Type}"));
        Assert.Contains("Stämpla ärendet", editor);
        Assert.Contains("Fält som stämplas", editor);
        Assert.Contains("name=\"States[0].Activities[0].Settings[field]\"", editor);
    }

    [Fact]
    public async Task A_decision_is_checked_recorded_with_its_transition_shown_searchable_exported_and_audited()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
        var id = await SubmitAsync(anna, "Ny lekplats i Norrby", type: Type);
        var page = Detail(id, Type);

        // The form asks for the decision, with the administrator's outcomes.
        var form = Decode(await bertil.GetStringAsync(page));
        Assert.Contains("Beslutande organ eller person", form);
        Assert.Contains("<option value=\"Godkänd med villkor\">", form);
        Assert.Contains("enctype=\"multipart/form-data\"", form);

        // Bad input: clear Swedish errors, nothing typed is lost, nothing stored.
        var bad = await PostAsync(bertil, id, page, ("Decision.DeciderKind", "Body"), ("Decision.DecidedBy", ""), ("Decision.Date", "2999-01-01"), ("Decision.Paragraph", "§ 7"), ("Decision.Outcome", "Kanske"), ("Decision.Conditions", "Inom budget för 2026"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var errors = Decode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Skriv vilket organ som beslutade", errors);
        Assert.Contains("Beslutsdatum kan inte vara i framtiden.", errors);
        Assert.Contains("Välj beslutets utfall i listan.", errors);
        Assert.Contains("href=\"#Decision_DecidedBy\"", errors);
        Assert.Contains("Inom budget för 2026", errors);
        Assert.Contains("value=\"§ 7\"", errors);
        Assert.Equal("Ny", (await LatestAsync(portal, id)).WorkflowState);
        Assert.Empty(await DecisionsAsync(id));

        // A file that is not what it says is refused before anything is stored.
        var fake = await PostAsync(bertil, id, page, [.. Good()], ("protokoll.pdf", "MZ inte en pdf"u8.ToArray()));
        Assert.Contains("Välj filerna igen.", Decode(await fake.Content.ReadAsStringAsync()));
        Assert.Empty(await DecisionsAsync(id));

        // Only who may take the transition may record its decision.
        var refused = await PostAsync(anna, id, page, [.. Good()]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(await DecisionsAsync(id));

        var taken = await PostAsync(bertil, id, page, [.. Good()], ("protokoll §12.pdf", "%PDF-1.4 justerat protokoll"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);

        // One commit: the state, the history entry and the decision pointing at it.
        Assert.Equal("Beslutad", (await LatestAsync(portal, id)).WorkflowState);
        var history = await HistoryAsync(portal, id);
        var decision = Assert.Single(await DecisionsAsync(id));
        Assert.Equal(history[^1].Id, decision.HistoryEntryId);
        Assert.Equal(DeciderKind.Body, decision.DeciderKind);
        Assert.Equal("Kommunstyrelsen", decision.DecidedBy);
        Assert.Equal(new DateOnly(2026, 3, 15), decision.Date);
        Assert.Equal("§ 12", decision.Paragraph);
        Assert.Equal("Godkänd med villkor", decision.Outcome);
        Assert.Equal("Inom budget för 2026", decision.Conditions);
        var file = Assert.Single(decision.Attachments);
        Assert.Equal("protokoll §12.pdf", file.Name);

        // Shown in the history, with the protocol to download for those who may open the item.
        var shown = Decode(await anna.GetStringAsync(page));
        Assert.Contains("Beslut: Godkänd med villkor", shown);
        Assert.Contains("Kommunstyrelsen 2026-03-15 § 12: Godkänd med villkor", shown);
        Assert.Contains("Villkor: Inom budget för 2026", shown);
        var download = await anna.Http.GetAsync($"{page}/arbetsflode/beslut/{decision.Id}/filer/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("%PDF-1.4 justerat protokoll", await download.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anna.Http.GetAsync($"{page}/arbetsflode/beslut/{decision.Id}/filer/{new string('0', 32)}")).StatusCode);

        // Exported through the API, searchable, and in the audit log.
        var exported = await bertil.Http.GetFromJsonAsync<JsonElement>($"/api/content/{Type}/{id}/workflow/decisions");
        Assert.Equal("§ 12", exported[0].GetProperty("paragraph").GetString());
        await using var scope = portal.CreateScope();
        var decisionFacts = scope.ServiceProvider.GetServices<Kvalitetsportal.Contents.Items.IContentItemFacts>().Single(f => f.Label == "Beslut");
        Assert.Contains("Kommunstyrelsen", (await decisionFacts.GetAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), [id], default))[id]);
        var audit = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.SubjectId == id && e.Action == DecisionRecorder.AuditAction).ToListAsync();
        Assert.Contains("Godkänd med villkor", Assert.Single(audit).Changes);

        // A document from the type's template carries the decision: the latest in one line, each as a table row.
        var admin = await SignInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var template = DocxFiles.Build(
            [["Beslut: {{ decision.latest }}"], ["Villkor: {{ decision.conditions }}"], ["Fakta: {{ facts.beslut }}"]],
            [["{{ decisions.by }}", "{{ decisions.paragraph }}", "{{ decisions.outcome }}"]]);
        Assert.Equal(HttpStatusCode.Redirect, (await Documents.DocumentTests.UploadAsync(admin, Type, "Protokollsutdrag", template)).StatusCode);
        var link = Documents.DocumentTests.DocumentLink().Match(Decode(await anna.Http.GetStringAsync(page)));
        Assert.True(link.Success, "The item page links to the document.");
        var docx = await anna.Http.GetByteArrayAsync(link.Groups[1].Value);
        var paragraphs = DocxFiles.Paragraphs(docx);
        Assert.Equal("Beslut: Kommunstyrelsen 2026-03-15 § 12: Godkänd med villkor", paragraphs[0]);
        Assert.Equal("Villkor: Inom budget för 2026", paragraphs[1]);
        Assert.StartsWith("Fakta: Kommunstyrelsen 2026-03-15 § 12: Godkänd med villkor", paragraphs[2], StringComparison.Ordinal);
        Assert.Equal(["Kommunstyrelsen", "§ 12", "Godkänd med villkor"], Assert.Single(DocxFiles.TableRows(docx)));

        // The administrator keeps the outcomes; a decision made keeps the words it had.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostFieldsAsync("/admin/beslutsutfall", "/admin/beslutsutfall", [("Outcomes", "Bifall\nBifall")])).StatusCode);
        var saved = await admin.PostFieldsAsync("/admin/beslutsutfall", "/admin/beslutsutfall", [("Outcomes", "Bifall\n\nAvslag\n")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["Bifall", "Avslag"], await scope.ServiceProvider.GetRequiredService<IDecisionQuery>().OutcomesAsync());
        Assert.Equal("Godkänd med villkor", Assert.Single(await DecisionsAsync(id)).Outcome);
        Assert.True((await bertil.GetAsync("/admin/beslutsutfall")).IsForbidden());
    }

    private static IEnumerable<(string, string)> Good() =>
    [
        ("Decision.DeciderKind", "Body"), ("Decision.DecidedBy", "Kommunstyrelsen"), ("Decision.Date", "2026-03-15"), ("Decision.Paragraph", "§ 12"),
        ("Decision.Outcome", "Godkänd med villkor"), ("Decision.Conditions", "Inom budget för 2026"),
    ];

    private static Task<HttpResponseMessage> PostAsync(PortalClient client, string id, string page, params (string Name, string Value)[] fields) =>
        PostAsync(client, id, page, fields, null);

    private static async Task<HttpResponseMessage> PostAsync(PortalClient client, string id, string page, (string Name, string Value)[] fields, (string Name, byte[] Bytes)? file)
    {
        var html = await client.GetStringAsync(page);
        var content = new MultipartFormDataContent
        {
            { new StringContent("besluta"), "Transition" },
            { new StringContent(""), "Comment" },
        };
        if (RevisionOf(html) is int revision)
        {
            content.Add(new StringContent(revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Revision");
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            content.Add(new ByteArrayContent(f.Bytes), "attachments", f.Name);
        }

        return await client.PostMultipartAsync(page, page + "/arbetsflode", content);
    }

    private async Task<IReadOnlyList<DecisionView>> DecisionsAsync(string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IDecisionQuery>().ForItemAsync(id);
    }
}
