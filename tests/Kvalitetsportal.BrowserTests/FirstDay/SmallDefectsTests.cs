using System.Text.RegularExpressions;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.FirstDay;

/// <summary>Issue 22, "What independent tools found": each a small defect, checked as a browser (or a validator) meets it.</summary>
[Collection(FirstDayBrowserCollection.Name)]
public sealed partial class SmallDefectsTests(FirstDayBrowserFixture browser)
{
    [Fact]
    public async Task Pages_have_valid_times_no_leaked_text_element_a_favicon_and_cached_compressed_files()
    {
        var anna = await browser.OpenAsync(phone: false);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);

        // Her idea: every <time datetime> has at most three fraction digits (the W3C validator's rule).
        var title = "Tidsstämplar " + Guid.NewGuid().ToString("N")[..6];
        await anna.GotoAsync("/ideer/ny");
        await anna.GetByLabel("Rubrik på idén").FillAsync(title);
        await anna.GetByLabel("Vilket problem vill du lösa?").FillAsync("Klockan går fel.");
        await anna.GetByLabel("För vem?").FillAsync("Alla.");
        await anna.GetByLabel("Ditt förslag").FillAsync("Ställ klockan.");

        // The unit picker shows the hierarchy: units under another are marked, not only indented with spaces.
        var units = await anna.GetByLabel("Enhet").Locator("option").AllInnerTextsAsync();
        Assert.Contains(units, u => u.Contains('└', StringComparison.Ordinal));
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka in idén" }).ClickAsync();
        await anna.GetByRole(AriaRole.Link, new() { Name = "Se din idé" }).ClickAsync();
        var times = await anna.Locator("time").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('datetime'))");
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Matches(ValidTime(), t));

        // The list's export links: no stray <text> element between them.
        await anna.GotoAsync("/innehall/Ide");
        var exports = anna.Locator("p.export-links");
        await Assertions.Expect(exports.GetByRole(AriaRole.Link, new() { Name = "Exportera till Excel" })).ToBeVisibleAsync();
        await Assertions.Expect(exports.Locator("text")).ToHaveCountAsync(0);
        await Assertions.Expect(exports).ToHaveTextAsync(new Regex(@"^\s*Exportera till Excel\s*·\s*Exportera till CSV\s*$"));

        // The page is compressed; the fingerprinted style sheet is cached for a year; /favicon.ico answers.
        var page = await anna.GotoAsync("/");
        Assert.Contains((await page!.AllHeadersAsync()).GetValueOrDefault("content-encoding") ?? "", new[] { "br", "gzip" });
        var cssHref = await anna.Locator("link[rel=stylesheet]").First.GetAttributeAsync("href");
        Assert.Contains("?v=", cssHref, StringComparison.Ordinal);
        var css = await anna.GotoAsync(cssHref!);
        var cssHeaders = await css!.AllHeadersAsync();
        Assert.Equal("public, max-age=31536000, immutable", cssHeaders["cache-control"]);
        Assert.Contains(cssHeaders.GetValueOrDefault("content-encoding") ?? "", new[] { "br", "gzip" });
        var icon = await anna.Context.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, icon.Status);
        Assert.Equal("image/x-icon", icon.Headers["content-type"]);
        await anna.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_pages_start_with_their_h1_before_the_side_menu()
    {
        var admin = await browser.OpenAsync(phone: false);
        await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await admin.GotoAsync("/admin");
        var levels = await admin.Locator("h1, h2, h3, h4").EvaluateAllAsync<string[]>("els => els.map(e => e.tagName)");
        Assert.Equal("H1", levels[0]);
        await Assertions.Expect(admin.GetByRole(AriaRole.Navigation, new() { Name = "Administrationsmeny" }).GetByRole(AriaRole.List).First).ToBeVisibleAsync();
        await admin.AssertAccessibleAsync();
        await admin.Context.CloseAsync();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex ValidTime();
}
