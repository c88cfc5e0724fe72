using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// The documents block's "Done when" in the browser: an administrator uploads a Word template for
/// "Förbättringsförslag" (first one with a misspelt field, refused with a Swedish message), an
/// employee downloads the filled .docx from her item's page, and the test opens it with the OpenXml
/// SDK to read the merged text and the history rows. axe (WCAG 2.1 AA) runs on every page visited.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class DocumentJourneyTests(WorkflowBrowserFixture browser)
{
    private const string Title = "Bänkar längs promenadslingan vid Åsen";
    private const string Purpose = "Beslut vid beslutspunkt";

    [Fact]
    public async Task An_administrator_uploads_a_template_and_an_employee_downloads_it_filled()
    {
        // 1. The administrator uploads a template with a misspelt field: refused, what was typed kept.
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await admin.GotoAsync("/admin/dokumentmallar");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dokumentmallar");
        await admin.AssertAccessibleAsync();
        await admin.GetByLabel("Innehållstyp").SelectOptionAsync(new SelectOptionValue { Label = "Förbättringsförslag" });
        await admin.GetByLabel("Syfte").FillAsync(Purpose);
        await admin.GetByLabel("Word-mall (.docx)").SetInputFilesAsync(new FilePayload
        {
            Name = "felstavad.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = DocxFiles.Build([["Beslut om {{ item.titel }}"]]),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ladda upp mallen" }).ClickAsync();
        var summary = admin.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Fältet {{ item.titel }} finns inte för Förbättringsförslag");
        await Assertions.Expect(admin.GetByLabel("Syfte")).ToHaveValueAsync(Purpose);
        await admin.AssertAccessibleAsync();

        // 2. The corrected template is saved.
        await admin.GetByLabel("Word-mall (.docx)").SetInputFilesAsync(new FilePayload
        {
            Name = "beslut.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = DocxFiles.DecisionTemplate(),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ladda upp mallen" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Mallen \"{Purpose}\" för Förbättringsförslag är sparad.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = Purpose })).ToContainTextAsync("beslut.docx");
        await admin.AssertAccessibleAsync();

        // 3. Anna submits an item and downloads the document from its page.
        var anna = await browser.NewPageAsync();
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/innehall/Forbattringsforslag/ny");
        await anna.GetByLabel("Rubrik").FillAsync(Title);
        await anna.GetByLabel("Beskriv förslaget").FillAsync("Äldre vill vila på vägen & njuta av utsikten.");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        var link = anna.GetByRole(AriaRole.Link, new() { Name = $"Hämta dokument: {Purpose}" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await anna.AssertAccessibleAsync();
        var download = await anna.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith(Purpose, download.SuggestedFilename, StringComparison.Ordinal);

        // 4. The file opens with the OpenXml SDK and reads as the item: title, text, owner, state, history.
        var path = await download.PathAsync();
        var docx = await File.ReadAllBytesAsync(path);
        var paragraphs = DocxFiles.Paragraphs(docx);
        Assert.Equal($"Beslut om {Title}", paragraphs[0]);
        Assert.Equal("Förslaget: Äldre vill vila på vägen & njuta av utsikten.", paragraphs[1]);
        Assert.StartsWith("Inskickat av Anna Andersson", paragraphs[2], StringComparison.Ordinal);
        Assert.Equal("Steg: Inskickad", paragraphs[3]);
        var rows = DocxFiles.TableRows(docx);
        Assert.Equal(2, rows.Count);
        Assert.Equal("Anna Andersson", rows[1][1]);
        Assert.Equal("Inskickad", rows[1][2]);

        await anna.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
