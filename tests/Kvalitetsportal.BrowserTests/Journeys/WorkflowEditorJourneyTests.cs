using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// The workflow issue's example built in the editor, as an administrator would: Inskickad → Under
/// bedömning → Beslutad (Genomförs | Avslås), only "Bedömare" decide, a decision needs a comment and
/// mails the submitter, and an unanswered item reminds the assessors after 14 days. The core steps
/// are done with the keyboard; axe runs on every page; the graph must be drawn without any
/// Content-Security-Policy violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowEditorJourneyTests(BrowserFixture browser)
{
    // Its own technical name: the content journey creates "Forbattringsforslag" in the same portal.
    private const string Type = "ForslagBedomning";
    private const string Editor = "/admin/arbetsfloden/" + Type;
    private const string Assessor = "Bedömare";

    [Fact]
    public async Task Administrator_builds_the_improvement_proposal_workflow_with_the_keyboard()
    {
        await ArrangeAsync();
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await page.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        // The list offers to create one; the link is reached and followed with the keyboard.
        await page.GotoAsync("/admin/arbetsfloden");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Skapa arbetsflöde för Förbättringsförslag (bedömning)" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**" + Editor);
        await GraphIsDrawnAsync(page, "Under bedömning");
        await page.AssertAccessibleAsync();

        // Required fields are offered by their labels, not their technical names.
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Beskrivning av förbättringen", Exact = true }).First).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByText("(beskrivning)")).ToHaveCountAsync(0);

        // The suggested decision becomes "Besluta: genomförs", taken by Bedömare only.
        await TypeIntoAsync(page, "#Transitions_1__Label", "Besluta: genomförs");
        // The technical key is behind "Visa teknisk nyckel"; here the suggested one is replaced.
        await page.Locator("#Transitions_1_").GetByText("Visa teknisk nyckel").ClickAsync();
        await TypeIntoAsync(page, "#Transitions_1__Id", "besluta-genomfors");
        await ToggleAsync(page, "Transitions[1].Roles", "Administratör", expected: false);
        await ToggleAsync(page, "Transitions[1].Roles", Assessor, expected: true);
        await page.Locator("#Transitions_1__AllowAssignee").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#Transitions_1__AllowAssignee")).Not.ToBeCheckedAsync();

        // A second decision: "Lägg till övergång" by keyboard; focus lands on the new transition's first input.
        await PressButtonAsync(page, "Lägg till övergång");
        await FocusIsOnAsync(page, "Transitions_2__Label");
        await Assertions.Expect(page.Locator("#editor-notice")).ToContainTextAsync("Övergången är tillagd.");
        Assert.Equal("Besluta: genomförs", await page.Locator("#Transitions_1__Label").InputValueAsync()); // nothing typed was lost
        await page.Keyboard.TypeAsync("Besluta: avslås");
        // No key is typed for the new transition: it is made from the name when the workflow is checked or saved.
        await Assertions.Expect(page.Locator("#Transitions_2__Id")).ToBeHiddenAsync();
        await page.Locator("#Transitions_2__From").SelectOptionAsync(new SelectOptionValue { Label = "Under bedömning" });
        await page.Locator("#Transitions_2__To").SelectOptionAsync(new SelectOptionValue { Label = "Beslutad" });
        await ToggleAsync(page, "Transitions[2].Roles", Assessor, expected: true);
        await page.Locator("#Transitions_2__CommentRequired").FocusAsync();
        await page.Keyboard.PressAsync("Space");

        // The rejection mails the submitter too.
        await page.Locator("#Transitions_2__NewActivityKind").SelectOptionAsync(new SelectOptionValue { Label = "Skicka e-post" });
        // The button was named when the transition had no label yet ("Övergång 3"): find it by what it does.
        await PressAsync(page, page.Locator("button[value='add:Transitions[2].Activities']"));
        await FocusIsOnAsync(page, "Transitions_2__Activities_0__Label");
        await page.Keyboard.TypeAsync("Mejla beslutet");
        Assert.Equal("Owner", await page.Locator("#Transitions_2__Activities_0__ToKind").InputValueAsync());
        await TypeIntoAsync(page, "#Transitions_2__Activities_0__Subject", "Beslut om {{ item.title }}");
        await TypeIntoAsync(page, "#Transitions_2__Activities_0__Body", "Ditt förslag avslås.\n\nMotivering: {{ comment }}");

        // An unanswered item reminds the assessors after 14 days in "Under bedömning".
        await page.Locator("#States_1__NewActivityKind").SelectOptionAsync(new SelectOptionValue { Label = "Timer: påminnelse eller automatisk övergång" });
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Lägg till aktivitet för steget Under bedömning", Exact = true }));
        await page.Keyboard.TypeAsync("Påminn bedömarna");
        await TypeIntoAsync(page, "#States_1__Activities_0__AfterDays", "14");
        Assert.False(await page.Locator("#States_1__Activities_0__ToRole").IsVisibleAsync()); // shown only for "Alla i en roll"
        await page.Locator("#States_1__Activities_0__ToKind").SelectOptionAsync(new SelectOptionValue { Label = "Alla i en roll" });
        await page.Locator("#States_1__Activities_0__ToRole").SelectOptionAsync(Assessor);
        await TypeIntoAsync(page, "#States_1__Activities_0__Subject", "Påminnelse: {{ item.title }} väntar på beslut");
        await TypeIntoAsync(page, "#States_1__Activities_0__Body", "{{ item.title }} har väntat i 14 dagar: {{ item.url }}");

        // A mistake first: the error summary takes focus, links to the input, and nothing typed is lost.
        await page.Locator("#Transitions_0__Label").FillAsync("");
        await PressButtonAsync(page, "Spara");
        await FocusIsOnAsync(page, "error-summary");
        var summary = page.Locator("#error-summary");
        Assert.Contains("saknar text på knappen", await summary.InnerTextAsync());
        Assert.DoesNotContain("nyckeln", await summary.InnerTextAsync());
        await page.Locator("#Transitions_2_").GetByText("Visa teknisk nyckel").ClickAsync();
        Assert.Equal("besluta-avslas", await page.Locator("#Transitions_2__Id").InputValueAsync());
        Assert.Equal("Påminnelse: {{ item.title }} väntar på beslut", await page.Locator("#States_1__Activities_0__Subject").InputValueAsync());
        await page.AssertAccessibleAsync();
        await summary.GetByRole(AriaRole.Link).First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#Transitions_0__Label").FocusAsync();
        await page.Keyboard.TypeAsync("Påbörja bedömning");

        // The rejection mail as it would read, before saving: shown beside it, with focus on it.
        await PressAsync(page, page.Locator("#Transitions_2_").GetByRole(AriaRole.Button, new() { Name = "Förhandsgranska mejlet" }));
        await FocusIsOnAsync(page, "Transitions_2__Activities_0__Preview");
        var preview = await page.Locator("#Transitions_2__Activities_0__Preview").InnerTextAsync();
        Assert.Contains("Så här blir mejlet", preview);
        Assert.Contains("Ditt förslag avslås.", preview);
        Assert.Contains("Motivering: (kommentaren som skrivs vid övergången)", preview);
        Assert.Equal("Påbörja bedömning", await page.Locator("#Transitions_0__Label").InputValueAsync()); // nothing typed was lost
        await page.AssertAccessibleAsync();

        await PressButtonAsync(page, "Spara");
        await page.WaitForURLAsync("**" + Editor);
        Assert.Contains("Arbetsflödet är sparat som version 1.", await page.Locator("main").InnerTextAsync());
        await GraphIsDrawnAsync(page, "Besluta: avslås");
        await page.AssertAccessibleAsync();
        var textVersion = await page.Locator(".wf-graph-text").InnerTextAsync();
        Assert.Contains("\"Besluta: genomförs\" till Beslutad", textVersion);
        Assert.Contains("\"Besluta: avslås\" till Beslutad", textVersion);

        await AssertStoredAsync();

        foreach (var url in new[] { "/admin/arbetsfloden", Editor + "/versioner", Editor + "/importera", Editor + "/flytta" })
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Ok, $"{url} svarade {response.Status}");
            await page.AssertAccessibleAsync();
        }

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    private async Task ArrangeAsync()
    {
        await using var scope = browser.Portal.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
        if (await roles.FindByNameAsync(Assessor) is null)
        {
            Assert.True((await roles.CreateAsync(new PortalRole(Assessor) { Description = "Bedömer förbättringsförslag." })).Succeeded);
        }

        var problems = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(new ContentTypeDefinition
        {
            Name = Type,
            DisplayName = "Förbättringsförslag (bedömning)",
            TitleLabel = "Rubrik",
            Fields =
            [
                new() { Name = "beskrivning", Label = "Beskrivning av förbättringen", Kind = FieldKind.LongText, Required = true, Order = 1 },
                new() { Name = "nytta", Label = "Förväntad nytta", Kind = FieldKind.LongText, Order = 2 },
            ],
        });
        Assert.Empty(problems);
    }

    private async Task AssertStoredAsync()
    {
        await using var scope = browser.Portal.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().GetCurrentAsync(Type);
        Assert.NotNull(stored);
        var (definition, version) = stored.Value;
        Assert.Equal(1, version);
        Assert.Equal(["Inskickad", "Under bedömning", "Beslutad"], definition.States.Select(s => s.Name));
        foreach (var id in new[] { "besluta-genomfors", "besluta-avslas" })
        {
            var decision = definition.Transition(id)!;
            Assert.Equal(("Under bedömning", "Beslutad"), (decision.From, decision.To));
            Assert.Equal([Assessor], decision.Roles);
            Assert.False(decision.AllowAssignee);
            Assert.True(decision.CommentRequired);
            var mail = Assert.IsType<SendMailActivity>(Assert.Single(decision.Activities));
            Assert.Equal(RecipientKind.Owner, mail.To.Kind);
        }

        Assert.Equal("Ditt förslag avslås.\n\nMotivering: {{ comment }}", ((SendMailActivity)definition.Transition("besluta-avslas")!.Activities[0]).Body);
        var timer = Assert.IsType<StartTimerActivity>(Assert.Single(definition.States[1].Activities));
        Assert.Equal(TimeSpan.FromDays(14), timer.After);
        Assert.Equal(TimerAction.Remind, timer.Action);
        Assert.Equal(RecipientKind.Role, timer.To!.Kind);
        Assert.Equal(Assessor, timer.To.Value);
    }

    private static async Task GraphIsDrawnAsync(IPage page, string text)
    {
        var svg = page.Locator("#workflow-graph[data-drawn=true] svg");
        await svg.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Contains(text, await svg.TextContentAsync());

        // Styled by mermaid's own stylesheet (allowed by the nonce), not left black-on-black.
        var fill = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#workflow-graph .node rect, #workflow-graph .node path')).fill");
        Assert.NotEqual("rgb(0, 0, 0)", fill);
    }

    private static async Task TypeIntoAsync(IPage page, string selector, string text)
    {
        await page.Locator(selector).FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task ToggleAsync(IPage page, string group, string value, bool expected)
    {
        var box = page.Locator($"input[type=checkbox][name='{group}'][value='{value}']");
        await box.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(box).ToBeCheckedAsync(new() { Checked = expected });
    }

    /// <summary>Focus is put by the page's script once it has run: wait for it as a user would.</summary>
    private static Task FocusIsOnAsync(IPage page, string id) =>
        Assertions.Expect(page.Locator("#" + id)).ToBeFocusedAsync(new() { Timeout = 15_000 });

    private static Task PressButtonAsync(IPage page, string name) =>
        PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).First);

    private static async Task PressAsync(IPage page, ILocator button)
    {
        await button.FocusAsync();
        // Every editor button posts the form: wait for the next document's load event. (Not a
        // string predicate: evaluating one is eval, which the page's CSP rightly forbids.)
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage e) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await page.Keyboard.PressAsync("Enter");
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }
}
