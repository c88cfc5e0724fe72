using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Riskanalys;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Riskanalys;

/// <summary>The portal with the default recipe (Riskanalys enabled) and a chef in another förvaltning.</summary>
public sealed class RiskPortal : PortalFactory
{
    /// <summary>Chef in Hemtjänst öster (FVO-HEM-O), from the recipe: may add and value risks there.</summary>
    public const string Karl = ManagerEmail;

    /// <summary>Medarbetare in Hemtjänst öster: sees the unit's risks, may not value them.</summary>
    public const string Anna = EmployeeEmail;

    /// <summary>Kvalitetsledare: sees every risk.</summary>
    public const string Lars = "lars.kvalitetsledare@kvalitetsportal.local";

    /// <summary>Chef in Bygglov (another förvaltning), created by the tests.</summary>
    public const string Bo = "bo.chef.bygglov@kvalitetsportal.local";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };
}

internal static partial class RiskArrange
{
    private static readonly SemaphoreSlim BoLock = new(1, 1);

    public static async Task<PortalClient> SignedInAsync(RiskPortal portal, string email)
    {
        if (email == RiskPortal.Bo)
        {
            await EnsureBoAsync(portal);
        }

        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, email == RiskPortal.Bo ? UsersArrange.Password : PortalFactory.SamplePassword);
        return client;
    }

    private static async Task EnsureBoAsync(RiskPortal portal)
    {
        await BoLock.WaitAsync();
        try
        {
            if (await UsersArrange.FindUserAsync(portal, RiskPortal.Bo) is not null)
            {
                return;
            }

            await UsersArrange.CreateUserAsync(portal, RiskPortal.Bo, "Bo Bygglovschef", "Medarbetare", "Chef");
            var unit = await UsersArrange.UnitIdAsync(portal, "FSB-BYGG");
            await using var scope = portal.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var bo = await users.FindByEmailAsync(RiskPortal.Bo) ?? throw new InvalidOperationException("Bo saknas");
            bo.OrganisationUnitId = unit;
            await users.UpdateAsync(bo);
        }
        finally
        {
            BoLock.Release();
        }
    }

    /// <summary>An item of another type whose risk list we use (a prize round stands in for a plan or a procurement).</summary>
    public static async Task<string> ItemAsync(RiskPortal portal, string title)
    {
        await using var scope = portal.CreateScope();
        var services = scope.ServiceProvider;
        var type = await services.GetRequiredService<IContentDefinitionStore>().GetAsync(PrizeTypes.Round) ?? throw new InvalidOperationException("Prisomgång saknas");
        var petra = await UsersArrange.UserIdAsync(portal, "petra.priskoordinator@kvalitetsportal.local");
        var data = new JsonObject
        {
            [PrizeTypes.CallText] = "Risklistan hör hit.",
            [PrizeTypes.OpensOn] = "2026-02-01",
            [PrizeTypes.ClosesOn] = "2026-03-01",
        };
        var item = await services.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange(title, null, data), petra, publish: true);
        return item.ContentItemId;
    }

    public static async Task<int> UnitAsync(RiskPortal portal, string code) => await UsersArrange.UnitIdAsync(portal, code);

    /// <summary>Adds a risk over HTTP as the form posts it; returns the new risk's id.</summary>
    public static async Task<string> AddAsync(RiskPortal portal, PortalClient client, string itemId, string title, string unitCode = "FVO-HEM-O", string category = "Ekonomi", string goal = "Förtroendet för kommunen upprätthålls")
    {
        var response = await PostAddAsync(portal, client, itemId, new()
        {
            ["Title"] = title,
            ["Cause"] = "Rutinen följs inte vid semester.",
            ["Consequence"] = "Brukare får inte sina insatser.",
            ["Category"] = category,
            ["Goal"] = goal,
            ["UnitId"] = (await UnitAsync(portal, unitCode)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OwnerEmail"] = RiskPortal.Karl,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/riskanalys/risker/", location);
        return location.Split('/')[3];
    }

    public static async Task<HttpResponseMessage> PostAddAsync(RiskPortal portal, PortalClient client, string itemId, Dictionary<string, string> fields) =>
        await client.PostFormAsync(RiskUrls.Add(itemId), RiskUrls.Add(itemId), fields);

    public static async Task<HttpResponseMessage> ValueAsync(PortalClient client, string riskId, string kind, string probability, string consequence, string? formPage = null) =>
        await client.PostFormAsync(formPage ?? RiskUrls.Register, RiskUrls.Value(riskId), new Dictionary<string, string>
        {
            ["kind"] = kind,
            ["probability"] = probability,
            ["consequence"] = consequence,
        });

    /// <summary>(probability, consequence, count) of the heat map's cells that hold risks, and of its table's rows.</summary>
    public static (IReadOnlyList<(int P, int C, int N)> Grid, IReadOnlyList<(int P, int C, int N)> Table) HeatMap(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Värmekartan {id} saknas");
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        var end2 = html.IndexOf("inga värderade risker", start, StringComparison.Ordinal);
        var part = html[start..(end < 0 ? (end2 < 0 ? html.Length : end2) : end)];
        var grid = Cell().Matches(part).Select(m => (Int(m, 1), Int(m, 2), Int(m, 3))).Where(c => c.Item3 > 0).OrderBy(c => c).ToList();
        var table = TableRow().Matches(part).Select(m => (Int(m, 1), Int(m, 2), Int(m, 3))).OrderBy(c => c).ToList();
        return (grid, table);
    }

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<div class=\"risk-cell [^\"]*\" data-p=\"(\\d+)\" data-c=\"(\\d+)\" data-count=\"(\\d+)\"")]
    private static partial Regex Cell();

    [GeneratedRegex("<tr data-p=\"(\\d+)\" data-c=\"(\\d+)\" data-count=\"(\\d+)\">")]
    private static partial Regex TableRow();
}
