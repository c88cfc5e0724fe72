using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.PublicDuties;

/// <summary>
/// Issue 20: the accessibility statement is a footer link away on every page and its report form works
/// by keyboard with an error summary; a person's register extract and the administrator's erasure form
/// pass axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicDutiesJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Anyone_reaches_the_accessibility_statement_from_the_footer_and_reports_a_barrier(bool phone)
    {
        var page = await browser.NewPageAsync(phone);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Tillgänglighetsredogörelse" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tillgänglighetsredogörelse");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Hur når vi dig om du vill ha svar? (frivilligt)").FillAsync("svar@example.se");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka rapporten" }).ClickAsync();
        var summary = page.Locator("#error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Beskriv vad som inte fungerade.");
        await Assertions.Expect(page.GetByLabel("Hur når vi dig om du vill ha svar? (frivilligt)")).ToHaveValueAsync("svar@example.se");
        await page.AssertAccessibleAsync();

        await summary.GetByRole(AriaRole.Link, new() { Name = "Beskriv vad som inte fungerade." }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Vad fungerade inte?")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Diagrammet på startsidan saknar textalternativ.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka rapporten" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Tack! Din rapport har skickats");
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_employee_reads_their_register_extract_and_an_administrator_sees_what_erasure_keeps()
    {
        var anna = await browser.NewPageAsync();
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Mina personuppgifter" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mina personuppgifter");
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Name = "Konto (1)" })).ToBeVisibleAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Link, new() { Name = "Ladda ner registerutdraget (JSON)" })).ToBeVisibleAsync();
        await anna.AssertAccessibleAsync();
        await anna.Context.CloseAsync();

        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await admin.GotoAsync("/admin/personuppgifter");
        await admin.GetByLabel("Sök på namn eller e-postadress").FillAsync(PortalFactory.EmployeeEmail);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sök" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Anna Andersson" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Personuppgifter om Anna Andersson");
        await admin.AssertAccessibleAsync();

        // Erasure is never one click: without the confirmation nothing happens and the summary says why.
        await admin.GetByLabel("Begäran (t.ex. diarienummer)").FillAsync("KS 2026/77");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Radera och pseudonymisera" }).ClickAsync();
        var summary = admin.Locator("#error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Kryssa i att du har läst vad som raderas och vad som sparas.");
        await Assertions.Expect(admin.GetByLabel("Begäran (t.ex. diarienummer)")).ToHaveValueAsync("KS 2026/77");
        await admin.AssertAccessibleAsync();
        await admin.Context.CloseAsync();
    }
}
