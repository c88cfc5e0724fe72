using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Kvalitetspris;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Kvalitetspris;

/// <summary>The portal with the default recipe (Kvalitetspris enabled), a clock tests can move, and timers that poll often.</summary>
public class PrizePortal : PortalFactory
{
    public const string Coordinator = "petra.priskoordinator@kvalitetsportal.local";
    public const string Other = "lars.kvalitetsledare@kvalitetsportal.local";

    public ShiftableClock Clock { get; } = new();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
        ["Workflows:Timers:PollSeconds"] = "0.3",
        ["Workflows:Outbox:PollSeconds"] = "0.3",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Arranging rounds and driving the applicant's pages over HTTP, as a browser would post them.</summary>
internal static partial class PrizeArrange
{
    public static DateOnly Today(PrizePortal portal) => DateOnly.FromDateTime(SwedishTime.Of(portal.Clock.GetUtcNow()).DateTime);

    /// <summary>A published round (as the coordinator's page or the yearly schedule makes one); returns its id.</summary>
    public static async Task<string> RoundAsync(PrizePortal portal, int opensInDays = -10, int closesInDays = 10, int? maxCharacters = null)
    {
        await using var scope = portal.CreateScope();
        var services = scope.ServiceProvider;
        var type = await services.GetRequiredService<IContentDefinitionStore>().GetAsync(PrizeTypes.Round) ?? throw new InvalidOperationException("Prisomgång saknas");
        var petra = await UsersArrange.UserIdAsync(portal, PrizePortal.Coordinator);
        var today = Today(portal);
        var data = new JsonObject
        {
            [PrizeTypes.CallText] = "Ansök om kvalitetspriset Nya steg.",
            [PrizeTypes.OpensOn] = today.AddDays(opensInDays).ToString("yyyy-MM-dd"),
            [PrizeTypes.ClosesOn] = today.AddDays(closesInDays).ToString("yyyy-MM-dd"),
        };
        if (maxCharacters is int max)
        {
            data[PrizeTypes.MaxCharacters] = max;
        }

        var item = await services.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange("Nya steg " + Guid.NewGuid().ToString("N")[..6], null, data), petra, publish: true);
        return item.ContentItemId;
    }

    public static async Task<PortalClient> SignedInAsync(PortalFactory portal, string email)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, PortalFactory.SamplePassword);
        return client;
    }

    /// <summary>Step 1 (title and who applies): returns the new draft's id.</summary>
    public static async Task<string> StartAsync(PrizePortal portal, PortalClient client, string roundId, string title)
    {
        var html = await client.GetStringAsync(PrizeUrls.Apply(roundId));
        var unit = await UsersArrange.UnitIdAsync(portal, "FVO-HEM-O");
        var response = await client.PostFieldsAsync(PrizeUrls.Apply(roundId), PrizeUrls.Apply(roundId),
            [("FormToken", FormToken().Match(html).Groups[1].Value), ("title", title), ("unitId", unit.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("externalProvider", "")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/kvalitetspris/ansokan/", location);
        return location.Split('/')[3];
    }

    /// <summary>The guided form as the browser posts it: the page's revision, unit and round, the fields given.</summary>
    public static async Task<HttpResponseMessage> PostApplicationAsync(PrizePortal portal, PortalClient client, string id, string action, Dictionary<string, string>? fields = null, string? title = null)
    {
        var html = await client.GetStringAsync(PrizeUrls.Application(id));
        var values = new Dictionary<string, string>
        {
            ["Revision"] = Revision().Match(html).Groups[1].Value,
            ["Title"] = title ?? Regex.Match(html, "id=\"Title\" name=\"Title\" value=\"([^\"]*)\"").Groups[1].Value,
            ["UnitId"] = (await UsersArrange.UnitIdAsync(portal, "FVO-HEM-O")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["f.round"] = RoundInput().Match(html).Groups[1].Value,
            ["atgard"] = action,
        };
        foreach (var (key, value) in fields ?? [])
        {
            values[key] = value;
        }

        var content = new MultipartFormDataContent();
        foreach (var (key, value) in values)
        {
            content.Add(new StringContent(value), key);
        }

        return await client.PostMultipartAsync(PrizeUrls.Application(id), PrizeUrls.Application(id), content);
    }

    public static Dictionary<string, string> Complete(string areaText = "Vi arbetade i små steg och följde upp varje månad.") => new()
    {
        ["f.workDone"] = "Vi införde digital planering i hemtjänsten.",
        ["f.finishedOn"] = "2026-06-30",
        ["f.process"] = areaText,
        ["f.larande"] = "Vi lärde oss att fråga brukarna först.",
        ["f.delaktighet"] = "Alla medarbetare och tio brukare var med.",
        ["f.resultat"] = "Väntetiden halverades.",
    };

    public static async Task<ContentItem> LatestAsync(PortalFactory portal, string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IContentManager>().GetLatestAsync(id) ?? throw new InvalidOperationException("saknas");
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([^\"]+)\"")]
    public static partial Regex FormToken();

    [GeneratedRegex("name=\"Revision\" value=\"(\\d+)\"")]
    public static partial Regex Revision();

    [GeneratedRegex("name=\"f.round\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex RoundInput();

    [GeneratedRegex("KP \\d{4}/\\d{4}")]
    public static partial Regex Diarienummer();
}
