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
            // The first page after a portal's start can be slow on a busy machine (views compile on
            // first use); waiting for its DOM, not every resource, with room to spare, keeps that
            // from reading as a failed sign-in.
            await page.WaitForURLAsync(url => !url.Contains("/konto/logga-in", StringComparison.Ordinal),
                new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 90_000 });
        }
        catch (TimeoutException)
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
