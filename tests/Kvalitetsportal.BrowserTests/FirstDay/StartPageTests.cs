using System.Text.Json.Nodes;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.FirstDay;

/// <summary>Issue 22, "The start page is not a way in": the Idésluss block offers "Dela en idé", the unit's pulse and the newest good examples.</summary>
[Collection(FirstDayBrowserCollection.Name)]
public sealed class StartPageTests(FirstDayBrowserFixture browser)
{
    private const string Coordinator = "sara.samordnare@kvalitetsportal.local";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_start_page_shares_an_idea_shows_the_units_pulse_and_the_newest_good_examples(bool phone)
    {
        var anna = await browser.OpenAsync(phone);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/");
        var ideas = anna.GetByRole(AriaRole.Region, new() { Name = "Idéer" });
        await Assertions.Expect(ideas.GetByRole(AriaRole.Link, new() { Name = "Dela en idé" })).ToBeVisibleAsync();
        var inProgress = await FigureAsync(anna, "Idéer på gång");
        var implemented = await FigureAsync(anna, $"Genomförda i år ({DateTime.UtcNow.Year})");
        await anna.AssertAccessibleAsync();

        // One more idea of hers in progress, one implemented and made a good example.
        var example = "Lånecyklar " + Guid.NewGuid().ToString("N")[..6];
        await SeedAsync("Väntande idé " + Guid.NewGuid().ToString("N")[..6], implement: false);
        await SeedAsync(example, implement: true);

        await anna.ReloadAsync();
        Assert.Equal(inProgress + 1, await FigureAsync(anna, "Idéer på gång"));
        Assert.Equal(implemented + 1, await FigureAsync(anna, $"Genomförda i år ({DateTime.UtcNow.Year})"));
        var examples = ideas.GetByRole(AriaRole.List, new() { Name = "Nya goda exempel" });
        await Assertions.Expect(examples.GetByRole(AriaRole.Listitem).First).ToContainTextAsync(example);
        await anna.AssertAccessibleAsync();

        // The way in: from the start page straight to the idea form.
        await ideas.GetByRole(AriaRole.Link, new() { Name = "Dela en idé" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dela en idé");
        await anna.GoBackAsync();
        await examples.GetByRole(AriaRole.Link, new() { Name = example }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(example);
        await anna.Context.CloseAsync();
    }

    private static async Task<int> FigureAsync(IPage page, string term)
    {
        var text = await page.Locator("dl.pulse > div").Filter(new() { Has = page.GetByRole(AriaRole.Term).Filter(new() { HasText = term }) }).GetByRole(AriaRole.Definition).InnerTextAsync();
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task SeedAsync(string title, bool implement)
    {
        await using var scope = browser.Portal.CreateScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var anna = (await users.FindByEmailAsync(PortalFactory.EmployeeEmail))!;
        var sara = (await users.FindByEmailAsync(Coordinator))!;
        var type = (await services.GetRequiredService<IContentDefinitionStore>().GetAsync("Ide"))!;
        var idea = await services.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange(title, anna.OrganisationUnitId, new JsonObject
        {
            ["problem"] = "Det är långt mellan husen.",
            ["forWhom"] = "Hemtjänsten.",
            ["solution"] = "Elcyklar att låna.",
        }), anna.Id, publish: true);
        if (!implement)
        {
            return;
        }

        var actor = new WorkflowActor(sara.Id, sara.DisplayName, new HashSet<string>(["Medarbetare", "Idésluss-samordnare"], StringComparer.Ordinal), null);
        var engine = services.GetRequiredService<WorkflowEngine>();
        foreach (var (transition, comment) in new[] { ("borja-prova", (string?)null), ("skicka-till-bedomning", "Prövad."), ("genomfor-direkt", "Genomförd.") })
        {
            var result = await engine.TakeAsync(actor, idea.ContentItemId, transition, comment, expectedRevision: null);
            Assert.True(result.Succeeded, result.Message);
        }

        var latest = (await services.GetRequiredService<IContentManager>().GetLatestAsync(idea.ContentItemId))!;
        await services.GetRequiredService<IdeaService>().SetGoodExampleAsync(latest, true, "Fem elcyklar köptes in.", "Kortare restider.", sara.Id, CancellationToken.None);
    }
}
