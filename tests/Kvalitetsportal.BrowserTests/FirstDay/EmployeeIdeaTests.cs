using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.FirstDay;

/// <summary>
/// Issue 22, "Employee": a pasted long title is not cut silently; the attachment is on the idea's own
/// page; she corrects her idea with "Ändra" while it is "Inskickad", and not once it is being screened.
/// </summary>
[Collection(FirstDayBrowserCollection.Name)]
public sealed class EmployeeIdeaTests(FirstDayBrowserFixture browser)
{
    private const string Coordinator = "sara.samordnare@kvalitetsportal.local";

    [Fact]
    public async Task Anna_is_told_what_of_a_long_title_does_not_fit_sees_her_attachment_and_corrects_her_idea()
    {
        var anna = await browser.OpenAsync(phone: true);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/ideer/ny");
        await Assertions.Expect(anna.GetByText("Högst 300 tecken.")).ToBeVisibleAsync();

        // She pastes a title of 320 characters: all of it stays in the box, and she is told what does not fit.
        var title = "Skyltar " + Guid.NewGuid().ToString("N")[..8] + " " + new string('a', 280);
        var pasted = title + " SLUTET-SOM-INTE-RYMS";
        await anna.GetByLabel("Rubrik på idén").FillAsync(pasted);
        await Assertions.Expect(anna.GetByLabel("Rubrik på idén")).ToHaveValueAsync(pasted);
        await anna.GetByLabel("Vilket problem vill du lösa?").FillAsync("Besökare hittar inte till mottagningen.");
        await anna.GetByLabel("För vem?").FillAsync("Besökare.");
        await anna.GetByLabel("Ditt förslag").FillAsync("Sätt upp skyltar vid entrén.");
        await anna.GetByLabel("Bilagor").SetInputFilesAsync(new FilePayload { Name = "skiss.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%skiss\n"u8.ToArray() });
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka in idén" }).ClickAsync();

        var summary = anna.GetByRole(AriaRole.Alert).Filter(new() { Has = anna.GetByRole(AriaRole.Heading, new() { Name = "Det finns fel i formuläret" }) });
        await Assertions.Expect(summary).ToContainTextAsync($"Rubrik på idén får vara högst 300 tecken (nu {pasted.Length}).");
        await Assertions.Expect(summary).ToContainTextAsync("Det här ryms inte: \"" + pasted[300..] + "\"");
        await Assertions.Expect(anna.GetByLabel("Rubrik på idén")).ToHaveValueAsync(pasted);
        await anna.AssertAccessibleAsync();

        // She shortens it and sends; the file she chose was kept across the error.
        await anna.GetByLabel("Rubrik på idén").FillAsync(title);
        await Assertions.Expect(anna.GetByText("skiss.pdf (1 kB)")).ToBeVisibleAsync();
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka in idén" }).ClickAsync();
        await anna.GetByRole(AriaRole.Link, new() { Name = "Se din idé" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        var ideaPath = new Uri(anna.Url).AbsolutePath;

        // The attachment is on the idea page itself, and downloads.
        var attachments = anna.GetByRole(AriaRole.List, new() { Name = "Bilagor" });
        var href = await attachments.GetByRole(AriaRole.Link, new() { Name = "skiss.pdf" }).GetAttributeAsync("href");
        var file = await anna.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, file.Status);
        Assert.StartsWith("%PDF-1.4", await file.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("skiss.pdf", file.Headers["content-disposition"], StringComparison.Ordinal);

        // While it is "Inskickad" she may correct it.
        await anna.GetByRole(AriaRole.Link, new() { Name = "Ändra", Exact = true }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ändra din idé");
        await Assertions.Expect(anna.GetByLabel("Ditt förslag")).ToHaveValueAsync("Sätt upp skyltar vid entrén.");
        await Assertions.Expect(anna.GetByLabel("Gott exempel i idébanken")).ToHaveCountAsync(0);
        await anna.AssertAccessibleAsync();
        await anna.GetByLabel("Ditt förslag").FillAsync("Sätt upp skyltar vid entrén och i hissen.");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Spara ändringarna" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ändringarna är sparade.");
        await Assertions.Expect(anna.Locator("main")).ToContainTextAsync("Sätt upp skyltar vid entrén och i hissen.");
        await Assertions.Expect(attachments.GetByRole(AriaRole.Link, new() { Name = "skiss.pdf" })).ToBeVisibleAsync();
        await anna.AssertAccessibleAsync();

        // Once the coordinator has started screening it, the workflow no longer lets the giver edit.
        var sara = await browser.OpenAsync(phone: false);
        await sara.SignInAsync(Coordinator, PortalFactory.SamplePassword);
        await sara.GotoAsync(ideaPath);
        await sara.GetByRole(AriaRole.Region, new() { Name = "Ärendets gång" }).GetByRole(AriaRole.Button, new() { Name = "Börja pröva", Exact = true }).ClickAsync();
        await Assertions.Expect(sara.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ärendet har gått vidare till \"Under prövning\".");

        await anna.GotoAsync(ideaPath);
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(anna.GetByRole(AriaRole.Link, new() { Name = "Ändra", Exact = true })).ToHaveCountAsync(0);
        Assert.Equal(403, (await anna.GotoAsync(ideaPath + "/andra"))!.Status);
        await anna.Context.CloseAsync();
        await sara.Context.CloseAsync();
    }
}
