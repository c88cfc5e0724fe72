using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.Documents.Data;
using Kvalitetsportal.Documents.Merging;
using Kvalitetsportal.Documents.Templates;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.IntegrationTests.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Workflows.WorkflowSteps;

namespace Kvalitetsportal.IntegrationTests.Documents;

/// <summary>
/// The issue's documents block: an administrator uploads a Word template for "Förbättringsförslag",
/// a reader of an item downloads it filled with the item's fields and workflow history (read back
/// with the OpenXml SDK), someone who may not read the item gets 404, and a template that cannot
/// be used is refused with Swedish messages, never a 500, and nothing saved.
/// </summary>
public sealed partial class DocumentTests(SuggestionPortal portal) : IClassFixture<SuggestionPortal>
{
    private const string Admin = "/admin/dokumentmallar";

    [Fact]
    public async Task A_reader_downloads_the_template_filled_with_the_items_fields_and_history_and_others_get_404()
    {
        await portal.ArrangeAsync();
        var admin = await SignInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var purpose = "Beslut vid beslutspunkt " + Guid.NewGuid().ToString("N")[..6];
        var uploaded = await UploadAsync(admin, WorkflowPortal.Type, purpose, DocxFiles.DecisionTemplate());
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Contains("är sparad", Decode(await admin.GetStringAsync(Admin)));

        // Anna submits; the assessor moves it on and decides with a comment full of XML's special characters.
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
        const string title = "Ramper vid <entrén> & hissen";
        var id = await SubmitAsync(anna, title, "Rullstolar kommer inte in.\nBarnvagnar inte heller.");
        Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, id, "bedom")).StatusCode);
        const string comment = "Beviljas – budget \"2027\" <ok> & klart";
        Assert.Equal(HttpStatusCode.Redirect, (await TakeAsync(bertil, id, "genomfors", comment)).StatusCode);

        // The item page offers the document; the link downloads the filled .docx.
        var page = Decode(await anna.GetStringAsync(Detail(id)));
        Assert.Contains($"Hämta dokument: {purpose}", page);
        var link = DocumentLink().Match(page);
        Assert.True(link.Success, "The item page links to the document.");
        var response = await anna.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var docx = await response.Content.ReadAsByteArrayAsync();

        var paragraphs = DocxFiles.Paragraphs(docx);
        Assert.Equal($"Beslut om {title}", paragraphs[0]);
        Assert.Equal("Förslaget: Rullstolar kommer inte in.Barnvagnar inte heller.", paragraphs[1]); // a line break is a w:br, not text
        Assert.Matches(@"^Inskickat av Anna .+ \(.+\), referens [0-9A-F]{8}$", paragraphs[2]);
        Assert.Equal("Steg: Genomförs", paragraphs[3]);
        Assert.DoesNotContain(paragraphs, p => p.Contains("{{", StringComparison.Ordinal));

        var rows = DocxFiles.TableRows(docx);
        Assert.Equal(["Datum", "Vem", "Till steg", "Kommentar"], rows[0]);
        Assert.Equal(4, rows.Count); // the header and one row per history entry
        Assert.Equal(["Inskickad", "Under bedömning", "Genomförs"], rows.Skip(1).Select(r => r[2]));
        Assert.Equal(comment, rows[3][3]);
        Assert.Equal(WorkflowPortal.AssessorName, rows[3][1]);
        Assert.Matches(@"^\d{1,2} [a-zåäö]+ \d{4} \d{2}:\d{2}$", rows[1][0]); // Swedish: "3 december 2026 14:05"

        // The assessor reads every item and gets it too; the manager may not read Anna's item: 404, as the page.
        Assert.Equal(HttpStatusCode.OK, (await bertil.GetAsync(link.Groups[1].Value)).StatusCode);
        var karl = await SignInAsync(portal, PortalFactory.ManagerEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.GetAsync(Detail(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.GetAsync(link.Groups[1].Value)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync(link.Groups[1].Value.Replace(id, new string('0', 32), StringComparison.Ordinal))).StatusCode);

        // Each document made is in the audit log, on the item.
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(2, await db.Set<AuditEvent>().CountAsync(e => e.Action == AuditActions.DocumentCreated && e.SubjectId == id));
    }

    [Fact]
    public async Task A_template_that_cannot_be_used_is_refused_with_swedish_messages_and_nothing_is_saved()
    {
        await portal.ArrangeAsync();
        var admin = await SignInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var purpose = "Återkoppling till sökande " + Guid.NewGuid().ToString("N")[..6];

        async Task<string> RefusedAsync(byte[] file, string fileName, string type = WorkflowPortal.Type)
        {
            var response = await UploadAsync(admin, type, purpose, file, fileName);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = Decode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Det finns fel i formuläret", html);
            Assert.Contains($"value=\"{purpose}\"", html); // what was typed is kept
            return html;
        }

        var unknown = await RefusedAsync(DocxFiles.Build([["Hej {{ item.titel }} och {{ item.title }}"], ["{{ x y }}"], ["Trasigt {{ item.title }"]]), "mall.docx");
        Assert.Contains("Fältet {{ item.titel }} finns inte för Förbättringsförslag", unknown);
        Assert.Contains("\"{{ x y }}\" är inte ett fältnamn", unknown);
        Assert.Contains("saknar en av klamrarna", unknown);

        Assert.Contains("Words äldre format (.doc)", await RefusedAsync([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2], "gammal.doc"));
        Assert.Contains("stämmer inte med filtypen .docx", await RefusedAsync("inte ett dokument"u8.ToArray(), "text.docx"));
        Assert.Contains("kunde inte läsas som ett Word-dokument", await RefusedAsync([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6], "trasig.docx"));
        Assert.Contains("är för stor", await RefusedAsync(new byte[TemplateCheck.MaxBytes + 1], "stor.docx"));
        Assert.Contains("Mallen har inga fält", await RefusedAsync(DocxFiles.Build([["Bara text"]]), "tom.docx"));
        Assert.Contains("Fältet {{ nope.date }} finns inte", await RefusedAsync(DocxFiles.Build([["{{ item.title }}"]], [["{{ history.date }}", "{{ nope.date }}"]]), "tabell.docx"));

        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.Set<DocumentTemplate>().AnyAsync(t => t.Purpose == purpose));
    }

    [Fact]
    public async Task Only_administrators_manage_templates()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        Assert.True((await anna.GetAsync(Admin)).IsForbidden());
        var admin = await SignInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var page = Decode(await admin.GetStringAsync(Admin));
        Assert.Contains("{{ item.beskrivning }}", page);
        Assert.Contains("{{ history.comment }}", page);
    }

    [Fact]
    public void A_list_repeats_its_paragraph_outside_a_table_and_a_row_may_use_one_list_only()
    {
        IReadOnlyList<DocumentField> fields =
        [
            new("item.title", "Titel"),
            new("history.to", "Till steg", "history"),
            new("decisions.outcome", "Utfall", "decisions"),
        ];
        var mixed = TemplateCheck.Check(DocxFiles.Build([["{{ item.title }}"]], [["{{ history.to }}", "{{ decisions.outcome }}"]]), "mall.docx", "Projekt", fields);
        Assert.Contains(mixed.Errors, e => e.Contains("två listor (history och decisions)", StringComparison.Ordinal));

        var template = DocxFiles.Build([["Titel: ", "{{ item.ti", "tle }} & mer"], ["– ", "{{ history.to }}"], ["Slut"]]);
        Assert.True(TemplateCheck.Check(template, "mall.docx", "Projekt", fields).IsValid);
        var data = new DocumentData();
        data.Set("item.title", "<Ramper> & \"hissar\"");
        data.AddRow("history", new Dictionary<string, string> { ["history.to"] = "Inskickad" });
        data.AddRow("history", new Dictionary<string, string> { ["history.to"] = "Klar" });
        var merged = DocxMerger.Merge(template, data, new HashSet<string> { "history", "decisions" });
        Assert.Equal(["Titel: <Ramper> & \"hissar\" & mer", "– Inskickad", "– Klar", "Slut"], DocxFiles.Paragraphs(merged));
    }

    internal static async Task<HttpResponseMessage> UploadAsync(PortalClient client, string type, string purpose, byte[] file, string fileName = "beslut.docx")
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(type), "Form.ContentType" },
            { new StringContent(purpose), "Form.Purpose" },
        };
        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        content.Add(fileContent, "Form.File", fileName);
        return await client.PostMultipartAsync(Admin, Admin, content);
    }

    [GeneratedRegex("href=\"(/dokument/[^\"]+)\"")]
    internal static partial Regex DocumentLink();
}
