using System.Text.Json.Nodes;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// The search issue's "Done when", as an employee on a phone: search from the header, narrow the
/// hits by a facet, open a hit. axe (WCAG 2.1 AA) runs at each step.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchJourneyTests(BrowserFixture browser)
{
    // No other browser test uses this type; the portal is shared by the collection.
    private const string Type = "Goda exempel";
    private const string TypeName = "GodaExempel";

    [Fact]
    public async Task An_employee_searches_from_the_header_filters_by_unit_and_opens_a_hit()
    {
        var (title, unitName) = await ArrangeAsync();
        var page = await browser.NewPageAsync(phone: true);
        await page.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);

        // 1. The header's search box, on the start page (on the phone behind "Meny").
        await page.GetByRole(AriaRole.Button, new() { Name = "Meny" }).ClickAsync();
        var header = page.GetByRole(AriaRole.Search, new() { Name = "Sök i portalen" });
        await header.GetByRole(AriaRole.Searchbox, new() { Name = "Sökord" }).FillAsync("förbättringar i hemtjänsten");
        await header.GetByRole(AriaRole.Button, new() { Name = "Sök" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sök");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 träffar.");
        await Assertions.Expect(page.Locator("ol.hits mark").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // 2. Narrow to one unit: the facet link says how many hits it leads to.
        var facets = page.GetByRole(AriaRole.Navigation, new() { Name = "Filtrera träffarna" });
        await facets.GetByRole(AriaRole.Link, new() { Name = unitName }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 träffar.");
        await Assertions.Expect(page.Locator("ol.hits > li")).ToHaveCountAsync(2);
        await Assertions.Expect(facets.Locator("a[aria-current='true']")).ToContainTextAsync(unitName);
        await page.AssertAccessibleAsync();

        // 3. Open a hit.
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        Assert.Contains($"/innehall/{TypeName}/", page.Url, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        // The results page at desktop width, too (facets beside the hits).
        var desktop = await browser.NewPageAsync();
        await desktop.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await desktop.GotoAsync("/sok?q=" + Uri.EscapeDataString("hemtjänst") + "&sortering=nyast");
        await Assertions.Expect(desktop.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 träffar.");
        await desktop.AssertAccessibleAsync();

        await page.Context.CloseAsync();
        await desktop.Context.CloseAsync();
    }

    /// <summary>A type everyone may read, with three items in two units; returns one title and the busier unit's name.</summary>
    private async Task<(string Title, string UnitName)> ArrangeAsync()
    {
        var portal = browser.Portal;
        await using var scope = portal.CreateScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IContentDefinitionStore>();
        var type = new ContentTypeDefinition
        {
            Name = TypeName,
            DisplayName = Type,
            Drafts = false,
            Fields = [new() { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.LongText, Searchable = true, Order = 1 }],
        };
        Assert.Empty(await store.SaveAsync(type));
        await store.GetAllAsync();
        var permissions = services.GetRequiredService<IPermissionService>();
        var grants = new HashSet<string>(await permissions.GetGrantsAsync("Medarbetare"), StringComparer.Ordinal) { ContentPermissions.Name(TypeName, ContentAction.ViewAll) };
        await permissions.SetGrantsAsync("Medarbetare", grants);

        var db = services.GetRequiredService<PortalDbContext>();
        var units = await db.Set<OrganisationUnit>().Where(u => u.Code == "FVO-HEM-O" || u.Code == "KLF-KVAL").ToDictionaryAsync(u => u.Code);
        var owner = (await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.ManagerEmail))!.Id;
        var contents = services.GetRequiredService<IContentManager>();
        const string title = "Förbättrad kontinuitet i hemtjänsten";
        await contents.CreateAsync(type, new ContentChange(title, units["FVO-HEM-O"].Id, new JsonObject { ["beskrivning"] = "Färre personer per brukare: en förbättring som brukarna märkte direkt." }), owner, publish: true);
        await contents.CreateAsync(type, new ContentChange("Nyckelfri hemtjänst", units["FVO-HEM-O"].Id, new JsonObject { ["beskrivning"] = "Digitala lås gav förbättringar i både säkerhet och tid." }), owner, publish: true);
        await contents.CreateAsync(type, new ContentChange("Kvalitetsdialog med hemtjänsten", units["KLF-KVAL"].Id, new JsonObject { ["beskrivning"] = "Kvalitetsavdelningen följer upp förbättringarna." }), owner, publish: true);
        await portal.Services.GetRequiredService<SearchIndexer>().WaitForCatchUpAsync(TimeSpan.FromSeconds(30));
        return (title, units["FVO-HEM-O"].Name);
    }
}
