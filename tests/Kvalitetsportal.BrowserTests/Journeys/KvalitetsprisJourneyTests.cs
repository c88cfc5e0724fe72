using System.Text.RegularExpressions;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>The portal as the default recipe leaves it (Kvalitetspris on, Petra the prize coordinator).</summary>
public sealed class KvalitetsprisBrowserFixture : SmtpBrowserFixture;

[CollectionDefinition(Name)]
public sealed class KvalitetsprisBrowserCollection : ICollectionFixture<KvalitetsprisBrowserFixture>
{
    public const string Name = "kvalitetspris-browser";
}

/// <summary>
/// The applicant's journey in Chromium: Petra opens a round; Anna, on her phone, starts an
/// application, sees the character counter move as she writes an area, submits and gets the
/// receipt with a KP diarienummer; Karl, her manager, endorses it. Buttons and fields are found
/// by role and name, and axe (WCAG 2.1 AA) runs on every page.
/// </summary>
[Collection(KvalitetsprisBrowserCollection.Name)]
public sealed partial class KvalitetsprisJourneyTests(KvalitetsprisBrowserFixture browser)
{
    private const string Coordinator = "petra.priskoordinator@kvalitetsportal.local";
    private const string Round = "Kvalitetspriset Nya steg provår";
    private const string Title = "Digital planering gav brukarna mer tid";
    private const string Juror = "lars.kvalitetsledare@kvalitetsportal.local";

    [Fact]
    public async Task An_employee_applies_from_a_phone_with_a_character_counter_and_gets_a_receipt_and_the_manager_endorses()
    {
        // 1. Petra opens a round that takes applications now.
        var petra = await browser.NewPageAsync();
        await petra.SignInAsync(Coordinator, PortalFactory.SamplePassword);
        await petra.GotoAsync("/kvalitetspris/omgangar");
        await Assertions.Expect(petra.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Prisomgångar");
        await petra.AssertAccessibleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await petra.GetByLabel("Namn på omgången").FillAsync(Round);
        await petra.GetByLabel("Inbjudan").FillAsync("Har ni förenklat, förnyat och förbättrat för invånarna? Ansök!");
        await petra.GetByLabel("Öppnar").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd"));
        await petra.GetByLabel("Stänger").FillAsync(today.AddDays(20).ToString("yyyy-MM-dd"));
        await Assertions.Expect(petra.GetByLabel("Högst antal tecken per område")).ToHaveValueAsync("25000");
        await petra.GetByRole(AriaRole.Button, new() { Name = "Skapa omgången" }).ClickAsync();
        await Assertions.Expect(petra.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Round);
        await petra.AssertAccessibleAsync();
        var roundUrl = new Uri(petra.Url).AbsolutePath;

        // 2. Anna, on her phone, finds the round and starts an application.
        var anna = await browser.NewPageAsync(phone: true);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/kvalitetspris");
        await anna.AssertAccessibleAsync();
        await anna.GetByRole(AriaRole.Link, new() { Name = $"Ansök till {Round}" }).ClickAsync();
        await anna.AssertAccessibleAsync();
        await anna.GetByLabel("Rubrik på utvecklingsarbetet").FillAsync(Title);
        await Assertions.Expect(anna.GetByLabel("Enhet")).ToHaveValueAsync(new Regex("^[0-9]+$")); // her own unit is chosen
        await anna.GetByRole(AriaRole.Button, new() { Name = "Börja skriva ansökan" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Ansökan: {Title}");

        // 3. The counter under an area counts as she types, and is part of the field's description.
        var process = anna.GetByLabel("Process");
        await process.PressSequentiallyAsync("Vi planerade i små steg.", new() { Delay = 2 });
        var counter = anna.Locator("#f_process-count");
        await Assertions.Expect(counter).ToBeVisibleAsync();
        await Assertions.Expect(counter).ToHaveTextAsync("24 av 25 000 tecken");
        Assert.Contains("f_process-count", await process.GetAttributeAsync("aria-describedby") ?? "");
        await Assertions.Expect(anna.GetByRole(AriaRole.Status).Filter(new() { HasText = "sparas automatiskt" })).ToBeVisibleAsync();
        await anna.AssertAccessibleAsync();
        await AssertFitsThePhoneAsync(anna);

        await anna.GetByLabel("Vad gjordes?").FillAsync("Vi införde digital planering i hemtjänsten.");
        await anna.GetByLabel("När var arbetet klart?").FillAsync(today.AddDays(-30).ToString("yyyy-MM-dd"));
        await anna.GetByLabel("Lärande").FillAsync("Vi lärde oss att fråga brukarna först.");
        await anna.GetByLabel("Delaktighet").FillAsync("Alla medarbetare och tio brukare var med.");
        await anna.GetByLabel("Uppnått resultat").FillAsync("Brukarna fick 20 minuter mer tid per besök.");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka till chefen för tillstyrkan" }).ClickAsync();

        // 4. The receipt, with the diarienummer.
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tack för din ansökan");
        var number = (await anna.Locator("#diarienummer").InnerTextAsync()).Trim();
        Assert.Matches(Diarienummer(), number);
        await anna.AssertAccessibleAsync();
        await anna.GetByRole(AriaRole.Link, new() { Name = "Se din ansökan" }).ClickAsync();
        await Assertions.Expect(anna.GetByText("Väntar på tillstyrkan").First).ToBeVisibleAsync();
        var applicationUrl = new Uri(anna.Url).AbsolutePath;
        await anna.AssertAccessibleAsync();

        // 5. Karl, her manager, endorses it.
        var karl = await browser.NewPageAsync();
        await karl.SignInAsync(PortalFactory.ManagerEmail, PortalFactory.SamplePassword);
        await karl.GotoAsync(applicationUrl);
        await Assertions.Expect(karl.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await karl.AssertAccessibleAsync();
        await karl.GetByRole(AriaRole.Button, new() { Name = "Tillstyrk ansökan" }).ClickAsync();
        await Assertions.Expect(karl).ToHaveURLAsync(new Regex("/kvalitetspris/ansokan/[0-9a-f]{32}$")); // a step returns to the application's own page
        await karl.GotoAsync(applicationUrl);
        await Assertions.Expect(karl.Locator("#application-state")).ToContainTextAsync("Inskickad");

        // 6. Petra puts Lars on the jury and hands the application to the jury.
        await petra.GotoAsync(roundUrl + "/jury");
        await petra.GetByLabel("E-postadress till ny jurymedlem").FillAsync(Juror);
        await petra.GetByRole(AriaRole.Button, new() { Name = "Lägg till i juryn" }).ClickAsync();
        await Assertions.Expect(petra.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Lars Lind" })).ToBeVisibleAsync();
        await petra.GotoAsync(applicationUrl);
        await petra.GetByRole(AriaRole.Button, new() { Name = "Lämna till juryn" }).ClickAsync();
        await Assertions.Expect(petra).ToHaveURLAsync(new Regex("/kvalitetspris/ansokan/[0-9a-f]{32}$"));

        // 7. Lars scores each area with a comment; then he sees the jury's scores.
        var lars = await browser.NewPageAsync();
        await lars.SignInAsync(Juror, PortalFactory.SamplePassword);
        await lars.GotoAsync("/kvalitetspris/jury");
        await lars.AssertAccessibleAsync();
        await lars.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Assertions.Expect(lars.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Bedöm: {Title}");
        await lars.AssertAccessibleAsync();
        foreach (var area in new[] { "Process", "Lärande", "Delaktighet", "Uppnått resultat" })
        {
            await lars.GetByLabel($"Poäng för {area}").SelectOptionAsync("4");
            await lars.GetByLabel($"Kommentar om {area}").FillAsync($"Välgrundat inom {area.ToLowerInvariant()}.");
        }

        await lars.GetByRole(AriaRole.Button, new() { Name = "Skicka in min bedömning" }).ClickAsync();
        await Assertions.Expect(lars.GetByRole(AriaRole.Table, new() { Name = "Juryns poäng" })).ToBeVisibleAsync();
        await lars.AssertAccessibleAsync();

        // 8. The chair's consensus view.
        await petra.GotoAsync(roundUrl + "/jury");
        await Assertions.Expect(petra.GetByRole(AriaRole.Heading, new() { Level = 3, Name = Title })).ToBeVisibleAsync();
        await petra.AssertAccessibleAsync();
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} är {widths[0]} px bred på en telefon som visar {widths[1]} px.");
    }

    [GeneratedRegex("^KP \\d{4}/\\d{4}$")]
    private static partial Regex Diarienummer();
}
