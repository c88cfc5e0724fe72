using System.Text;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Recurring.Running;
using Kvalitetsportal.Recurring.Schedules;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Recurring;

/// <summary>
/// A portal whose clock tests move forward, with the schedules' service polling often, and the types
/// "Kontrollpunkt" (source, workflow Aktiv → Avslutad) and "Kontroll" (created, workflow starting in "Att göra").
/// </summary>
public sealed class RecurringPortal : PortalFactory
{
    public const string Source = "Kontrollpunkt";
    public const string Target = "Kontroll";

    public RecurringPortal(ShiftableClock clock) => Clock = clock;

    private RecurringPortal(RecurringPortal before)
        : base(before.DataFolder, before.PostgresDatabase) => Clock = before.Clock;

    public ShiftableClock Clock { get; }

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Recurring:PollSeconds"] = "0.2",
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };

    public RecurringPortal Restart() => new(this);

    /// <summary>Stops the portal and removes its data (unless kept for a restart) when disposed.</summary>
    public IAsyncDisposable Stopping() => new Stopper(this);

    private sealed class Stopper(RecurringPortal portal) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await ((IAsyncLifetime)portal).DisposeAsync();
    }

    /// <summary>A second node: the same database and clock, its own data folder.</summary>
    public RecurringPortal SecondNode()
    {
        var node = new RecurringPortal(Clock);
        node.UseDatabaseOf(this);
        return node;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public static async Task<RecurringPortal> StartAsync(ShiftableClock? clock = null, bool withTypes = true)
    {
        var portal = new RecurringPortal(clock ?? new ShiftableClock());
        await ((IAsyncLifetime)portal).InitializeAsync();
        if (withTypes)
        {
            await portal.RunRecipeAsync(TypesRecipe);
        }

        return portal;
    }

    public async Task RunRecipeAsync(string json)
    {
        await using var scope = CreateScope();
        await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));
    }

    public async Task<string> AdminIdAsync()
    {
        await using var scope = CreateScope();
        var person = await scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Organisation.Data.IPersonDirectory>().FindByEmailAsync(AdminEmail);
        return person!.Id;
    }

    /// <summary>A control point owned by the administrator; submitted (in "Aktiv") or kept as a draft.</summary>
    public async Task<string> AddControlPointAsync(string title, bool submitted = true)
    {
        var owner = await AdminIdAsync();
        await using var scope = CreateScope();
        var type = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(Source);
        var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().CreateAsync(type!, new ContentChange(title, null, []), owner, publish: submitted);
        return item.ContentItemId;
    }

    public async Task<IReadOnlyList<ContentItem>> CreatedAsync()
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IContentQuery>().Latest.Where(i => i.ContentType == Target).OrderBy(i => i.DisplayText).ToListAsync();
    }

    public async Task<IReadOnlyList<RecurringRun>> RunsAsync(string schedule)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var id = await db.Set<RecurringSchedule>().Where(s => s.Name == schedule).Select(s => s.Id).SingleAsync();
        return await db.Set<RecurringRun>().AsNoTracking().Where(r => r.ScheduleId == id).OrderBy(r => r.PeriodKey).ThenBy(r => r.SourceItemId).ToListAsync();
    }

    public async Task<RecurringSchedule> ScheduleAsync(string name)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<RecurringSchedule>().AsNoTracking().SingleAsync(s => s.Name == name);
    }

    /// <summary>Runs the due periods now, as the service does on its next wake-up.</summary>
    public async Task RunDueAsync()
    {
        await using var scope = CreateScope();
        await scope.ServiceProvider.GetRequiredService<ScheduleRunner>().RunDueAsync(CancellationToken.None);
    }

    /// <summary>Waits until <paramref name="done"/> holds (the background service works on its own).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> done, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not hold in time.");
            await Task.Delay(100);
        }
    }

    public static string Schedule(string name, string period, string extra) => $$"""
        { "name": "Schema", "steps": [ { "name": "recurring", "schedules": [ {
          "name": "{{name}}", "contentType": "Kontroll", "period": "{{period}}", "day": 1, {{extra}}
        } ] } ] }
        """;

    private const string TypesRecipe = """
        {
          "name": "Kontroller",
          "steps": [
            { "name": "contentTypes", "types": [
              { "name": "Kontrollpunkt", "displayName": "Kontrollpunkt", "drafts": true, "versioned": true, "fields": [] },
              { "name": "Kontroll", "displayName": "Kontroll", "drafts": true, "versioned": true, "fields": [
                { "name": "kontrollpunkt", "label": "Kontrollpunkt", "kind": "ContentReference", "referencedType": "Kontrollpunkt", "order": 1 },
                { "name": "status", "label": "Status", "kind": "ShortText", "order": 2 }
              ] }
            ] },
            { "name": "workflows", "workflows": [
              { "contentType": "Kontrollpunkt", "displayName": "Kontrollpunkt", "initialState": "Aktiv",
                "states": [ { "name": "Aktiv", "description": "Kontrolleras." }, { "name": "Avslutad", "description": "Kontrolleras inte längre.", "final": true } ],
                "transitions": [ { "id": "avsluta", "from": "Aktiv", "to": "Avslutad", "label": "Avsluta", "roles": [ "Administratör" ] } ] },
              { "contentType": "Kontroll", "displayName": "Kontroll", "initialState": "Att göra",
                "states": [ { "name": "Att göra", "description": "Kontrollen ska göras." }, { "name": "Klar", "description": "Kontrollen är gjord.", "final": true } ],
                "transitions": [ { "id": "klar", "from": "Att göra", "to": "Klar", "label": "Klar", "roles": [ "Administratör" ] } ] }
            ] }
          ]
        }
        """;
}
