using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Infrastructure;

/// <summary>What every page with &lt;chart&gt; elements must show in Chromium: each chart drawn, with a size, and nothing refused by the CSP.</summary>
public static class ChartAssertions
{
    /// <summary>Collects the console's Content-Security-Policy messages and the page's script errors from now on.</summary>
    public static List<string> WatchForCspViolationsAndErrors(this IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // The portal has no favicon; Chromium asks for one on its own and logs the 404.
            var favicon = message.Location.Contains("/favicon.ico", StringComparison.Ordinal);
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || (message.Type == "error" && !favicon))
            {
                problems.Add($"{message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => problems.Add("pageerror: " + error);
        return problems;
    }

    /// <summary>
    /// Waits until every chart the tag helper wrote is drawn, then fails unless each canvas has a size
    /// on screen and a bitmap (width and height above 0) and is named for screen readers beside a table.
    /// Returns how many charts there are.
    /// </summary>
    public static async Task<int> AssertChartsDrawnAsync(this IPage page, int expected)
    {
        var canvases = page.Locator("canvas[data-chart-table], canvas[data-chart-json]");
        await Assertions.Expect(canvases).ToHaveCountAsync(expected);
        await Assertions.Expect(page.Locator("canvas[data-chart-drawn=true]")).ToHaveCountAsync(expected, new() { Timeout = 10_000 });
        for (var i = 0; i < expected; i++)
        {
            var canvas = canvases.Nth(i);
            var box = await canvas.BoundingBoxAsync();
            var bitmap = await canvas.EvaluateAsync<int[]>("c => [c.width, c.height]");
            var name = await canvas.GetAttributeAsync("aria-label");
            var table = await canvas.GetAttributeAsync("data-chart-table");
            Assert.True(box is { Width: > 100, Height: > 50 }, $"Diagram {i + 1} ({name}) är {box?.Width}×{box?.Height} px på sidan.");
            Assert.True(bitmap[0] > 0 && bitmap[1] > 0, $"Diagram {i + 1} ({name}) har en bild på {bitmap[0]}×{bitmap[1]} px.");
            Assert.Equal("img", await canvas.GetAttributeAsync("role"));
            Assert.False(string.IsNullOrWhiteSpace(name));
            if (table is not null)
            {
                await Assertions.Expect(page.Locator($"table#{table}")).ToBeVisibleAsync();
            }
        }

        return expected;
    }
}
