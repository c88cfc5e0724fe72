using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// Issue 16's "a diarienummer on the receipt", in Chromium: Anna submits an idea and the receipt
/// shows its number from the Idésluss series ("IDÉ 2026/0001"), as does the idea's page. axe runs
/// on both.
/// </summary>
[Collection(IdeslussBrowserCollection.Name)]
public sealed class DiariumJourneyTests(IdeslussBrowserFixture browser)
{
    [Fact]
    public async Task The_receipt_of_a_submitted_idea_shows_its_diarienummer()
    {
        var year = Kvalitetsportal.Contents.Items.ContentDates.Local(DateTime.UtcNow).Year;
        var anna = await browser.NewPageAsync();
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/ideer/ny");
        await anna.GetByLabel("Rubrik på idén").FillAsync("Diarieför idéerna så att de går att hitta");
        await anna.GetByLabel("Vilket problem vill du lösa?").FillAsync("Idéer är svåra att hänvisa till utan nummer.");
        await anna.GetByLabel("För vem?").FillAsync("Samordnare och idégivare.");
        await anna.GetByLabel("Ditt förslag").FillAsync("Ge varje idé ett diarienummer när den skickas in.");
        await anna.GetByLabel("Vilken nytta gör det?").FillAsync("Lättare att hänvisa till en idé.");
        await anna.GetByLabel("Område").SelectOptionAsync("Bemötande och service");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka in idén" }).ClickAsync();

        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tack för din idé");
        await Assertions.Expect(anna.Locator(".diarienummer")).ToContainTextAsync("Diarienummer:");
        var number = (await anna.Locator("#diarienummer").InnerTextAsync()).Trim();
        Assert.Matches($"^IDÉ {year}/\\d{{4}}$", number);
        await anna.AssertAccessibleAsync();

        await anna.GetByRole(AriaRole.Link, new() { Name = "Se din idé" }).ClickAsync();
        await Assertions.Expect(anna.Locator("#diarienummer")).ToHaveTextAsync(number);
        await anna.AssertAccessibleAsync();
    }
}
