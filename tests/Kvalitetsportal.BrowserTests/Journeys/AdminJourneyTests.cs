using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Every_admin_page_without_parameters_passes_axe()
    {
        var pages = browser.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AdminAttribute>() is not null)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.OfType<RoutePatternLiteralPart>().Select(p => p.Content)))))
            .Distinct()
            .ToList();
        Assert.Contains("/admin/funktioner", pages);

        var page = await browser.NewPageAsync();
        await page.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        foreach (var url in pages)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Ok, $"{url} svarade {response.Status}");
            await page.AssertAccessibleAsync();
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_disables_and_re_enables_a_feature_and_its_page_follows()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await page.GotoAsync("/admin/funktioner");
        var row = page.Locator("tr[data-feature='Organisation.Import']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Stäng av" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("är avstängd");
        await Assertions.Expect(row).ToContainTextAsync("Avstängd");
        await page.AssertAccessibleAsync();

        var adminNav = page.GetByRole(AriaRole.Navigation, new() { Name = "Administrationsmeny" });
        await Assertions.Expect(adminNav.GetByRole(AriaRole.Link, new() { Name = "Importera organisation" })).ToHaveCountAsync(0);
        var gone = await page.GotoAsync("/admin/organisation/import");
        Assert.Equal(404, gone!.Status);

        await page.GotoAsync("/admin/funktioner");
        await row.GetByRole(AriaRole.Button, new() { Name = "Aktivera" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("är aktiverad");
        await Assertions.Expect(adminNav.GetByRole(AriaRole.Link, new() { Name = "Importera organisation" })).ToBeVisibleAsync();
        var back = await page.GotoAsync("/admin/organisation/import");
        Assert.Equal(200, back!.Status);
        await page.Context.CloseAsync();
    }
}
