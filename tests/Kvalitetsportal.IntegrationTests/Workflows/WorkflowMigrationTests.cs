using System.Text.Json.Nodes;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.IntegrationTests.Contents;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Workflows;

public sealed class WorkflowMigrationTests(WorkflowEditorPortal portal) : IClassFixture<WorkflowEditorPortal>
{
    private const string Base = "/admin/arbetsfloden";

    private static WorkflowDefinition Definition(string type, string assessing) => new()
    {
        ContentType = type,
        DisplayName = "Bedömning",
        InitialState = "Inskickad",
        States =
        [
            new() { Name = "Inskickad" },
            new() { Name = assessing },
            new() { Name = "Beslutad", Final = true },
        ],
        Transitions =
        [
            new() { Id = "bedom", From = "Inskickad", To = assessing, Label = "Bedöm", Roles = [WorkflowEditorPortal.AssessorRole] },
            new() { Id = "besluta", From = assessing, To = "Beslutad", Label = "Besluta", Roles = [WorkflowEditorPortal.AssessorRole], CommentRequired = true },
        ],
    };

    private async Task SaveAsync(WorkflowDefinition definition)
    {
        await using var scope = portal.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync(definition, null);
        Assert.True(result.Saved, string.Join(" ", result.Problems.Select(p => p.Message)));
    }

    /// <summary>An item running on <paramref name="version"/> in <paramref name="state"/>, published (so it has a published and a latest row).</summary>
    private async Task<string> RunningItemAsync(string type, string title, int version, string state)
    {
        var item = await ContentsArrange.CreateItemAsync(portal, type, PortalFactory.EmployeeEmail, title, new JsonObject { ["beskrivning"] = "Text" });
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Data.PortalDbContext>();
        var row = await db.Set<ContentItem>().SingleAsync(i => i.ContentItemId == item.ContentItemId && i.Latest);
        row.WorkflowState = state;
        row.Published = true;
        var started = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
        db.Add(new WorkflowInstance { ContentItemId = item.ContentItemId, ContentType = type, DefinitionVersion = version, StartedUtc = started, EnteredStateUtc = started });
        await db.SaveChangesAsync();
        return item.ContentItemId;
    }

    [Fact]
    public async Task Items_on_an_older_version_move_with_the_state_mapping_in_one_go_with_history_and_audit()
    {
        var type = await portal.TypeAsync("WfFlytta");
        await SaveAsync(Definition(type, "Under bedömning"));
        var waiting = await RunningItemAsync(type, "Väntar", 1, "Inskickad");
        var assessed = await RunningItemAsync(type, "Bedöms", 1, "Under bedömning");
        var decided = await RunningItemAsync(type, "Klart", 1, "Beslutad");
        await SaveAsync(Definition(type, "Bedöms"));

        var admin = await portal.AdminAsync();
        var editor = await admin.GetStringAsync($"{Base}/{type}");
        Assert.Contains("3 (version 1: 3)", editor);
        Assert.Contains($"href=\"{Base}/{type}/flytta\"", editor);

        // Same-name states are chosen already; the renamed one must be chosen by the administrator.
        var page = await admin.GetStringAsync($"{Base}/{type}/flytta");
        var form = HtmlForm.Read(page, "migration-form");
        Assert.Equal("Inskickad", form.Value("Map[0].To"));
        Assert.Equal("", form.Value("Map[1].To"));
        Assert.Equal("Beslutad", form.Value("Map[2].To"));

        var refused = await admin.Http.PostAsync(new Uri($"{Base}/{type}/flytta", UriKind.Relative), new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        var refusedPage = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Välj vilket steg i version 2 ärendena i \"Under bedömning\" ska till.", refusedPage);
        Assert.Contains("href=\"#Map_1__To\"", refusedPage);
        Assert.Equal(1, await InstanceVersionAsync(assessed));

        var moved = await admin.Http.PostAsync(new Uri($"{Base}/{type}/flytta", UriKind.Relative),
            new FormUrlEncodedContent(form.With("Map[1].To", "Bedöms").Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        Assert.Contains("3 ärenden är flyttade från version 1 till version 2.", await admin.FollowAsync(moved));

        foreach (var id in new[] { waiting, assessed, decided })
        {
            Assert.Equal(2, await InstanceVersionAsync(id));
        }

        var (instance, rows, history) = await portal.QueryAsync(async db => (
            await db.Set<WorkflowInstance>().SingleAsync(i => i.ContentItemId == assessed),
            await db.Set<ContentItem>().Where(i => i.ContentItemId == assessed).ToListAsync(),
            await db.Set<WorkflowHistoryEntry>().Where(h => h.ContentItemId == assessed).ToListAsync()));
        Assert.Equal(2, instance.Revision);
        Assert.True(instance.EnteredStateUtc > new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc));
        Assert.All(rows.Where(r => r.Latest || r.Published), r => Assert.Equal("Bedöms", r.WorkflowState));
        var line = Assert.Single(history);
        Assert.Null(line.TransitionId);
        Assert.Equal("Under bedömning", line.FromState);
        Assert.Equal("Bedöms", line.ToState);
        Assert.Equal("Flyttad till version 2", line.Comment);
        Assert.Equal(2, line.DefinitionVersion);
        Assert.NotNull(line.ActorId);

        // A state that did not change keeps its entry time.
        var unchanged = await portal.QueryAsync(db => db.Set<WorkflowInstance>().SingleAsync(i => i.ContentItemId == waiting));
        Assert.Equal(new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc), unchanged.EnteredStateUtc);

        var audit = await portal.QueryAsync(db => db.Set<AuditEvent>().Where(e => e.SubjectId == type && e.Category == "Arbetsflöden").OrderBy(e => e.Id).ToListAsync());
        Assert.Contains("Flyttade ärenden", audit[^1].Changes);
        Assert.Contains("Under bedömning", audit[^1].Changes);

        var after = await admin.GetStringAsync($"{Base}/{type}/flytta");
        Assert.Contains("Alla pågående ärenden går redan på version 2.", after);
    }

    [Fact]
    public async Task A_mapping_to_a_state_the_new_version_lacks_moves_nothing()
    {
        var type = await portal.TypeAsync("WfFlyttaFel");
        await SaveAsync(Definition(type, "Under bedömning"));
        var item = await RunningItemAsync(type, "Ett förslag", 1, "Under bedömning");
        await SaveAsync(Definition(type, "Bedöms"));

        await using var scope = portal.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Workflows.WorkflowEditor.WorkflowMigrator>();
        var result = await migrator.MigrateAsync(type, 1, new Dictionary<string, string> { ["Under bedömning"] = "Under bedömning" }, null, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("Välj ett steg i version 2", Assert.Single(result.Problems));

        var partial = await migrator.MigrateAsync(type, 1, new Dictionary<string, string> { ["Inskickad"] = "Inskickad" }, null, CancellationToken.None);
        Assert.False(partial.Succeeded);
        Assert.Contains("\"Under bedömning\"", Assert.Single(partial.Problems));

        Assert.Equal(1, await InstanceVersionAsync(item));
        Assert.Equal(0, await portal.QueryAsync(db => db.Set<WorkflowHistoryEntry>().CountAsync(h => h.ContentItemId == item)));
        Assert.Equal("Under bedömning", (await ContentsArrange.LatestAsync(portal, item))!.WorkflowState);
    }

    [Fact]
    public async Task Moved_items_keep_their_reminder_clock_and_get_the_new_versions_timers()
    {
        var type = await portal.TypeAsync("WfFlyttaTimer");
        static StartTimerActivity Reminder(int days) => new()
        {
            After = TimeSpan.FromDays(days),
            Action = TimerAction.Remind,
            To = new Recipient { Kind = RecipientKind.Role, Value = WorkflowEditorPortal.AssessorRole },
            Subject = "Påminnelse: {{ item.title }}",
            Body = "Ärendet väntar.",
        };

        var v1 = Definition(type, "Under bedömning");
        v1.States[0].Activities = [Reminder(14)];
        await SaveAsync(v1);
        var waiting = await RunningItemAsync(type, "Väntar på bedömning", 1, "Inskickad");
        // Entered yesterday, so that no timer is due while the test runs.
        var entered = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(-1), DateTimeKind.Utc);
        var carried = await portal.QueryAsync(async db =>
        {
            await db.Set<WorkflowInstance>().Where(i => i.ContentItemId == waiting).ExecuteUpdateAsync(u => u.SetProperty(i => i.EnteredStateUtc, entered));
            var timer = new Kvalitetsportal.Workflows.Timers.WorkflowTimer
            {
                ContentItemId = waiting, ContentType = type, DefinitionVersion = 1, State = "Inskickad", InstanceRevision = 0,
                ActivityKey = "state:Inskickad:0", DueUtc = entered.AddDays(14), CreatedUtc = entered,
            };
            db.Add(timer);
            await db.SaveChangesAsync();
            return timer.Id;
        });

        // Version 2 keeps the reminder and adds a second one after 30 days to the same state.
        var v2 = Definition(type, "Bedöms");
        v2.States[0].Activities = [Reminder(14), Reminder(30)];
        await SaveAsync(v2);

        await using (var scope = portal.CreateScope())
        {
            var migrator = scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Workflows.WorkflowEditor.WorkflowMigrator>();
            var result = await migrator.MigrateAsync(type, 1, new Dictionary<string, string> { ["Inskickad"] = "Inskickad" }, null, CancellationToken.None);
            Assert.True(result.Succeeded, string.Join(" ", result.Problems));
        }

        var (instance, timers) = await portal.QueryAsync(async db => (
            await db.Set<WorkflowInstance>().SingleAsync(i => i.ContentItemId == waiting),
            await db.Set<Kvalitetsportal.Workflows.Timers.WorkflowTimer>().Where(t => t.ContentItemId == waiting).OrderBy(t => t.ActivityKey).ToListAsync()));
        Assert.Equal(2, timers.Count);
        Assert.All(timers, t =>
        {
            Assert.Equal(Kvalitetsportal.Workflows.Timers.TimerStatus.Pending, t.Status);
            Assert.Equal(2, t.DefinitionVersion);
            Assert.Equal(instance.Revision, t.InstanceRevision);
        });

        // The 14-day reminder is the same timer, still due 14 days after the item entered the state;
        // the new 30-day one counts from that entry too, not from the migration.
        Assert.Equal(carried, timers[0].Id);
        Assert.Equal(entered.AddDays(14), timers[0].DueUtc);
        Assert.Equal("state:Inskickad:1", timers[1].ActivityKey);
        Assert.Equal(entered.AddDays(30), timers[1].DueUtc);
    }

    [Fact]
    public async Task A_timer_the_new_version_no_longer_has_is_cancelled_with_a_reason()
    {
        var type = await portal.TypeAsync("WfFlyttaTimerBort");
        var v1 = Definition(type, "Under bedömning");
        v1.States[0].Activities = [new StartTimerActivity { After = TimeSpan.FromDays(7), Action = TimerAction.Transition, TransitionId = "bedom" }];
        await SaveAsync(v1);
        var waiting = await RunningItemAsync(type, "Ska inte flyttas av timer", 1, "Inskickad");
        await portal.QueryAsync(async db =>
        {
            db.Add(new Kvalitetsportal.Workflows.Timers.WorkflowTimer
            {
                ContentItemId = waiting, ContentType = type, DefinitionVersion = 1, State = "Inskickad", InstanceRevision = 0,
                ActivityKey = "state:Inskickad:0", DueUtc = DateTime.UtcNow.AddDays(7), CreatedUtc = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        await SaveAsync(Definition(type, "Bedöms"));

        await using (var scope = portal.CreateScope())
        {
            var migrator = scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Workflows.WorkflowEditor.WorkflowMigrator>();
            Assert.True((await migrator.MigrateAsync(type, 1, new Dictionary<string, string> { ["Inskickad"] = "Inskickad" }, null, CancellationToken.None)).Succeeded);
        }

        var timer = await portal.QueryAsync(db => db.Set<Kvalitetsportal.Workflows.Timers.WorkflowTimer>().SingleAsync(t => t.ContentItemId == waiting));
        Assert.Equal(Kvalitetsportal.Workflows.Timers.TimerStatus.Cancelled, timer.Status);
        Assert.Equal("Ärendet flyttades till version 2 av arbetsflödet.", timer.Outcome);
    }

    private Task<int> InstanceVersionAsync(string id) =>
        portal.QueryAsync(db => db.Set<WorkflowInstance>().Where(i => i.ContentItemId == id).Select(i => i.DefinitionVersion).SingleAsync());
}
