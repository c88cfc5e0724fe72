using System.Text.Json.Nodes;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.FirstDay;

/// <summary>
/// Issue 22, "Coordinator": "Mina uppgifter" sorts newest first and filters by words; the idea page
/// is the one page where the coordinator moves the idea on and sees its history.
/// </summary>
[Collection(FirstDayBrowserCollection.Name)]
public sealed class CoordinatorTests(FirstDayBrowserFixture browser)
{
    private const string Coordinator = "sara.samordnare@kvalitetsportal.local";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sara_finds_todays_idea_first_filters_her_tasks_and_moves_the_idea_on_its_own_page(bool phone)
    {
        var token = "Kaffe" + Guid.NewGuid().ToString("N")[..6];
        var older = $"{token} äldre idé om kaffebryggaren";
        var newer = $"{token} nyare idé om kaffekoppar";
        await SubmitIdeaAsync(older);
        await SubmitIdeaAsync(newer);

        var sara = await browser.OpenAsync(phone);
        await sara.SignInAsync(Coordinator, PortalFactory.SamplePassword);
        await sara.GotoAsync("/");
        var tasks = sara.GetByRole(AriaRole.Region, new() { Name = "Mina uppgifter" });
        await tasks.GetByRole(AriaRole.Link, new() { Name = "Nyast först" }).ClickAsync();
        await Assertions.Expect(sara.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mina uppgifter");
        await Assertions.Expect(sara.GetByLabel("Ordning")).ToHaveValueAsync("nyast");

        // Words in the title narrow the list; the newest comes first, and the other order is a choice away.
        await sara.GetByLabel("Ord i rubriken").FillAsync(token);
        await sara.GetByRole(AriaRole.Button, new() { Name = "Visa uppgifterna" }).ClickAsync();
        await Assertions.Expect(sara.GetByRole(AriaRole.Status).Filter(new() { HasText = "matchar" })).ToHaveTextAsync("2 uppgifter matchar.");
        var links = sara.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link);
        await Assertions.Expect(links).ToHaveTextAsync([newer, older]);
        await sara.AssertAccessibleAsync();

        await sara.GetByLabel("Ordning").SelectOptionAsync(new SelectOptionValue { Label = "Det som väntat längst först" });
        await sara.GetByRole(AriaRole.Button, new() { Name = "Visa uppgifterna" }).ClickAsync();
        await Assertions.Expect(links).ToHaveTextAsync([older, newer]);
        await Assertions.Expect(sara.GetByLabel("Ord i rubriken")).ToHaveValueAsync(token);

        // The task opens the idea page, where the steps she may take are, and she stays there after one.
        await links.Filter(new() { HasText = newer }).ClickAsync();
        await Assertions.Expect(sara.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(newer);
        Assert.StartsWith("/ideer/", new Uri(sara.Url).AbsolutePath, StringComparison.Ordinal);
        var ideaPath = new Uri(sara.Url).AbsolutePath;
        await Assertions.Expect(sara.GetByRole(AriaRole.Link, new() { Name = "Ärendet och arbetsflödet" })).ToHaveCountAsync(0);
        var workflow = sara.GetByRole(AriaRole.Region, new() { Name = "Ärendets gång" });
        await sara.AssertAccessibleAsync();
        await workflow.GetByRole(AriaRole.Button, new() { Name = "Börja pröva", Exact = true }).ClickAsync();
        await Assertions.Expect(sara.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ärendet har gått vidare till \"Under prövning\".");
        Assert.Equal(ideaPath, new Uri(sara.Url).AbsolutePath);
        await Assertions.Expect(sara.GetByRole(AriaRole.Region, new() { Name = "Historik" }).GetByRole(AriaRole.Row).Last).ToContainTextAsync("Under prövning");
        await sara.AssertAccessibleAsync();
        await sara.Context.CloseAsync();
    }

    private async Task SubmitIdeaAsync(string title)
    {
        await using var scope = browser.Portal.CreateScope();
        var services = scope.ServiceProvider;
        var anna = (await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.EmployeeEmail))!;
        var type = (await services.GetRequiredService<IContentDefinitionStore>().GetAsync("Ide"))!;
        await services.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange(title, anna.OrganisationUnitId, new JsonObject
        {
            ["problem"] = "Kaffet tar slut.",
            ["forWhom"] = "Alla på kontoret.",
            ["solution"] = "Beställ mer.",
        }), anna.Id, publish: true);
        await Task.Delay(20); // two ideas, one after the other
    }
}
