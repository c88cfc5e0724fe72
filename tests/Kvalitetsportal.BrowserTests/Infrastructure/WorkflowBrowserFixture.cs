using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Infrastructure;

/// <summary>
/// Chromium and a portal of its own whose mail goes to an SMTP server in the test process. What
/// else the portal needs (a recipe, sample data) is arranged by <see cref="ArrangeAsync"/>.
/// </summary>
public abstract class SmtpBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public TestSmtpServer Smtp { get; } = TestSmtpServer.StartNew();

    public WorkflowPortal Portal { get; }

    public IBrowser Browser { get; private set; } = null!;

    protected SmtpBrowserFixture()
    {
        Portal = new WorkflowPortal(Smtp, realServer: true);
    }

    /// <summary>Runs once the portal is up, before the browser starts.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Portal).InitializeAsync();
        await ArrangeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("KP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

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
        Smtp.Dispose();
    }
}

/// <summary>
/// The SMTP portal with the "Förbättringsförslag" workflow made by its recipe (as an administrator's would be).
/// </summary>
public sealed class WorkflowBrowserFixture : SmtpBrowserFixture
{
    protected override Task ArrangeAsync() => Portal.RunRecipeAsync(WorkflowPortal.SuggestionRecipe(TimeSpan.FromHours(1)));
}

[CollectionDefinition(Name)]
public sealed class WorkflowBrowserCollection : ICollectionFixture<WorkflowBrowserFixture>
{
    public const string Name = "workflow-browser";
}

/// <summary>
/// The SMTP portal as the default recipe leaves it: the Idésluss feature on (its own recipe has
/// shipped the idea types and workflows), a coordinator and a quality lead among the sample users.
/// </summary>
public sealed class IdeslussBrowserFixture : SmtpBrowserFixture;

[CollectionDefinition(Name)]
public sealed class IdeslussBrowserCollection : ICollectionFixture<IdeslussBrowserFixture>
{
    public const string Name = "idesluss-browser";
}
