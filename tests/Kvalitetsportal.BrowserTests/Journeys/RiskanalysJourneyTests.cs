using System.Text.Json.Nodes;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// Riskanalys in Chromium: Karl, a chef, adds a risk to an item's risk list, types a probability
/// outside the 4 × 4 scale (a Swedish error, what he typed kept, the focus on the error summary),
/// values it, and the heat map and the table beside it show the same cell. axe runs on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RiskanalysJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_chef_values_a_risk_and_the_heat_map_and_its_table_agree()
    {
        var itemId = await ItemAsync("Upphandling av trygghetslarm");
        var karl = await browser.NewPageAsync();
        await karl.SignInAsync(PortalFactory.ManagerEmail, PortalFactory.SamplePassword);

        await karl.GotoAsync($"/riskanalys/for/{itemId}");
        await Assertions.Expect(karl.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Risker: Upphandling av trygghetslarm");
        await karl.AssertAccessibleAsync();
        await karl.GetByRole(AriaRole.Link, new() { Name = "Lägg till risk" }).ClickAsync();
        await karl.AssertAccessibleAsync();

        await karl.GetByLabel("Vad kan hända?").FillAsync("Larmen går inte fram vid byte av operatör");
        await karl.GetByLabel("Orsak").FillAsync("Ny operatör och gamla larmdosor.");
        await karl.GetByLabel("Konsekvens (obligatoriskt)").FillAsync("Brukare får ingen hjälp i tid.");
        await karl.GetByLabel("Kategori").SelectOptionAsync("IT och informationssäkerhet");
        await karl.GetByLabel("Målet för intern kontroll som risken hotar").SelectOptionAsync("En ändamålsenlig och kostnadseffektiv verksamhet bedrivs");
        await karl.GetByRole(AriaRole.Button, new() { Name = "Lägg till risken" }).ClickAsync();
        await Assertions.Expect(karl.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Risk: Larmen går inte fram vid byte av operatör");
        await karl.AssertAccessibleAsync();

        // A probability outside the scale: a Swedish error, what he typed is kept, the focus on the summary.
        var gross = karl.GetByRole(AriaRole.Group, new() { Name = "Bruttorisk: före behandling" });
        await gross.GetByLabel("Sannolikhet (1–4)").FillAsync("9");
        await gross.GetByLabel("Konsekvens (1–4)").FillAsync("4");
        await gross.GetByRole(AriaRole.Button, new() { Name = "Spara värderingen" }).ClickAsync();
        var summary = karl.Locator("#error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Sannolikhet ska vara ett heltal från 1 till 4 på riskmatrisen. Du angav \"9\".");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        gross = karl.GetByRole(AriaRole.Group, new() { Name = "Bruttorisk: före behandling" });
        await Assertions.Expect(gross.GetByLabel("Sannolikhet (1–4)")).ToHaveValueAsync("9");
        await karl.AssertAccessibleAsync();

        await gross.GetByLabel("Sannolikhet (1–4)").FillAsync("3");
        await gross.GetByRole(AriaRole.Button, new() { Name = "Spara värderingen" }).ClickAsync();
        await Assertions.Expect(karl.GetByRole(AriaRole.Status)).ToContainTextAsync("Bruttorisken är värderad.");
        await Assertions.Expect(karl.Locator("#risk-gross")).ToHaveTextAsync("Sannolikhet 3 (Möjlig) × konsekvens 4 (Allvarlig) = 12, Mycket hög risk");
        await karl.AssertAccessibleAsync();

        // The item's risk list: the grid's filled cell and the table's row are the same cell.
        await karl.GetByRole(AriaRole.Link, new() { Name = "Till risklistan för Upphandling av trygghetslarm" }).ClickAsync();
        await karl.AssertAccessibleAsync();
        var map = karl.Locator($"#risker-{itemId}-brutto");
        var filled = map.Locator(".risk-cell[data-count='1']");
        await Assertions.Expect(filled).ToHaveCountAsync(1);
        Assert.Equal(("3", "4"), (await filled.GetAttributeAsync("data-p"), await filled.GetAttributeAsync("data-c")));
        Assert.Contains("risk-band-rod", await filled.GetAttributeAsync("class") ?? "");
        var table = karl.GetByRole(AriaRole.Table, new() { Name = "Bruttorisk (före behandling): antal risker per ruta i riskmatrisen" });
        var rows = table.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-p", "3");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-c", "4");
        await Assertions.Expect(rows.First.Locator("td")).ToHaveTextAsync(["3 Möjlig", "4 Allvarlig", "12", "Mycket hög risk", "1"]);

        // The register, filtered by category, shows it too; the page passes axe.
        await karl.GotoAsync("/riskanalys");
        await karl.GetByLabel("Kategori").SelectOptionAsync("IT och informationssäkerhet");
        await karl.GetByRole(AriaRole.Button, new() { Name = "Visa" }).ClickAsync();
        await Assertions.Expect(karl.GetByRole(AriaRole.Link, new() { Name = "Larmen går inte fram vid byte av operatör" })).ToBeVisibleAsync();
        await karl.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_matrix_admin_page_passes_axe()
    {
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await admin.GotoAsync("/admin/riskmatris");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Riskmatris");
        await Assertions.Expect(admin.GetByLabel("Sannolikhet 4: namn")).ToHaveValueAsync("Sannolik");
        await admin.AssertAccessibleAsync();
    }

    private async Task<string> ItemAsync(string title)
    {
        await using var scope = browser.Portal.CreateScope();
        var services = scope.ServiceProvider;
        var type = await services.GetRequiredService<IContentDefinitionStore>().GetAsync("Prisomgang") ?? throw new InvalidOperationException("Prisomgång saknas");
        var petra = await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("petra.priskoordinator@kvalitetsportal.local") ?? throw new InvalidOperationException("Petra saknas");
        var data = new JsonObject { ["callText"] = "Risklistan hör hit.", ["opensOn"] = "2026-02-01", ["closesOn"] = "2026-03-01" };
        var item = await services.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange(title, null, data), petra.Id, publish: true);
        return item.ContentItemId;
    }
}
