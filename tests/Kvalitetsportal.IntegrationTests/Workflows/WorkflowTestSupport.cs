using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Workflows.Instances;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Workflows;

/// <summary>
/// The portal with the "Förbättringsförslag" workflow (reminder after two seconds) and an SMTP
/// server of its own, plus a second recipe with state-dependent visibility and a timer that
/// closes items. Arranged once per test class.
/// </summary>
public sealed class SuggestionPortal() : WorkflowPortal(TestSmtpServer.StartNew(), settings: new Dictionary<string, string?> { ["Workflows:WebhookSecrets:kvalitet"] = WebhookSecret })
{
    public const string WebhookSecret = "hemligt-för-test";

    public const string InternalType = "Internarende";
    public const string RoundType = "Omgang";
    public const string CoordinatorEmail = "sara.samordnare@kvalitetsportal.local";
    public static readonly TimeSpan RemindAfter = TimeSpan.FromSeconds(6);

    private readonly SemaphoreSlim _arrange = new(1, 1);
    private bool _arranged;

    public async Task ArrangeAsync()
    {
        await _arrange.WaitAsync();
        try
        {
            if (!_arranged)
            {
                await RunRecipeAsync(SuggestionRecipe(RemindAfter));
                await RunRecipeAsync(VisibilityRecipe);
                _arranged = true;
            }
        }
        finally
        {
            _arrange.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        _arrange.Dispose();
    }

    /// <summary>
    /// "Internt ärende": the submitter sees it while it is new and when it is done, not while it is
    /// investigated (only "Bedömare" then); a new one goes to the manager of the submitter's unit.
    /// "Ansökningsomgång": a timer closes it a second after it is opened.
    /// </summary>
    private const string VisibilityRecipe = """
        { "steps": [
          { "name": "users", "users": [
            { "email": "sara.samordnare@kvalitetsportal.local", "displayName": "Sara Samordnare", "unit": "FVO-HEM-O", "roles": [ "Idésluss-samordnare" ], "passwordSetting": "Setup:SamplePassword" }
          ] },
          { "name": "contentTypes", "types": [
            { "name": "Internarende", "displayName": "Internt ärende", "drafts": false, "unitFromSubmitter": true, "fields": [ { "name": "text", "label": "Beskrivning", "kind": "LongText", "order": 1 } ] },
            { "name": "Omgang", "displayName": "Ansökningsomgång", "drafts": false, "fields": [] }
          ] },
          { "name": "contentPermissions", "grants": [
            { "role": "Medarbetare", "type": "Internarende", "actions": [ "Create", "ViewOwn" ] },
            { "role": "Idésluss-samordnare", "type": "Internarende", "actions": [ "ViewAll" ] },
            { "role": "Bedömare", "type": "Internarende", "actions": [ "ViewAll" ] },
            { "role": "Medarbetare", "type": "Omgang", "actions": [ "Create", "ViewOwn" ] }
          ] },
          { "name": "workflows", "workflows": [
            { "contentType": "Internarende", "initialState": "Ny",
              "states": [
                { "name": "Ny", "description": "Ärendet har kommit in till din chef.", "ownerCanView": true,
                  "activities": [ { "kind": "assign", "label": "Till chefen", "to": { "kind": "UnitManager" } } ] },
                { "name": "Utreds", "description": "Ärendet utreds.", "ownerCanView": false, "viewRoles": [ "Bedömare" ] },
                { "name": "Klar", "description": "Ärendet är klart.", "final": true, "ownerCanView": true }
              ],
              "transitions": [
                { "id": "utred", "from": "Ny", "to": "Utreds", "label": "Utred", "roles": [ "Bedömare" ] },
                { "id": "klar", "from": "Utreds", "to": "Klar", "label": "Avsluta", "roles": [ "Bedömare" ] }
              ] },
            { "contentType": "Omgang", "initialState": "Öppen",
              "states": [
                { "name": "Öppen", "description": "Omgången tar emot ansökningar.",
                  "activities": [ { "kind": "startTimer", "label": "Stäng vid tidens slut", "after": "00:00:01", "action": "Transition", "transitionId": "stang" } ] },
                { "name": "Stängd", "description": "Omgången är stängd.", "final": true }
              ],
              "transitions": [ { "id": "stang", "from": "Öppen", "to": "Stängd", "label": "Stäng", "roles": [ "Administratör" ] } ] }
          ] }
        ] }
        """;
}

/// <summary>What tests do in the portal, as its users would, and what they read back from its database.</summary>
internal static partial class WorkflowSteps
{
    public static string Detail(string id, string type = WorkflowPortal.Type) => $"/innehall/{type}/{id}";

    public static async Task<PortalClient> SignInAsync(PortalFactory portal, string email, string password = PortalFactory.SamplePassword)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, password);
        return client;
    }

    /// <summary>Submits a "Förbättringsförslag" through the form; returns its id.</summary>
    public static async Task<string> SubmitAsync(PortalClient client, string title, string description = "Skyltarna är små och sitter fel.", string type = WorkflowPortal.Type, params (string Name, string Value)[] more)
    {
        var form = $"/innehall/{type}/ny";
        var response = await client.PostFieldsAsync(form, form, [("Title", title), ("f.beskrivning", description), ("f.text", description), ("SaveAs", "skicka"), .. more]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/innehall/{type}/", location, StringComparison.Ordinal);
        return location[(location.LastIndexOf('/') + 1)..];
    }

    /// <summary>Presses a transition's button on the item's page (with the revision the page shows).</summary>
    public static async Task<HttpResponseMessage> TakeAsync(PortalClient client, string id, string transition, string? comment = null, string type = WorkflowPortal.Type, int? revision = null)
    {
        var page = Detail(id, type);
        var html = await client.GetStringAsync(page);
        var fields = new List<(string, string)> { ("Transition", transition), ("Comment", comment ?? "") };
        var shown = RevisionOf(html);
        if ((revision ?? shown) is int r)
        {
            fields.Add(("Revision", r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return await client.PostFieldsAsync(page, page + "/arbetsflode", fields);
    }

    public static int? RevisionOf(string html) =>
        RevisionField().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static async Task<JsonNode> ApiTakeAsync(PortalClient client, string id, string transition, string? comment, int? revision, HttpStatusCode expected, string type = WorkflowPortal.Type)
    {
        var response = await ApiPostAsync(client, $"/api/content/{type}/{id}/workflow/transitions", new { transition, comment, revision });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static async Task<HttpResponseMessage> ApiPostAsync(PortalClient client, string url, object body)
    {
        var token = JsonNode.Parse(await client.GetStringAsync("/api/antiforgery"))!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add((string)token["headerName"]!, (string)token["token"]!);
        return await client.Http.SendAsync(request);
    }

    public static async Task<ContentItem> LatestAsync(PortalFactory portal, string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ContentItem>().AsNoTracking().SingleAsync(i => i.ContentItemId == id && i.Latest);
    }

    public static async Task<WorkflowInstance> InstanceAsync(PortalFactory portal, string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.ContentItemId == id);
    }

    public static async Task<List<WorkflowHistoryEntry>> HistoryAsync(PortalFactory portal, string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WorkflowHistoryEntry>().AsNoTracking()
            .Where(h => h.ContentItemId == id).OrderBy(h => h.Id).ToListAsync();
    }

    public static async Task<List<OutboxMessage>> OutboxAsync(PortalFactory portal, string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ContentItemId == id).OrderBy(m => m.Id).ToListAsync();
    }

    public static async Task<List<WorkflowTimer>> TimersAsync(PortalFactory portal, string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WorkflowTimer>().AsNoTracking()
            .Where(t => t.ContentItemId == id).OrderBy(t => t.Id).ToListAsync();
    }

    /// <summary>Polls until the condition holds (background work: timers, the outbox), or fails saying what was awaited.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Väntade i {seconds} s på: {what} (sist lästes: {value})");
            }

            await Task.Delay(100);
            value = await read();
        }

        return value;
    }

    public static string Text(MimeKit.MimeMessage message) => message.TextBody ?? "";

    public static string Decode(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("name=\"Revision\" value=\"(\\d+)\"")]
    private static partial Regex RevisionField();
}
