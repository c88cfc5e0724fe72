using System.Text.RegularExpressions;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// The "Done when" of the content issue, walked as its users would: an administrator builds the type
/// "Förbättringsförslag", an employee submits and edits one from a phone, a colleague cannot see it
/// until granted, a concurrent edit is refused without losing anything, the audit trail shows it all
/// and the list exports to Excel with å, ä and ö intact. axe (WCAG 2.1 AA) runs on every page visited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentJourneyTests(BrowserFixture browser)
{
    // No other browser test creates this type; the portal (and its database) is shared by the collection.
    private const string TypeName = "Förbättringsförslag";
    private const string TypePath = "/innehall/Forbattringsforslag";
    private const string Title = "Bättre skyltning på Östra gården";
    private const string Unit = "Kommunledningsförvaltningen";
    private const string FirstText = "Besökare hittar inte receptionen, skyltarna är små och står fel.";
    private const string EditedText = "Besökare hittar inte receptionen. Förslag: större skyltar vid entrén och hissarna.";
    private const string TabOneText = "Flyttad skylt vid huvudentrén – gjort i första fliken.";
    private const string TabTwoText = "Nya skyltar på åtta platser – skrivet i andra fliken.";

    private static readonly Regex ItemUrl = new(@"/innehall/Forbattringsforslag/([0-9a-f]{32})$", RegexOptions.CultureInvariant);

    [Fact]
    public async Task Improvement_proposal_from_type_definition_to_excel_export()
    {
        // 1. The administrator builds the type, its five fields and who may do what, at a desktop.
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await CreateTypeAsync(admin);

        // 2. Anna, on a phone, submits one (first with a required field missing), finds it and edits it.
        var anna = await browser.NewPageAsync(phone: true);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var itemPath = await SubmitWithAnErrorFirstAsync(anna);
        await FindUnderMyItemsAndEditAsync(anna, itemPath);

        // 3. Karl, also Medarbetare, can neither see nor change it — until he is granted "Se alla".
        var karl = await browser.NewPageAsync();
        await karl.SignInAsync(PortalFactory.ManagerEmail, PortalFactory.SamplePassword);
        await SecondEmployeeIsKeptOutUntilGrantedAsync(admin, karl, itemPath);

        // 4. Anna edits in two tabs: the second save is refused clearly, and nothing is lost.
        await ConcurrentEditIsRefusedWithoutLosingDataAsync(anna, itemPath);

        // 5. The audit trail shows the item's history and the permission changes.
        await AuditTrailShowsItAllAsync(admin, itemPath);

        // 6. The list exports to .xlsx with å/ä/ö intact.
        await ListExportsToExcelAsync(admin);

        await anna.Context.CloseAsync();
        await karl.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    private static async Task CreateTypeAsync(IPage page)
    {
        await page.GotoAsync("/admin/innehallstyper");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny innehållstyp" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny innehållstyp");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync(TypeName);
        await page.GetByLabel("Beskrivning").FillAsync("Har du en idé om hur vi kan bli bättre? Berätta!");
        await page.GetByLabel("Vad titeln kallas i formuläret").FillAsync("Rubrik");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa innehållstypen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Innehållstypen {TypeName} är skapad.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Innehållstypen {TypeName}");
        Assert.EndsWith("/admin/innehallstyper/Forbattringsforslag", page.Url, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        await AddFieldAsync(page, "Vad gäller det?", "Kort text", required: true, showInList: true);
        await AddFieldAsync(page, "Beskriv problemet", "Lång text");
        await AddFieldAsync(page, "Förväntad nytta", "Val", choices: "Liten\nStor", showInList: true);
        await AddFieldAsync(page, "Önskat startdatum", "Datum");
        await AddFieldAsync(page, "Berörd enhet", "Organisationsenhet");

        var fields = page.GetByRole(AriaRole.Table, new() { Name = "Fält i ordning" });
        await Assertions.Expect(fields.GetByRole(AriaRole.Row)).ToHaveCountAsync(6); // header + five fields
        await Assertions.Expect(fields.GetByRole(AriaRole.Row, new() { Name = "Vad gäller det?" })).ToContainTextAsync("Ja");

        // Medarbetare may create, see their own and change their own.
        foreach (var action in new[] { "Skapa", "Se egna", "Ändra egna" })
        {
            await page.GetByLabel($"Medarbetare: {action}", new() { Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Spara behörigheterna" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Behörigheterna för {TypeName} är sparade.");
        await Assertions.Expect(page.GetByLabel("Medarbetare: Skapa", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Medarbetare: Ändra egna", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Medarbetare: Se alla", new() { Exact = true })).Not.ToBeCheckedAsync();
        await page.AssertAccessibleAsync();
    }

    private static async Task AddFieldAsync(IPage page, string label, string kind, bool required = false, bool showInList = false, string? choices = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Lägg till fält" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Nytt fält i {TypeName}");
        await page.GetByLabel("Etikett", new() { Exact = true }).FillAsync(label);
        await page.GetByLabel("Typ av fält").SelectOptionAsync(new SelectOptionValue { Label = kind });
        if (required)
        {
            await page.GetByLabel("Obligatoriskt", new() { Exact = true }).CheckAsync();
        }

        if (showInList)
        {
            await page.GetByLabel("Visas i listan").CheckAsync();
        }

        if (choices is not null)
        {
            await page.GetByLabel("Alternativ, ett per rad").FillAsync(choices);
        }

        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till fältet" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Fältet {label} är tillagt.");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Fält i ordning" }).GetByRole(AriaRole.Row, new() { Name = label }))
            .ToContainTextAsync(kind);
    }

    private static async Task<string> SubmitWithAnErrorFirstAsync(IPage page)
    {
        await page.GotoAsync("/innehall");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = TypeName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(TypeName);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Skapa ny" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Skapa {TypeName}");
        await page.AssertAccessibleAsync();

        // Everything but the required "Vad gäller det?".
        await page.GetByLabel("Rubrik").FillAsync(Title);
        // The picker marks the hierarchy ("└ Hemtjänst …"): the option is the one whose name ends with the unit's.
        var unitOption = page.GetByLabel("Enhet", new() { Exact = true }).Locator("option").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("(^|\\s)" + System.Text.RegularExpressions.Regex.Escape(Unit) + "$") });
        await page.GetByLabel("Enhet", new() { Exact = true }).SelectOptionAsync((await unitOption.First.GetAttributeAsync("value"))!);
        await page.GetByLabel("Beskriv problemet").FillAsync(FirstText);
        await page.GetByRole(AriaRole.Group, new() { Name = "Förväntad nytta" }).GetByLabel("Stor").CheckAsync();
        await page.GetByLabel("Önskat startdatum").FillAsync("2026-03-15");
        await page.GetByLabel("Berörd enhet").SelectOptionAsync((await page.GetByLabel("Berörd enhet").Locator("option").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("(^|\\s)" + System.Text.RegularExpressions.Regex.Escape(Unit) + "$") }).First.GetAttributeAsync("value"))!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Det finns fel i formuläret");
        await Assertions.Expect(summary.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Assertions.Expect(summary).ToContainTextAsync("Vad gäller det? måste fyllas i.");
        var required = page.GetByLabel("Vad gäller det?");
        await Assertions.Expect(required).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(required).ToHaveAccessibleDescriptionAsync("Vad gäller det? måste fyllas i. Högst 200 tecken.");

        // What she wrote is still there.
        await Assertions.Expect(page.GetByLabel("Rubrik")).ToHaveValueAsync(Title);
        await Assertions.Expect(page.GetByLabel("Beskriv problemet")).ToHaveValueAsync(FirstText);
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Förväntad nytta" }).GetByLabel("Stor")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Önskat startdatum")).ToHaveValueAsync("2026-03-15");
        await Assertions.Expect(page.GetByLabel("Berörd enhet").Locator("option:checked")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(Unit) + "$"));
        await Assertions.Expect(page.GetByLabel("Enhet", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(Unit) + "$"));
        await page.AssertAccessibleAsync();

        // The summary's link leads to the field.
        await summary.GetByRole(AriaRole.Link, new() { Name = "Vad gäller det? måste fyllas i." }).ClickAsync();
        await Assertions.Expect(required).ToBeFocusedAsync();

        await required.FillAsync("Skyltning och vägvisning");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Tack! \"{Title}\" är inskickat. Referens:");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        var match = ItemUrl.Match(new Uri(page.Url).AbsolutePath);
        Assert.True(match.Success, $"Efter inskickning hamnade hon på {page.Url}");
        await Assertions.Expect(page.Locator("dl.content-fields")).ToContainTextAsync("15 mars 2026");
        await Assertions.Expect(page.Locator("dl.content-fields")).ToContainTextAsync(Unit);
        await page.AssertAccessibleAsync();
        return new Uri(page.Url).AbsolutePath;
    }

    private static async Task FindUnderMyItemsAndEditAsync(IPage page, string itemPath)
    {
        await page.GotoAsync("/");
        var mine = page.GetByRole(AriaRole.Region, new() { Name = "Mina ärenden" });
        var row = mine.GetByRole(AriaRole.Row).Filter(new() { HasText = Title });
        await Assertions.Expect(row).ToContainTextAsync(TypeName);
        await Assertions.Expect(row).ToContainTextAsync("Inskickad");
        await page.AssertAccessibleAsync();

        await row.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await page.WaitForURLAsync("**" + itemPath);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ändra", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Ändra {Title}");
        await Assertions.Expect(page.GetByLabel("Beskriv problemet")).ToHaveValueAsync(FirstText);
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Beskriv problemet").FillAsync(EditedText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ändringarna är sparade.");
        await Assertions.Expect(page.Locator("dl.content-fields")).ToContainTextAsync(EditedText);
        await page.AssertAccessibleAsync();
    }

    private static async Task SecondEmployeeIsKeptOutUntilGrantedAsync(IPage admin, IPage karl, string itemPath)
    {
        await karl.GotoAsync(TypePath);
        await Assertions.Expect(karl.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(TypeName);
        await Assertions.Expect(karl.GetByRole(AriaRole.Link, new() { Name = Title })).ToHaveCountAsync(0);
        await karl.AssertAccessibleAsync();
        Assert.Equal(404, (await karl.GotoAsync(itemPath))!.Status);
        Assert.Equal(404, (await karl.GotoAsync(itemPath + "/redigera"))!.Status);
        await karl.AssertAccessibleAsync();

        // Chef is granted "Se alla": Karl sees it, but still may not change it.
        await admin.GotoAsync("/admin/innehallstyper/Forbattringsforslag");
        await admin.GetByLabel("Chef: Se alla", new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Spara behörigheterna" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Behörigheterna för {TypeName} är sparade.");

        await karl.GotoAsync(TypePath);
        await karl.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Assertions.Expect(karl.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Assertions.Expect(karl.Locator("dl.content-fields")).ToContainTextAsync(EditedText);
        await Assertions.Expect(karl.GetByRole(AriaRole.Link, new() { Name = "Ändra", Exact = true })).ToHaveCountAsync(0);
        await karl.AssertAccessibleAsync();
        Assert.Equal(403, (await karl.GotoAsync(itemPath + "/redigera"))!.Status);
    }

    private static async Task ConcurrentEditIsRefusedWithoutLosingDataAsync(IPage first, string itemPath)
    {
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync(itemPath + "/redigera");
        await second.GotoAsync(itemPath + "/redigera");

        await first.GetByLabel("Beskriv problemet").FillAsync(TabOneText);
        await first.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ändringarna är sparade.");

        await second.GetByLabel("Beskriv problemet").FillAsync(TabTwoText);
        await second.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        // Both tabs are hers: the message says so (not "someone else"), and when the other save was.
        var conflict = second.GetByRole(AriaRole.Alert).Filter(new() { Has = second.GetByRole(AriaRole.Heading, new() { Name = "Du har själv sparat under tiden, i en annan flik" }) });
        await Assertions.Expect(conflict).ToBeVisibleAsync();
        await Assertions.Expect(conflict).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Du själv, i en annan flik eller ett annat fönster, sparade ärendet \d{4}-\d{2}-\d{2} (kl\. )?\d{2}[:.]\d{2}"));
        await Assertions.Expect(conflict).ToContainTextAsync("Ändringarna här är inte sparade än, men de finns kvar i formuläret nedan.");
        await Assertions.Expect(conflict).Not.ToContainTextAsync("Någon annan");
        var difference = conflict.GetByRole(AriaRole.Row, new() { Name = "Beskriv problemet" });
        await Assertions.Expect(difference.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync(TabOneText);
        await Assertions.Expect(difference.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync(TabTwoText);
        await Assertions.Expect(second.GetByLabel("Beskriv problemet")).ToHaveValueAsync(TabTwoText);
        await Assertions.Expect(second.GetByLabel("Vad gäller det?")).ToHaveValueAsync("Skyltning och vägvisning");
        await second.AssertAccessibleAsync();

        // The first save stands until she deliberately saves again.
        await first.GotoAsync(itemPath);
        await Assertions.Expect(first.Locator("dl.content-fields")).ToContainTextAsync(TabOneText);
        await Assertions.Expect(first.Locator("dl.content-fields")).Not.ToContainTextAsync(TabTwoText);
        await second.CloseAsync();
    }

    private static async Task AuditTrailShowsItAllAsync(IPage page, string itemPath)
    {
        var itemId = ItemUrl.Match(itemPath).Groups[1].Value;
        await page.GotoAsync("/admin/granskningslogg");
        await page.GetByLabel("Gäller (id eller del av titeln)").FillAsync("östra gården");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrera" }).ClickAsync();
        var log = page.GetByRole(AriaRole.Table, new() { Name = "Händelser" });
        var rows = log.Locator("tbody").GetByRole(AriaRole.Row);
        await Assertions.Expect(rows.Filter(new() { HasText = "Innehåll: Skapad" })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Filter(new() { HasText = "Innehåll: Ändrad" })).ToHaveCountAsync(2); // her edit and the first tab's
        await Assertions.Expect(rows.Filter(new() { HasText = "Innehåll: Skapad" })).ToContainTextAsync("Anna Andersson");
        await Assertions.Expect(rows.Filter(new() { HasText = "Innehåll: Skapad" })).ToContainTextAsync($"{TypeName}: {Title}");
        await Assertions.Expect(rows.Filter(new() { HasText = "Innehåll: Skapad" })).ToContainTextAsync(itemId);
        var lastEdit = rows.Filter(new() { HasText = "Innehåll: Ändrad" }).First;
        await Assertions.Expect(lastEdit.GetByRole(AriaRole.Deletion)).ToHaveTextAsync(EditedText);
        await Assertions.Expect(lastEdit.GetByRole(AriaRole.Insertion)).ToHaveTextAsync(TabOneText);
        await Assertions.Expect(log).Not.ToContainTextAsync(TabTwoText); // the refused save changed nothing
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/admin/granskningslogg");
        await page.GetByLabel("Händelse", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Behörigheter ändrade" });
        await page.GetByLabel("Utförd av (e-postadress)").FillAsync(PortalFactory.AdminEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrera" }).ClickAsync();
        var grants = page.GetByRole(AriaRole.Table, new() { Name = "Händelser" }).Locator("tbody").GetByRole(AriaRole.Row);
        await Assertions.Expect(grants.Filter(new() { HasText = "Medarbetare" }).Filter(new() { HasText = $"Skapa {TypeName}" })).ToHaveCountAsync(1);
        await Assertions.Expect(grants.Filter(new() { HasText = "Medarbetare" })).ToContainTextAsync($"Ändra egna {TypeName}");
        await Assertions.Expect(grants.Filter(new() { HasText = "Chef" }).Filter(new() { HasText = $"Se alla {TypeName}" })).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
    }

    private static async Task ListExportsToExcelAsync(IPage page)
    {
        await page.GotoAsync(TypePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // CSV of the whole list: UTF-8 with a byte order mark, so Swedish Excel shows å, ä and ö.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Exportera till CSV" }).ClickAsync());
        Assert.Matches(@"^forbattringsforslag-\d{4}-\d{2}-\d{2}\.csv$", csv.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await csv.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("Referens;Rubrik;Enhet;Status;Vad gäller det?;Beskriv problemet;Förväntad nytta;Önskat startdatum;Berörd enhet", text, StringComparison.Ordinal);
        Assert.Contains(Title, text, StringComparison.Ordinal);

        // Excel of the filtered list: the export link carries the filter.
        await page.GetByLabel("Sök i rubriker").FillAsync("Östra gården");
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 träffar.");
        var excelLink = page.GetByRole(AriaRole.Link, new() { Name = "Exportera till Excel" });
        await Assertions.Expect(excelLink).ToHaveAttributeAsync("href", new Regex(@"/export\.xlsx\?q=%C3%96stra%20g%C3%A5rden$"));
        await page.AssertAccessibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => excelLink.ClickAsync());
        Assert.Matches(@"^forbattringsforslag-\d{4}-\d{2}-\d{2}\.xlsx$", download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.NotNull(path);

        var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(Title, row["Rubrik"]?.ToString());
        Assert.Equal("Skyltning och vägvisning", row["Vad gäller det?"]?.ToString());
        Assert.Equal(TabOneText, row["Beskriv problemet"]?.ToString());
        Assert.Equal("Stor", row["Förväntad nytta"]?.ToString());
        Assert.Equal("15 mars 2026", row["Önskat startdatum"]?.ToString());
        Assert.Equal(Unit, row["Berörd enhet"]?.ToString());
        Assert.Equal(Unit, row["Enhet"]?.ToString());
    }
}
