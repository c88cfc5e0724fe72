using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.FirstDay;

/// <summary>
/// The portal as the default recipe leaves it (Idésluss on), of its own: the first-day tests
/// submit ideas, which would change the figures the Idésluss journey counts.
/// </summary>
public sealed class FirstDayBrowserFixture : SmtpBrowserFixture
{
    /// <summary>A fresh context at the phone size people reported (390 × 844) or at desktop size.</summary>
    public async Task<IPage> OpenAsync(bool phone)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.ServerAddress.ToString(),
            Locale = "sv-SE",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        return await context.NewPageAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FirstDayBrowserCollection : ICollectionFixture<FirstDayBrowserFixture>
{
    public const string Name = "first-day-browser";
}
