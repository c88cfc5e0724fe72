using System.Text.Json.Nodes;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.InternKontroll;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// The portal as the default recipe leaves it (Intern kontroll on), with the people of two nämnder
/// and Kommunstyrelsen's controller, and one plan of Vård- och omsorgsnämnden with a control point and
/// the quarter's check, as the internkontrollansvarig's forms and the schedule make them.
/// </summary>
public sealed class InternKontrollBrowserFixture : SmtpBrowserFixture
{
    public const string OwnerVo = "ika.vo@kvalitetsportal.local";
    public const string OwnerSoc = "ika.soc@kvalitetsportal.local";
    public const string Controller = "controller.ks@kvalitetsportal.local";

    public string Plan { get; private set; } = "";

    public string Check { get; private set; } = "";

    protected override async Task ArrangeAsync()
    {
        await Portal.RunRecipeAsync("""
            { "name": "Intern kontroll i test", "steps": [ { "name": "users", "users": [
              { "email": "ika.vo@kvalitetsportal.local", "displayName": "Ines Internkontroll", "unit": "DN-VO", "roles": ["Medarbetare", "Internkontrollansvarig"], "passwordSetting": "Setup:SamplePassword" },
              { "email": "ika.soc@kvalitetsportal.local", "displayName": "Sune Socialnämnden", "unit": "DN-SOC", "roles": ["Medarbetare", "Internkontrollansvarig"], "passwordSetting": "Setup:SamplePassword" },
              { "email": "controller.ks@kvalitetsportal.local", "displayName": "Karin Controller", "unit": "KS", "roles": ["Medarbetare", "Controller intern kontroll"], "passwordSetting": "Setup:SamplePassword" }
            ] } ] }
            """);
        await using var scope = Portal.CreateScope();
        var services = scope.ServiceProvider;
        var owner = (await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(OwnerVo))!.Id;
        var unit = await services.GetRequiredService<PortalDbContext>().Set<OrganisationUnit>().Where(u => u.Code == "DN-VO").Select(u => u.Id).SingleAsync();
        Plan = await CreateAsync(services, ControlTypes.Plan, "Internkontrollplan 2026 vård och omsorg", owner, unit, new JsonObject { ["year"] = 2026 });
        var process = await CreateAsync(services, ControlTypes.Process, "Inköp och fakturahantering", owner, unit, new JsonObject { ["plan"] = Plan });
        var point = await CreateAsync(services, ControlTypes.Point, "Attest av leverantörsfakturor", owner, unit, new JsonObject
        {
            ["plan"] = Plan,
            ["process"] = process,
            ["goal"] = "Tillförlitlig finansiell rapportering och information om verksamheten",
            ["motivation"] = "Risken för felaktiga utbetalningar är hög.",
            ["method"] = "Stickprov i ekonomisystemet.",
            ["frequency"] = "Varje kvartal",
            ["sample"] = "10 fakturor",
            ["responsible"] = owner,
        });
        Check = await CreateAsync(services, ControlTypes.Check, "Attest av leverantörsfakturor – kvartal 1 2026", owner, unit, new JsonObject { ["kontrollmoment"] = point, ["period"] = "2026-K1" });
    }

    private static async Task<string> CreateAsync(IServiceProvider services, string typeName, string title, string owner, int unit, JsonObject data)
    {
        var type = (await services.GetRequiredService<IContentDefinitionStore>().GetAsync(typeName))!;
        return (await services.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange(title, unit, data), owner, publish: true)).ContentItemId;
    }
}

[CollectionDefinition(Name)]
public sealed class InternKontrollBrowserCollection : ICollectionFixture<InternKontrollBrowserFixture>
{
    public const string Name = "internkontroll-browser";
}

/// <summary>
/// The internkontrollansvarig's quarter in Chromium: the plan with its control point, the check
/// reported as an avvikelse without a comment (the error summary takes the focus, the choice stays),
/// then with one (the light turns red, an action appears); Kommunstyrelsen's controller sees the
/// nämnd in the overview; another nämnd's internkontrollansvarig gets "not found". Axe on every page.
/// </summary>
[Collection(InternKontrollBrowserCollection.Name)]
public sealed class InternKontrollJourneyTests(InternKontrollBrowserFixture browser)
{
    [Fact]
    public async Task A_deviation_is_reported_with_its_comment_turns_the_light_red_and_Kommunstyrelsen_sees_the_namnd()
    {
        var ines = await browser.NewPageAsync();
        await ines.SignInAsync(InternKontrollBrowserFixture.OwnerVo, PortalFactory.SamplePassword);
        await ines.GotoAsync(InternKontrollUrls.Start);
        await Assertions.Expect(ines.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Intern kontroll");
        await ines.AssertAccessibleAsync();
        await ines.GetByRole(AriaRole.Link, new() { Name = "Internkontrollplan 2026 vård och omsorg" }).ClickAsync();
        await Assertions.Expect(ines.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Internkontrollplan 2026 vård och omsorg");
        await Assertions.Expect(ines.Locator("#points")).ToContainTextAsync("Inte rapporterad");
        await ines.AssertAccessibleAsync();

        // The check: avvikelse without a comment is refused, the focus moves to the summary, the choice stays.
        await ines.GetByRole(AriaRole.Link, new() { Name = "2026-K1" }).ClickAsync();
        await ines.AssertAccessibleAsync();
        await ines.GetByLabel("Avvikelse").CheckAsync();
        await ines.GetByRole(AriaRole.Button, new() { Name = "Rapportera kontrollen" }).ClickAsync();
        var summary = ines.GetByRole(AriaRole.Alert).Filter(new() { Has = ines.GetByRole(AriaRole.Heading, new() { Name = "Det finns fel i formuläret" }) });
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Kommentar måste fyllas i när utfall är \"Avvikelse\".");
        await Assertions.Expect(ines.GetByLabel("Avvikelse")).ToBeCheckedAsync();
        await ines.AssertAccessibleAsync();

        await ines.GetByLabel("Kommentar").FillAsync("Tre av tio fakturor saknade attest.");
        await ines.GetByRole(AriaRole.Button, new() { Name = "Rapportera kontrollen" }).ClickAsync();
        await Assertions.Expect(ines.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Internkontrollplan 2026 vård och omsorg");
        await Assertions.Expect(ines.Locator("#points")).ToContainTextAsync("Röd");
        await Assertions.Expect(ines.Locator("#actions")).ToContainTextAsync("Åtgärd:");
        await ines.AssertAccessibleAsync();

        // Kommunstyrelsen's controller sees the nämnd with its deviation.
        var karin = await browser.NewPageAsync();
        await karin.SignInAsync(InternKontrollBrowserFixture.Controller, PortalFactory.SamplePassword);
        await karin.GotoAsync(InternKontrollUrls.Overview);
        await Assertions.Expect(karin.Locator("#plans")).ToContainTextAsync("Vård- och omsorgsnämnden");
        await karin.AssertAccessibleAsync();

        // Another nämnd's internkontrollansvarig: not in the list, not by URL.
        var sune = await browser.NewPageAsync();
        await sune.SignInAsync(InternKontrollBrowserFixture.OwnerSoc, PortalFactory.SamplePassword);
        await sune.GotoAsync(InternKontrollUrls.Start);
        await Assertions.Expect(sune.Locator("#no-plans")).ToBeVisibleAsync();
        var response = await sune.GotoAsync(InternKontrollUrls.Plan(browser.Plan));
        Assert.Equal(404, response!.Status);
    }
}
