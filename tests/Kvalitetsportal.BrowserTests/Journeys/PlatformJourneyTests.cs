using System.Text.RegularExpressions;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class PlatformJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Employee_signs_in_and_sees_the_start_page(bool phone)
    {
        var page = await browser.NewPageAsync(phone);
        await page.GotoAsync("/");
        Assert.Contains("/konto/logga-in", page.Url, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        await page.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Välkommen, Anna Andersson");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mina ärenden" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_summary_that_leads_to_the_field()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/konto/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(PortalFactory.EmployeeEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Skriv ditt lösenord.");
        await Assertions.Expect(page.GetByLabel("E-postadress")).ToHaveValueAsync(PortalFactory.EmployeeEmail);
        await summary.GetByRole(AriaRole.Link, new() { Name = "Skriv ditt lösenord." }).ClickAsync();
        Assert.EndsWith("#Password", page.Url, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_for_a_keyboard_user()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/konto/logga-in");
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");
        Assert.Equal("Hoppa till huvudinnehållet", focused);
        await page.Keyboard.PressAsync("Enter");

        // The jump to the fragment is navigation: wait for it (it was read too early on a busy machine).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#main$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Error_pages_are_Swedish_and_accessible()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var notFound = await page.GotoAsync("/finns-inte");
        Assert.Equal(404, notFound!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sidan finns inte");
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du saknar behörighet");
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }
}
