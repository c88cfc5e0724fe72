using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.IntegrationTests.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.InternKontroll;

/// <summary>
/// The portal with the default recipe (Intern kontroll enabled), mail to a real in-process SMTP server,
/// a clock tests move, timers and schedules polling often, and the people of two nämnder and
/// Kommunstyrelsen's controller (made once, by a recipe, as an administrator would).
/// </summary>
public sealed class InternKontrollPortal() : WorkflowPortal(
    TestSmtpServer.StartNew(),
    settings: new Dictionary<string, string?> { ["Recurring:PollSeconds"] = "0.2" },
    clock: new ShiftableClock())
{
    public const string OwnerVo = "ika.vo@kvalitetsportal.local";
    public const string ChiefVo = "chef.vo@kvalitetsportal.local";
    public const string ResponsibleVo = "ansvarig.vo@kvalitetsportal.local";
    public const string OwnerSoc = "ika.soc@kvalitetsportal.local";
    public const string Controller = "controller.ks@kvalitetsportal.local";

    private readonly SemaphoreSlim _arrange = new(1, 1);
    private bool _arranged;

    public async Task EnsurePeopleAsync()
    {
        await _arrange.WaitAsync();
        try
        {
            if (!_arranged)
            {
                await RunRecipeAsync("""
                    { "name": "Intern kontroll i test", "steps": [ { "name": "users", "users": [
                      { "email": "ika.vo@kvalitetsportal.local", "displayName": "Ines Internkontroll", "unit": "DN-VO", "roles": ["Medarbetare", "Internkontrollansvarig"], "passwordSetting": "Setup:SamplePassword" },
                      { "email": "chef.vo@kvalitetsportal.local", "displayName": "Frida Förvaltningschef", "unit": "DN-VO", "roles": ["Medarbetare", "Förvaltningschef"], "passwordSetting": "Setup:SamplePassword" },
                      { "email": "ansvarig.vo@kvalitetsportal.local", "displayName": "Olle Ansvarig", "unit": "DN-VO", "roles": ["Medarbetare"], "passwordSetting": "Setup:SamplePassword" },
                      { "email": "ika.soc@kvalitetsportal.local", "displayName": "Sune Socialnämnden", "unit": "DN-SOC", "roles": ["Medarbetare", "Internkontrollansvarig"], "passwordSetting": "Setup:SamplePassword" },
                      { "email": "controller.ks@kvalitetsportal.local", "displayName": "Karin Controller", "unit": "KS", "roles": ["Medarbetare", "Controller intern kontroll"], "passwordSetting": "Setup:SamplePassword" }
                    ] } ] }
                    """);
                _arranged = true;
            }
        }
        finally
        {
            _arrange.Release();
        }
    }

    public async Task<PortalClient> SignedInAsync(string email)
    {
        await EnsurePeopleAsync();
        var client = PortalClient.Create(this);
        await client.SignInOrFailAsync(email, SamplePassword);
        return client;
    }
}

/// <summary>A plan with a process and a control point, made as the internkontrollansvarig's forms save them.</summary>
internal sealed record ArrangedPlan(string Plan, string Process, string Point, string Word);

internal static class ControlArrange
{
    public static async Task<ArrangedPlan> PlanAsync(InternKontrollPortal portal, string ownerEmail = InternKontrollPortal.OwnerVo, string unitCode = "DN-VO")
    {
        await portal.EnsurePeopleAsync();
        var word = "ikplan" + Guid.NewGuid().ToString("N")[..10];
        var owner = await UsersArrange.UserIdAsync(portal, ownerEmail);
        var responsible = await UsersArrange.UserIdAsync(portal, InternKontrollPortal.ResponsibleVo);
        var unit = await UsersArrange.UnitIdAsync(portal, unitCode);
        var plan = await CreateAsync(portal, ControlTypes.Plan, $"Internkontrollplan {word}", owner, unit, new JsonObject { ["year"] = 2026, ["description"] = $"Planen {word}." });
        var process = await CreateAsync(portal, ControlTypes.Process, "Inköp och fakturahantering", owner, unit, new JsonObject { ["plan"] = plan, ["processOwner"] = "Ekonomichefen" });
        var point = await CreateAsync(portal, ControlTypes.Point, $"Attest av leverantörsfakturor {word}", owner, unit, new JsonObject
        {
            ["plan"] = plan,
            ["process"] = process,
            ["goal"] = "Tillförlitlig finansiell rapportering och information om verksamheten",
            ["motivation"] = "Risken för felaktiga utbetalningar är värderad som hög.",
            ["method"] = "Stickprov i ekonomisystemet.",
            ["frequency"] = "Varje kvartal",
            ["sample"] = "10 fakturor",
            ["responsible"] = responsible,
            ["reportDate"] = "2026-10-31",
            ["reportedTo"] = "Nämnden",
        });
        return new ArrangedPlan(plan, process, point, word);
    }

    /// <summary>A check of the point, as the quarterly schedule creates it (owner and unit of the point).</summary>
    public static async Task<string> CheckAsync(InternKontrollPortal portal, ArrangedPlan plan, string period = "2026-K2")
    {
        var point = await LatestAsync(portal, plan.Point);
        return await CreateAsync(portal, ControlTypes.Check, $"Kontroll {period}", point.OwnerId, point.OrganisationUnitId, new JsonObject { ["kontrollmoment"] = plan.Point, ["period"] = period });
    }

    public static async Task<string> CreateAsync(PortalFactory portal, string typeName, string title, string owner, int? unit, JsonObject data)
    {
        await using var scope = portal.CreateScope();
        var type = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(typeName) ?? throw new InvalidOperationException(typeName + " saknas");
        var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange(title, unit, data), owner, publish: true);
        return item.ContentItemId;
    }

    public static async Task<ContentItem> LatestAsync(PortalFactory portal, string id)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IContentManager>().GetLatestAsync(id) ?? throw new InvalidOperationException("saknas");
    }

    public static async Task<List<ContentItem>> ActionsOfAsync(PortalFactory portal, string checkId)
    {
        await using var scope = portal.CreateScope();
        var all = scope.ServiceProvider.GetRequiredService<IContentQuery>().Latest.Where(i => i.ContentType == ControlTypes.Action).ToList();
        return [.. all.Where(a => ControlTypes.Text(a.GetData()["kontroll"]) == checkId)];
    }

    /// <summary>The report form as the browser posts it (multipart, the page's revision and token).</summary>
    public static async Task<HttpResponseMessage> ReportAsync(PortalClient client, string checkId, string outcome, string comment)
    {
        var url = Kvalitetsportal.InternKontroll.InternKontrollUrls.Check(checkId);
        var html = await client.GetStringAsync(url);
        var revision = System.Text.RegularExpressions.Regex.Match(html, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value;
        var content = new MultipartFormDataContent
        {
            { new StringContent(revision), "Revision" },
            { new StringContent(outcome), "f.outcome" },
            { new StringContent(comment), "f.comment" },
        };
        return await client.PostMultipartAsync(url, url, content);
    }

}
