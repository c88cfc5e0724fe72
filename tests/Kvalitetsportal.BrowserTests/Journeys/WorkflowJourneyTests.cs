using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

/// <summary>
/// The workflow issue's "Done when", in the browser at phone size: an employee submits a
/// "Förbättringsförslag", the assessor finds it under "Mina uppgifter" and decides with a comment
/// (first forgetting it), the submitter sees the state, its meaning, the comment and the history,
/// and the decision reaches the SMTP server. axe (WCAG 2.1 AA) runs on every page visited.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class WorkflowJourneyTests(WorkflowBrowserFixture browser)
{
    private const string Title = "Tydligare skyltar vid Åsens äldreboende";
    private const string Comment = "Vi beställer nya skyltar till entrén och hissarna. Tack för förslaget!";

    [Fact]
    public async Task An_employee_submits_the_assessor_decides_and_the_submitter_sees_the_decision()
    {
        // 1. Anna submits from her phone; the item starts in "Inskickad", held by the assessors.
        var anna = await browser.NewPageAsync(phone: true);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/innehall/Forbattringsforslag/ny");
        await anna.GetByLabel("Rubrik").FillAsync(Title);
        await anna.GetByLabel("Beskriv förslaget").FillAsync("Besökare hittar inte rätt avdelning.");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        var workflow = anna.GetByRole(AriaRole.Region, new() { Name = "Ärendets gång" });
        await Assertions.Expect(workflow).ToContainTextAsync("Inskickad");
        await Assertions.Expect(workflow).ToContainTextAsync("En bedömare tittar på det inom kort.");
        await Assertions.Expect(workflow).ToContainTextAsync("Bedömare (roll)");
        await Assertions.Expect(workflow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await anna.AssertAccessibleAsync();
        var itemPath = new Uri(anna.Url).AbsolutePath;

        // 2. Bertil, the assessor, finds it under "Mina uppgifter" on his start page.
        var bertil = await browser.NewPageAsync(phone: true);
        await bertil.SignInAsync(WorkflowPortal.AssessorEmail, PortalFactory.SamplePassword);
        await bertil.GotoAsync("/");
        var tasks = bertil.GetByRole(AriaRole.Region, new() { Name = "Mina uppgifter" });
        await Assertions.Expect(tasks.GetByRole(AriaRole.Row).Filter(new() { HasText = Title })).ToContainTextAsync("Inskickad");
        await bertil.GetByRole(AriaRole.Button, new() { Name = "Meny" }).ClickAsync(); // the phone's folded header
        await Assertions.Expect(bertil.GetByRole(AriaRole.Link, new() { Name = "Notiser (1 oläst)" })).ToBeVisibleAsync();
        await bertil.AssertAccessibleAsync();
        await tasks.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await bertil.WaitForURLAsync("**" + itemPath);
        await bertil.AssertAccessibleAsync();

        await bertil.GetByRole(AriaRole.Button, new() { Name = "Börja bedöma" }).ClickAsync();
        await Assertions.Expect(bertil.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ärendet har gått vidare till \"Under bedömning\".");

        // 3. He decides without a comment: refused, with an error summary that leads to the box.
        await bertil.GetByRole(AriaRole.Button, new() { Name = "Besluta: genomförs" }).ClickAsync();
        var summary = bertil.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Det finns fel i formuläret");
        await Assertions.Expect(summary).ToContainTextAsync("Skriv en kommentar för att ta steget \"Besluta: genomförs\".");
        var comment = bertil.GetByLabel("Kommentar");
        await Assertions.Expect(comment).ToHaveAttributeAsync("aria-invalid", "true");
        await bertil.AssertAccessibleAsync();
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(comment).ToBeFocusedAsync();

        await comment.FillAsync(Comment);
        await bertil.GetByRole(AriaRole.Button, new() { Name = "Besluta: genomförs" }).ClickAsync();
        await Assertions.Expect(bertil.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ärendet har gått vidare till \"Genomförs\".");
        await bertil.AssertAccessibleAsync();

        // 4. Anna sees the decision, what it means, the comment and the whole history.
        await anna.ReloadAsync();
        workflow = anna.GetByRole(AriaRole.Region, new() { Name = "Ärendets gång" });
        await Assertions.Expect(workflow).ToContainTextAsync("Genomförs");
        await Assertions.Expect(workflow).ToContainTextAsync("Förslaget ska genomföras.");
        var history = workflow.GetByRole(AriaRole.Table);
        await Assertions.Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(4); // header + three moves
        var decision = history.GetByRole(AriaRole.Row).Filter(new() { HasText = Comment });
        await Assertions.Expect(decision).ToContainTextAsync(WorkflowPortal.AssessorName);
        await Assertions.Expect(decision).ToContainTextAsync("Under bedömning");
        await Assertions.Expect(decision).ToContainTextAsync("Genomförs");
        await anna.AssertAccessibleAsync();

        // 5. ... and the decision is in her mailbox.
        var mail = await browser.Smtp.WaitForAsync(m => m.Subject == $"Beslut om ditt förbättringsförslag: {Title}", TimeSpan.FromSeconds(20), "beslutet till Anna");
        Assert.Equal(PortalFactory.EmployeeEmail, TestSmtpServer.AddressOf(mail));
        Assert.Contains(Comment, mail.TextBody, StringComparison.Ordinal);

        // 6. The assessor's notices and their settings are accessible too.
        await bertil.GotoAsync("/notiser");
        await Assertions.Expect(bertil.GetByRole(AriaRole.Link, new() { Name = $"Nytt förbättringsförslag att bedöma: {Title}" })).ToBeVisibleAsync();
        await bertil.AssertAccessibleAsync();
        await bertil.GotoAsync("/notiser/installningar");
        await bertil.GetByLabel("I portalen och med e-post").CheckAsync();
        await bertil.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(bertil.GetByRole(AriaRole.Status).First).ToContainTextAsync("Du får notiser i portalen och med e-post.");
        await bertil.AssertAccessibleAsync();

        await anna.Context.CloseAsync();
        await bertil.Context.CloseAsync();
    }
}
