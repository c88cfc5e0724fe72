using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Infrastructure;

public static class PageExtensions
{
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/konto/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(email);
        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        try
        {
            // A polling check of the address, not WaitForURL: that waits for a navigation event and
            // could miss a redirect that had already finished; the first page after a portal's
            // start can also be slow on a busy machine.
            await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/konto/logga-in"), new() { Timeout = 60_000 });
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            // Say what the sign-in page said, rather than only that it never left.
            throw new InvalidOperationException($"{email} kom inte förbi inloggningen ({page.Url}):\n" + await page.Locator("main").InnerTextAsync());
        }
    }

    /// <summary>Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and fails with every violation spelled out.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var violations = results.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Nodes.Select(n => string.Join(" ", n.Target) + " — " + n.Html)))
            .ToList();
        Assert.True(violations.Count == 0, $"axe hittade {violations.Count} problem på {page.Url}:\n" + string.Join("\n", violations));
    }
}
