using System.Net;
using System.Net.Http.Headers;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Organisation;

/// <summary>Helpers for reading the organisation pages the way a user sees them, and the database behind them.</summary>
internal static class OrganisationPages
{
    public const string Tree = "/admin/organisation";
    public const string NewUnit = "/admin/organisation/ny";
    public const string Import = "/admin/organisation/import";

    public static string EditUrl(int id) => $"/admin/organisation/{id}/andra";

    /// <summary>The page's text with entities decoded, so that messages with quotes can be compared as the user reads them.</summary>
    public static async Task<string> TextOf(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The markup of one unit's list item in the tree, including everything nested under it.</summary>
    public static string Branch(string html, int unitId)
    {
        var start = html.IndexOf($"<li id=\"enhet-{unitId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Enhet {unitId} finns inte i trädet.");
        var depth = 0;
        var position = start;
        while (true)
        {
            var open = html.IndexOf("<li", position + 1, StringComparison.Ordinal);
            var close = html.IndexOf("</li>", position + 1, StringComparison.Ordinal);
            Assert.True(close >= 0, "Trädet är inte välformat.");
            if (open >= 0 && open < close)
            {
                depth++;
                position = open;
            }
            else if (depth == 0)
            {
                return html[start..(close + "</li>".Length)];
            }
            else
            {
                depth--;
                position = close;
            }
        }
    }

    public static void AssertRefused(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"Svarade {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/fel/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    public static async Task<OrganisationUnit?> FindUnitAsync(PortalFactory portal, string code)
    {
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Set<OrganisationUnit>().AsNoTracking().Include(u => u.Parent).SingleOrDefaultAsync(u => u.Code == code);
    }

    public static async Task<OrganisationUnit> UnitAsync(PortalFactory portal, string code) =>
        await FindUnitAsync(portal, code) ?? throw new InvalidOperationException($"Enheten {code} finns inte.");

    public static async Task<int> UnitCountAsync(PortalFactory portal)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OrganisationUnit>().CountAsync();
    }

    public static MultipartFormDataContent CsvUpload(byte[] bytes, string fileName = "organisation.csv", bool validateOnly = false)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "File", fileName);
        if (validateOnly)
        {
            content.Add(new StringContent("true"), "ValidateOnly");
        }

        return content;
    }

    public static byte[] Utf8WithBom(string text) => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)];
}
