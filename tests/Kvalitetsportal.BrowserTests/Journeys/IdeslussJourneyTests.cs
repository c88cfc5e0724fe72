using System.Text.Json.Nodes;
using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// The Idésluss issue's "Done when", in Chromium: Anna submits an idea from her phone and is shown
/// a similar idea while typing; Sara (Idésluss-samordnare, desktop) screens it on the board and
/// assigns Lars (Kvalitetsledare), who assesses it into PICK "Implement" without Anna's name on
/// any page he sees; Sara moves it to Genomförd; Anna gets the mails and sees the history; Sara
/// makes it a good example, and it is in the idea bank, found by the header search and counted
/// in the statistics. axe (WCAG 2.1 AA) runs on every page visited.
/// </summary>
[Collection(IdeslussBrowserCollection.Name)]
public sealed class IdeslussJourneyTests(IdeslussBrowserFixture browser)
{
    private const string Coordinator = "sara.samordnare@kvalitetsportal.local";
    private const string Assessor = "lars.kvalitetsledare@kvalitetsportal.local";
    private const string AssessorName = "Lars Lind";
    private const string GiverName = "Anna Andersson";

    private const string SimilarTitle = "Återuppringning i stället för telefonkö";
    private const string Title = "Ring upp invånarna i stället för att låta dem vänta i telefonkön";
    private const string Problem = "Invånare som ringer kontaktcenter väntar länge i telefonkön på måndagar.";
    private const string ScreeningComment = "Idén passar idéslussen. Lars bedömer effekt och insats.";
    private const string DecisionComment = "Stor effekt för liten insats: vi inför återuppringning i kontaktcenter från mars.";
    private const string WhatWasDone = "Kontaktcenter erbjuder återuppringning när kön är längre än fem minuter.";
    private const string WhatItGave = "Väntetiden i telefon halverades och klagomålen på kön försvann nästan helt.";

    [Fact]
    public async Task An_idea_goes_from_a_phone_through_screening_and_assessment_to_the_idea_bank()
    {
        await SeedSimilarIdeaAsync();

        // 1. Anna, on her phone, starts an idea: while she types, the similar idea is suggested.
        var anna = await browser.NewPageAsync(phone: true);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/ideer/ny");
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dela en idé");
        await anna.GetByLabel("Rubrik på idén").FillAsync(Title);
        await anna.GetByLabel("Vilket problem vill du lösa?").PressSequentiallyAsync(Problem, new() { Delay = 5 });
        var similar = anna.GetByRole(AriaRole.Region, new() { Name = "Liknande idéer som redan finns" });
        await Assertions.Expect(similar).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var suggestion = similar.GetByRole(AriaRole.Link, new() { Name = SimilarTitle });
        await Assertions.Expect(suggestion).ToBeVisibleAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Status).Filter(new() { HasText = "liknande" })).ToContainTextAsync("liknande idé");
        await anna.AssertAccessibleAsync();
        await AssertFitsThePhoneAsync(anna);

        // ... the suggestion leads to the idea's own page, where she could support it instead.
        var href = await suggestion.GetAttributeAsync("href");
        Assert.StartsWith("/ideer/", href, StringComparison.Ordinal);

        // She sends hers anyway (her name is not to be shown).
        await anna.GetByLabel("För vem?").FillAsync("Invånare som ringer oss, ofta äldre.");
        await anna.GetByLabel("Ditt förslag").FillAsync("Erbjud återuppringning när kön är lång.");
        await anna.GetByLabel("Vilken nytta gör det?").FillAsync("Kortare väntan och nöjdare invånare.");
        await anna.GetByLabel("Område").SelectOptionAsync("Bemötande och service");
        await Assertions.Expect(anna.GetByLabel("Mitt namn får visas för andra")).Not.ToBeCheckedAsync();
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka in idén" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tack för din idé");
        var reference = (await anna.Locator("#reference").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9A-F]{8}$", reference);
        await anna.AssertAccessibleAsync();
        await anna.GetByRole(AriaRole.Link, new() { Name = "Se din idé" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        var ideaPath = new Uri(anna.Url).AbsolutePath;
        await anna.AssertAccessibleAsync();
        await anna.GotoAsync("/innehall/mina");
        await Assertions.Expect(anna.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await anna.AssertAccessibleAsync();
        var receipt = await browser.Smtp.WaitForAsync(m => m.Subject == $"Tack för din idé \"{Title}\"", TimeSpan.FromSeconds(20), "kvittot till Anna");
        Assert.Equal(PortalFactory.EmployeeEmail, TestSmtpServer.AddressOf(receipt));
        Assert.Contains(reference, receipt.TextBody, StringComparison.Ordinal);

        // 2. Sara, the coordinator, finds it on the board under Inskickad and screens it.
        var sara = await browser.NewPageAsync();
        await sara.SignInAsync(Coordinator, PortalFactory.SamplePassword);
        await sara.GotoAsync("/ideer/tavla");
        var submitted = sara.GetByRole(AriaRole.Region, new() { Name = "Inskickad" });
        await Assertions.Expect(submitted.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await sara.AssertAccessibleAsync();
        await submitted.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await sara.WaitForURLAsync("**" + ideaPath);
        await Assertions.Expect(sara.Locator("main")).ToContainTextAsync(GiverName); // the coordinator may see who gave it
        await sara.AssertAccessibleAsync();

        // One page per idea: the step is taken on the idea page itself, which she is back on afterwards.
        await TakeAsync(sara, "Börja pröva", comment: null, "Under prövning");
        Assert.Equal(ideaPath, new Uri(sara.Url).AbsolutePath);

        // ... assigns Lars as assessor, and sends the idea to assessment with a reason.
        await sara.GotoAsync(ideaPath);
        await sara.GetByLabel("Bedömare", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = AssessorName });
        await sara.GetByRole(AriaRole.Button, new() { Name = "Tilldela bedömare" }).ClickAsync();
        await Assertions.Expect(sara.GetByRole(AriaRole.Status).First).ToContainTextAsync($"{AssessorName} bedömer nu idén");
        await sara.AssertAccessibleAsync();
        await TakeAsync(sara, "Skicka till bedömning", ScreeningComment, "Bedöms");

        // 3. Lars is told, opens the idea and assesses it: never seeing who gave it.
        var lars = await browser.NewPageAsync();
        await lars.SignInAsync(Assessor, PortalFactory.SamplePassword);
        await lars.GotoAsync("/notiser");
        var notice = lars.GetByRole(AriaRole.Link).Filter(new() { HasText = Title });
        await Assertions.Expect(notice).ToContainTextAsync("bedöma");
        await AssertAnonymousAsync(lars);
        await lars.AssertAccessibleAsync();
        await lars.GotoAsync("/");
        var tasks = lars.GetByRole(AriaRole.Region, new() { Name = "Mina uppgifter" });
        await Assertions.Expect(tasks.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await AssertAnonymousAsync(lars);
        await lars.AssertAccessibleAsync();

        await lars.GotoAsync(ideaPath);
        await Assertions.Expect(lars.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await AssertAnonymousAsync(lars);
        await lars.AssertAccessibleAsync();
        await Assertions.Expect(lars.GetByRole(AriaRole.Region, new() { Name = "Ärendets gång" })).ToContainTextAsync("Bedöms");
        await AssertAnonymousAsync(lars);
        await lars.AssertAccessibleAsync();

        await lars.GotoAsync("/innehall/Ide");
        await Assertions.Expect(lars.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await AssertAnonymousAsync(lars);
        await lars.AssertAccessibleAsync();

        await lars.GotoAsync(ideaPath);
        await lars.GetByRole(AriaRole.Link, new() { Name = "Bedöm idén" }).ClickAsync();
        await Assertions.Expect(lars.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Bedöm: {Title}");
        await AssertAnonymousAsync(lars);
        await lars.AssertAccessibleAsync();
        await lars.GetByLabel("Stor effekt").CheckAsync();
        await lars.GetByLabel("Liten insats").CheckAsync();
        await lars.GetByLabel("Nytta för invånarna").FillAsync("Invånarna slipper sitta i telefonkö.");
        await lars.GetByLabel("Genomför", new() { Exact = true }).CheckAsync();
        await lars.GetByRole(AriaRole.Button, new() { Name = "Spara bedömningen" }).ClickAsync();
        await lars.WaitForURLAsync("**" + ideaPath);
        await Assertions.Expect(lars.GetByRole(AriaRole.Status).First).ToContainTextAsync("Implement – genomför");
        await AssertAnonymousAsync(lars);
        await lars.AssertAccessibleAsync();

        // ... and search does not give the name away either.
        await IndexCaughtUpAsync();
        await lars.GotoAsync("/sok?q=" + Uri.EscapeDataString("återuppringning"));
        await Assertions.Expect(lars.Locator("ol.hits")).ToContainTextAsync(Title);
        await AssertAnonymousAsync(lars);
        await lars.AssertAccessibleAsync();

        // 4. Sara sees it in the PICK chart and moves it on to Genomförd.
        await sara.GotoAsync("/ideer/pick");
        var pickRow = sara.GetByRole(AriaRole.Row).Filter(new() { HasText = Title });
        await Assertions.Expect(pickRow).ToContainTextAsync("Implement – genomför");
        await sara.AssertAccessibleAsync();
        await sara.GotoAsync(ideaPath);
        await TakeAsync(sara, "Genomför", DecisionComment, "Genomförd");

        // 5. Anna has a mail for every step, with the reason, and sees the history on the idea's page.
        foreach (var state in new[] { "Under prövning", "Bedöms", "Genomförd" })
        {
            var mail = await browser.Smtp.WaitForAsync(m => m.Subject == $"Din idé \"{Title}\" är nu: {state}", TimeSpan.FromSeconds(20), $"steget {state} till Anna");
            Assert.Equal(PortalFactory.EmployeeEmail, TestSmtpServer.AddressOf(mail));
        }

        var implemented = browser.Smtp.Messages.Single(m => m.Subject == $"Din idé \"{Title}\" är nu: Genomförd");
        Assert.Contains(DecisionComment, implemented.TextBody, StringComparison.Ordinal);
        await anna.GotoAsync(ideaPath);
        await Assertions.Expect(anna.Locator("main")).ToContainTextAsync("Idén är genomförd.");
        var history = anna.GetByRole(AriaRole.Region, new() { Name = "Historik" });
        await Assertions.Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(5); // the header and four steps
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Last).ToContainTextAsync(DecisionComment);
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Last).ToContainTextAsync("Genomförd");
        await Assertions.Expect(history).ToContainTextAsync(ScreeningComment);
        await anna.AssertAccessibleAsync();
        await AssertFitsThePhoneAsync(anna);
        await anna.GotoAsync("/notiser");
        await Assertions.Expect(anna.GetByRole(AriaRole.Link, new() { Name = $"Din idé \"{Title}\" är nu i steget \"Genomförd\". Motivering: {DecisionComment}" })).ToBeVisibleAsync();
        await anna.AssertAccessibleAsync();

        // 6. Sara makes it a good example: it is in the idea bank and found from the header's search box.
        await sara.GotoAsync(ideaPath);
        await sara.GetByLabel("Gott exempel i idébanken").CheckAsync();
        await sara.GetByLabel("Vad gjordes?").FillAsync(WhatWasDone);
        await sara.GetByLabel("Vad gav det?").FillAsync(WhatItGave);
        await sara.GetByRole(AriaRole.Button, new() { Name = "Spara för idébanken" }).ClickAsync();
        await Assertions.Expect(sara.GetByRole(AriaRole.Status).First).ToContainTextAsync("Idén finns nu i idébanken som ett gott exempel.");
        await Assertions.Expect(sara.GetByLabel("Gott exempel i idébanken")).ToBeCheckedAsync();
        await sara.AssertAccessibleAsync();

        await anna.GotoAsync("/idebank");
        var entry = anna.GetByRole(AriaRole.Article).Filter(new() { Has = anna.GetByRole(AriaRole.Link, new() { Name = Title }) });
        await Assertions.Expect(entry).ToContainTextAsync(WhatWasDone);
        await Assertions.Expect(entry).ToContainTextAsync(WhatItGave);
        await anna.AssertAccessibleAsync();

        await IndexCaughtUpAsync();
        await anna.GotoAsync("/");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Meny" }).ClickAsync(); // the phone's folded header
        var header = anna.GetByRole(AriaRole.Search, new() { Name = "Sök i portalen" });
        await header.GetByRole(AriaRole.Searchbox, new() { Name = "Sökord" }).FillAsync("väntetiden halverades");
        await header.GetByRole(AriaRole.Button, new() { Name = "Sök" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sök");
        var hit = anna.Locator("ol.hits > li").Filter(new() { HasText = Title });
        await Assertions.Expect(hit).ToHaveCountAsync(1);
        await anna.AssertAccessibleAsync();
        await hit.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await anna.AssertAccessibleAsync();

        // 7. The statistics count it: this year's ideas, one more implemented, in its area and state.
        await sara.GotoAsync("/ideer/statistik");
        await Assertions.Expect(sara.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Idéstatistik {DateTime.UtcNow.Year}");
        var summary = sara.GetByRole(AriaRole.Main);
        await Assertions.Expect(summary).ToContainTextAsync("2 idéer, varav 2 genomförda (100 %).");
        var perState = sara.GetByRole(AriaRole.Table, new() { Name = "Idéer per steg i arbetsflödet" });
        await Assertions.Expect(perState.GetByRole(AriaRole.Row, new() { Name = "Genomförd" })).ToContainTextAsync("2");

        // The charts beside the tables are drawn with a size under the CSP, which blocks inline styles.
        await sara.AssertChartsDrawnAsync(4);
        var perArea = sara.GetByRole(AriaRole.Table, new() { Name = "Idéer per område" });
        await Assertions.Expect(perArea.GetByRole(AriaRole.Row).Filter(new() { HasText = "Bemötande och service" })).ToContainTextAsync("2");
        await sara.AssertAccessibleAsync();

        await anna.Context.CloseAsync();
        await sara.Context.CloseAsync();
        await lars.Context.CloseAsync();
    }

    /// <summary>Takes a workflow step on the item page ("Ärendets gång") and waits for the new state.</summary>
    private static async Task TakeAsync(IPage page, string transition, string? comment, string toState)
    {
        var workflow = page.GetByRole(AriaRole.Region, new() { Name = "Ärendets gång" });
        if (comment is not null)
        {
            await workflow.GetByLabel("Kommentar").FillAsync(comment);
        }

        await workflow.GetByRole(AriaRole.Button, new() { Name = transition, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Ärendet har gått vidare till \"{toState}\".");
        await page.AssertAccessibleAsync();
    }

    /// <summary>The page needs no sideways scrolling on the phone.</summary>
    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} är {widths[0]} px bred på en telefon som visar {widths[1]} px.");
    }

    /// <summary>Nothing on the page names the giver: not her name, not her address.</summary>
    private static async Task AssertAnonymousAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var html = await page.ContentAsync();
        Assert.False(text.Contains("Andersson", StringComparison.OrdinalIgnoreCase), $"Idégivarens namn syns för bedömaren på {page.Url}:\n{text}");
        Assert.False(html.Contains("anna.medarbetare", StringComparison.OrdinalIgnoreCase), $"Idégivarens e-postadress finns i sidan {page.Url}");
    }

    private Task IndexCaughtUpAsync() =>
        browser.Portal.Services.GetRequiredService<SearchIndexer>().WaitForCatchUpAsync(TimeSpan.FromSeconds(30));

    /// <summary>
    /// Karl's idea about the same queue, already implemented (so every employee may read it), in the
    /// search index before Anna starts typing.
    /// </summary>
    private async Task SeedSimilarIdeaAsync()
    {
        await using var scope = browser.Portal.CreateScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var karl = (await users.FindByEmailAsync(PortalFactory.ManagerEmail))!;
        var sara = (await users.FindByEmailAsync(Coordinator))!;
        var type = (await services.GetRequiredService<IContentDefinitionStore>().GetAsync("Ide"))!;
        var idea = await services.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange(SimilarTitle, karl.OrganisationUnitId, new JsonObject
        {
            ["problem"] = "Invånare väntar länge i telefonkön när de ringer kontaktcenter.",
            ["forWhom"] = "Invånare som ringer kommunen.",
            ["solution"] = "Låt invånarna bli uppringda i stället för att vänta i kö.",
            ["area"] = "Bemötande och service",
            ["namePublic"] = true,
        }), karl.Id, publish: true);

        var actor = new WorkflowActor(sara.Id, sara.DisplayName, new HashSet<string>(["Medarbetare", "Idésluss-samordnare"], StringComparer.Ordinal), null);
        var engine = services.GetRequiredService<WorkflowEngine>();
        foreach (var (transition, comment) in new[] { ("borja-prova", (string?)null), ("skicka-till-bedomning", "Prövad."), ("genomfor-direkt", "Genomförd i kontaktcenter.") })
        {
            var result = await engine.TakeAsync(actor, idea.ContentItemId, transition, comment, expectedRevision: null);
            Assert.True(result.Succeeded, result.Message);
        }

        await services.GetRequiredService<SearchIndexer>().WaitForCatchUpAsync(TimeSpan.FromSeconds(30));
    }
}
