using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Infrastructure;

/// <summary>One headless Debian Chromium for the whole run, and one portal on a loopback port.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public BrowserPortal Portal { get; } = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Portal).InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("KP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // The machine has no network beyond loopback; these keep Chromium from reaching out.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (own cookies) at desktop or phone size.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.ServerAddress.ToString(),
            Locale = "sv-SE",
            ViewportSize = phone ? new ViewportSize { Width = 375, Height = 740 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await ((IAsyncLifetime)Portal).DisposeAsync();
    }
}

public sealed class BrowserPortal : PortalFactory
{
    protected override bool UseRealServer => true;
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
