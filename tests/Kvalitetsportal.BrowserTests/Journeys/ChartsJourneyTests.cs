using System.Globalization;
using System.Text.Json.Nodes;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>The Idésluss portal with three ideas in two areas, one of them implemented: figures for the charts.</summary>
public sealed class ChartsBrowserFixture : SmtpBrowserFixture
{
    public const string Coordinator = "sara.samordnare@kvalitetsportal.local";

    protected override async Task ArrangeAsync()
    {
        await using var scope = Portal.CreateScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var karl = (await users.FindByEmailAsync(PortalFactory.ManagerEmail))!;
        var sara = (await users.FindByEmailAsync(Coordinator))!;
        var type = (await services.GetRequiredService<IContentDefinitionStore>().GetAsync("Ide"))!;
        var contents = services.GetRequiredService<IContentManager>();
        var actor = new WorkflowActor(sara.Id, sara.DisplayName, new HashSet<string>(["Medarbetare", "Idésluss-samordnare"], StringComparer.Ordinal), null);
        var engine = services.GetRequiredService<WorkflowEngine>();
        foreach (var (title, area, implemented) in new[] { ("Digital anslagstavla i personalrummet", "Arbetsmiljö", false), ("Påminnelse om tandläkartid per sms", "Bemötande och service", true), ("Gemensam bokning av bilar", "Arbetsmiljö", false) })
        {
            var idea = await contents.CreateAsync(type, new ContentChange(title, karl.OrganisationUnitId, new JsonObject
            {
                ["problem"] = "Det tar tid i dag.",
                ["forWhom"] = "Kollegor.",
                ["solution"] = "Gör det enklare.",
                ["area"] = area,
            }), karl.Id, publish: true);
            foreach (var transition in implemented ? ["borja-prova", "skicka-till-bedomning", "genomfor-direkt"] : Array.Empty<string>())
            {
                var result = await engine.TakeAsync(actor, idea.ContentItemId, transition, "Klart.", expectedRevision: null);
                Assert.True(result.Succeeded, result.Message);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChartsBrowserCollection : ICollectionFixture<ChartsBrowserFixture>
{
    public const string Name = "charts-browser";
}

/// <summary>
/// The shared chart component on the Idésluss statistics, in Chromium: every chart drawn with a size,
/// not one Content-Security-Policy violation, the tables beside them, axe clean; the period filter with
/// its errors and kept input; and the .xlsx for the chosen period.
/// </summary>
[Collection(ChartsBrowserCollection.Name)]
public sealed class ChartsJourneyTests(ChartsBrowserFixture browser)
{
    [Fact]
    public async Task The_statistics_charts_are_drawn_under_the_CSP_and_follow_the_period_filter()
    {
        var page = await browser.NewPageAsync();
        var problems = page.WatchForCspViolationsAndErrors();
        await page.SignInAsync(ChartsBrowserFixture.Coordinator, PortalFactory.SamplePassword);
        var year = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);

        // This year: four charts (per förvaltning, area, step, lead time), each beside its table.
        await page.GotoAsync("/ideer/statistik");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Idéstatistik {year}");
        await page.AssertChartsDrawnAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Idéer per område. Siffrorna finns i tabellen." })).ToBeVisibleAsync();
        var perArea = page.GetByRole(AriaRole.Table, new() { Name = "Idéer per område" });
        await Assertions.Expect(perArea.GetByRole(AriaRole.Row).Filter(new() { HasText = "Arbetsmiljö" })).ToContainTextAsync("2");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Idéer per steg i arbetsflödet" }).GetByRole(AriaRole.Row, new() { Name = "Genomförd" })).ToContainTextAsync("1");
        await page.AssertAccessibleAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // A to-date before the from-date: the error beside it and in the summary, both dates kept, no figures.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var filter = page.GetByRole(AriaRole.Group, new() { Name = "Period" });
        await filter.GetByLabel("Från och med").FillAsync(to);
        await filter.GetByLabel("Till och med").FillAsync(from);
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Till-datumet kan inte vara före från-datumet.");
        await Assertions.Expect(page.GetByLabel("Från och med")).ToHaveValueAsync(to);
        await Assertions.Expect(page.GetByLabel("Till och med")).ToHaveValueAsync(from);
        await Assertions.Expect(page.GetByLabel("Till och med")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("canvas")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        // The error summary's link leads to the input.
        await summary.GetByRole(AriaRole.Link, new() { Name = "Till-datumet kan inte vara före från-datumet." }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Till och med")).ToBeFocusedAsync();

        // Put right: the week's figures, charts drawn again.
        await page.GetByLabel("Från och med").FillAsync(from);
        await page.GetByLabel("Till och med").FillAsync(to);
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Idéstatistik {from} – {to}");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("3 idéer, varav 1 genomförda");
        await page.AssertChartsDrawnAsync(4);
        await page.AssertAccessibleAsync();

        // The .xlsx has the same period and figures.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Ladda ner som Excel (.xlsx)" }).ClickAsync());
        Assert.Equal($"idestatistik-{from}_{to}.xlsx", download.SuggestedFilename);
        var path = await download.PathAsync();
        var sheet = MiniExcel.Query(path, useHeaderRow: true, sheetName: "Sammanfattning", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Single();
        Assert.Equal($"{from} – {to}", sheet["Period"]);
        Assert.Equal(3, Convert.ToInt32(sheet["Idéer"], CultureInfo.InvariantCulture));
        var areas = MiniExcel.Query(path, useHeaderRow: true, sheetName: "Per område", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(areas, r => (string)r["Område"]! == "Arbetsmiljö" && Convert.ToInt32(r["Idéer"], CultureInfo.InvariantCulture) == 2);

        // A year with no ideas: empty charts still have their size.
        await page.GetByLabel("Från och med").FillAsync("");
        await page.GetByLabel("Till och med").FillAsync("");
        await page.GetByLabel("År", new() { Exact = true }).FillAsync("2001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Idéstatistik 2001");
        await page.AssertChartsDrawnAsync(4);

        // On a phone too, and nothing anywhere was refused by the CSP or failed in a script.
        var phone = await browser.NewPageAsync(phone: true);
        var phoneProblems = phone.WatchForCspViolationsAndErrors();
        await phone.SignInAsync(ChartsBrowserFixture.Coordinator, PortalFactory.SamplePassword);
        await phone.GotoAsync("/ideer/statistik");
        await phone.AssertChartsDrawnAsync(4);
        await phone.AssertAccessibleAsync();
        Assert.True(problems.Count + phoneProblems.Count == 0, "Konsolen visade:\n" + string.Join("\n", problems.Concat(phoneProblems)));

        await page.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }
}
