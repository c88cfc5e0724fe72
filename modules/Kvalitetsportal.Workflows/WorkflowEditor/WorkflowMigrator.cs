using System.Globalization;
using System.Text.Json.Nodes;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;
using Kvalitetsportal.Workflows.Runtime;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>The outcome of a migration: how many items moved, or why none did.</summary>
public sealed record MigrationResult(int Moved, int ToVersion, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Moves running items from an older definition version to the current one, each old state to
/// the state the administrator chose. All of it commits in one transaction or none of it does:
/// the instances, the items' state columns, a history line per item and one audit entry.
/// </summary>
public sealed class WorkflowMigrator(
    PortalDbContext db,
    IWorkflowDefinitionStore store,
    IContentDefinitionStore contentTypes,
    IContentManager contents,
    IContentQuery contentQuery,
    IAuditTrail audit,
    WorkflowSignals signals,
    TimeProvider clock)
{
    /// <param name="mapping">Old state name → new state name, for every state items are in.</param>
    public async Task<MigrationResult> MigrateAsync(string contentType, int fromVersion, IReadOnlyDictionary<string, string> mapping, string? actorId, CancellationToken cancellationToken)
    {
        var history = await store.GetHistoryAsync(contentType, cancellationToken);
        if (history.Count == 0)
        {
            return Refused("Innehållstypen har inget arbetsflöde.");
        }

        var toVersion = history[0].Version;
        if (fromVersion >= toVersion || history.All(h => h.Version != fromVersion))
        {
            return Refused($"Välj en äldre version än den nuvarande ({toVersion}).");
        }

        var target = await store.GetVersionAsync(contentType, toVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Version {toVersion} of {contentType} could not be read.");
        var badTargets = mapping.Where(m => target.State(m.Value) is null).Select(m => m.Key).ToList();
        if (badTargets.Count > 0)
        {
            return Refused($"Välj ett steg i version {toVersion} för {string.Join(", ", badTargets.Select(s => $"\"{s}\""))}.");
        }

        var type = await contentTypes.GetAsync(contentType, cancellationToken)
            ?? throw new InvalidOperationException($"Content type {contentType} could not be read.");
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var instances = await db.Set<WorkflowInstance>()
                    .Where(i => i.ContentType == contentType && i.DefinitionVersion == fromVersion)
                    .ToListAsync(cancellationToken);
                var ids = instances.Select(i => i.ContentItemId).ToList();
                var rows = (await contentQuery.Items
                        .Where(c => ids.Contains(c.ContentItemId) && (c.Latest || c.Published))
                        .ToListAsync(cancellationToken))
                    .ToLookup(c => c.ContentItemId, StringComparer.Ordinal);

                // Every state an item is in needs a place in the new version; otherwise nothing moves.
                var unmapped = rows.SelectMany(r => r).Select(r => r.WorkflowState).OfType<string>()
                    .Where(s => !mapping.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
                if (unmapped.Count > 0)
                {
                    return Refused($"Välj ett nytt steg för {string.Join(", ", unmapped.Select(s => $"\"{s}\""))}: ärenden står i det.");
                }

                var timers = (await db.Set<WorkflowTimer>()
                        .Where(t => ids.Contains(t.ContentItemId) && t.Status == TimerStatus.Pending)
                        .ToListAsync(cancellationToken))
                    .ToLookup(t => t.ContentItemId, StringComparer.Ordinal);
                var now = clock.GetUtcNow().UtcDateTime;
                var comment = $"Flyttad till version {toVersion.ToString(CultureInfo.InvariantCulture)}";
                var moved = 0;
                foreach (var instance in instances)
                {
                    var versions = rows[instance.ContentItemId].ToList();
                    var latest = versions.FirstOrDefault(v => v.Latest);
                    if (latest is null)
                    {
                        continue; // a removed item is not running; it stays on its version
                    }

                    var from = latest.WorkflowState;
                    var to = from is null ? target.InitialState : mapping[from];

                    // Contents moves the item (and so makes an edit form opened before stale, and lists and search see it).
                    if (!string.Equals(from, to, StringComparison.Ordinal))
                    {
                        await contents.MoveAsync(type, instance.ContentItemId, latest.Revision, new ContentMove(to, latest.AssignedTo), actorId ?? WorkflowActor.SystemAuthorId, cancellationToken);
                        instance.EnteredStateUtc = now;
                    }

                    instance.DefinitionVersion = toVersion;
                    instance.Revision++;
                    MoveTimers(instance, latest, target, to, timers[instance.ContentItemId], now);
                    db.Add(new WorkflowHistoryEntry
                    {
                        ContentItemId = instance.ContentItemId,
                        DefinitionVersion = toVersion,
                        TransitionId = null,
                        FromState = from,
                        ToState = to,
                        ActorId = actorId,
                        Comment = comment,
                        OccurredUtc = now,
                    });
                    moved++;
                }

                audit.Record(new AuditEntry(AuditCategories.Workflows, AuditActions.Updated, AuditSubjectTypes.Workflow, contentType,
                    string.IsNullOrWhiteSpace(target.DisplayName) ? contentType : target.DisplayName)
                {
                    ActorId = actorId,
                    Changes =
                    [
                        new AuditChange("migration", "Flyttade ärenden",
                            $"{moved.ToString(CultureInfo.InvariantCulture)} ärenden på version {fromVersion.ToString(CultureInfo.InvariantCulture)}",
                            $"version {toVersion.ToString(CultureInfo.InvariantCulture)}"),
                        .. mapping.Where(m => m.Key != m.Value).OrderBy(m => m.Key, StringComparer.Ordinal)
                            .Select(m => new AuditChange("state:" + m.Key, "Steg " + m.Key, m.Key, m.Value)),
                    ],
                });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);

                signals.NudgeTimers();
                return new MigrationResult(moved, toVersion, []);
            });
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ContentConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refused("Ett ärende ändrades medan det flyttades, så inget flyttades. Försök igen.");
        }

        MigrationResult Refused(string problem) => new(0, 0, [problem]);
    }

    /// <summary>
    /// A moved item keeps running the clock of the state it is now in: a pending timer whose
    /// activity the new version still has at the same place, for the same state, moves along with
    /// its due time; every other pending timer is cancelled; and the new state's own timers that
    /// were not carried over start, counted from when the item entered the state (so a reminder
    /// "14 days after" does not start over because an administrator migrated).
    /// </summary>
    private void MoveTimers(WorkflowInstance instance, ContentItem item, WorkflowDefinition target, string state, IEnumerable<WorkflowTimer> pending, DateTime now)
    {
        var carried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var timer in pending)
        {
            if (string.Equals(timer.State, state, StringComparison.Ordinal) && TimerFiring.Find(target, timer.ActivityKey) is StartTimerActivity)
            {
                timer.DefinitionVersion = instance.DefinitionVersion;
                timer.InstanceRevision = instance.Revision;
                carried.Add(timer.ActivityKey);
            }
            else
            {
                timer.Status = TimerStatus.Cancelled;
                timer.Outcome = $"Ärendet flyttades till version {instance.DefinitionVersion.ToString(CultureInfo.InvariantCulture)} av arbetsflödet.";
            }
        }

        var activities = target.State(state)?.Activities ?? [];
        JsonObject? data = null;
        for (var i = 0; i < activities.Count; i++)
        {
            var key = $"state:{state}:{i.ToString(CultureInfo.InvariantCulture)}";
            if (activities[i] is not StartTimerActivity activity || carried.Contains(key)
                || TimerSchedule.DueUtc(activity, instance.EnteredStateUtc, data ??= item.GetData()) is not { } due)
            {
                continue;
            }

            db.Add(new WorkflowTimer
            {
                ContentItemId = instance.ContentItemId,
                ContentType = instance.ContentType,
                DefinitionVersion = instance.DefinitionVersion,
                State = state,
                InstanceRevision = instance.Revision,
                ActivityKey = key,
                DueUtc = due,
                Status = TimerStatus.Pending,
                CreatedUtc = now,
            });
        }
    }
}
