using System.Text.Json.Nodes;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>The portal with Idésluss (its recipe), for the manager's journey alone.</summary>
public sealed class ManagerScreeningBrowserFixture : SmtpBrowserFixture;

[CollectionDefinition(Name)]
public sealed class ManagerScreeningBrowserCollection : ICollectionFixture<ManagerScreeningBrowserFixture>
{
    public const string Name = "manager-screening-browser";
}

/// <summary>
/// Issue 16's "Done when", in Chromium: Karl, Chef of Hemtjänst öster, finds the new idea of his
/// own unit in the ideas list and screens it ("Börja pröva"); the new idea of another unit (HR)
/// is neither listed nor reachable by its address. axe (WCAG 2.1 AA) on every page visited.
/// </summary>
[Collection(ManagerScreeningBrowserCollection.Name)]
public sealed class ManagerScreeningJourneyTests(ManagerScreeningBrowserFixture browser)
{
    private const string OwnTitle = "Nyckelskåp med kod i hemtjänsten öster";
    private const string OtherTitle = "Digitala lönebesked för timanställda";

    [Fact]
    public async Task A_manager_screens_an_idea_from_his_own_unit_and_does_not_see_another_units()
    {
        var (ownId, otherId) = await SeedIdeasAsync();

        var karl = await browser.NewPageAsync();
        await karl.SignInAsync(PortalFactory.ManagerEmail, PortalFactory.SamplePassword);
        await karl.GotoAsync("/innehall/Ide");
        await Assertions.Expect(karl.GetByRole(AriaRole.Link, new() { Name = OwnTitle })).ToBeVisibleAsync();
        await Assertions.Expect(karl.GetByRole(AriaRole.Link, new() { Name = OtherTitle })).ToHaveCountAsync(0);
        await karl.AssertAccessibleAsync();

        await karl.GetByRole(AriaRole.Link, new() { Name = OwnTitle }).ClickAsync();
        await Assertions.Expect(karl.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(OwnTitle);
        await karl.AssertAccessibleAsync();

        await karl.GotoAsync($"/ideer/{ownId}");
        var workflow = karl.GetByRole(AriaRole.Region, new() { Name = "Ärendets gång" });
        await karl.AssertAccessibleAsync();
        await workflow.GetByRole(AriaRole.Button, new() { Name = "Börja pröva", Exact = true }).ClickAsync();
        await Assertions.Expect(karl.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ärendet har gått vidare till \"Under prövning\".");
        await karl.AssertAccessibleAsync();

        // Another unit's idea: not even its address tells that it exists.
        var response = await karl.GotoAsync($"/ideer/{otherId}");
        Assert.Equal(404, response!.Status);
        var viaContents = await karl.GotoAsync($"/innehall/Ide/{otherId}");
        Assert.Equal(404, viaContents!.Status);

        // The header search does not find it either.
        await karl.GotoAsync("/sok?q=" + Uri.EscapeDataString("lönebesked"));
        await Assertions.Expect(karl.GetByRole(AriaRole.Link, new() { Name = OtherTitle })).ToHaveCountAsync(0);
        await karl.AssertAccessibleAsync();
    }

    private async Task<(string Own, string Other)> SeedIdeasAsync()
    {
        await using var scope = browser.Portal.CreateScope();
        var services = scope.ServiceProvider;
        var anna = (await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.EmployeeEmail))!;
        var hr = await services.GetRequiredService<PortalDbContext>().Set<OrganisationUnit>().Where(u => u.Code == "KLF-HR").Select(u => u.Id).SingleAsync();
        var type = (await services.GetRequiredService<IContentDefinitionStore>().GetAsync("Ide"))!;
        var contents = services.GetRequiredService<IContentManager>();

        async Task<string> IdeaAsync(string title, int? unit) =>
            (await contents.CreateAsync(type, new ContentChange(title, unit, new JsonObject
            {
                ["problem"] = "Det tar tid i dag: " + title.ToLowerInvariant() + ".",
                ["forWhom"] = "Medarbetare",
                ["solution"] = title,
                ["area"] = "Arbetsmiljö",
            }), anna.Id, publish: true)).ContentItemId;

        var own = await IdeaAsync(OwnTitle, anna.OrganisationUnitId);
        var other = await IdeaAsync(OtherTitle, hr);
        await services.GetRequiredService<SearchIndexer>().WaitForCatchUpAsync(TimeSpan.FromSeconds(30));
        return (own, other);
    }
}
