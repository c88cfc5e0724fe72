using System.Text.Json;
using System.Text.Json.Serialization;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Caching;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Workflows.Definitions;

/// <summary>The result of a save: the version now current, or the problems that stopped it.</summary>
public sealed record WorkflowSaveResult(int? Version, IReadOnlyList<WorkflowProblem> Problems)
{
    public bool Saved => Problems.Count == 0;
}

public interface IWorkflowDefinitionStore
{
    /// <summary>The newest version of the type's workflow, or null when the type has none (or it is switched off).</summary>
    Task<(WorkflowDefinition Definition, int Version)?> GetCurrentAsync(string contentType, CancellationToken cancellationToken = default);

    /// <summary>A given version (versions never change, so they are cached for good).</summary>
    Task<WorkflowDefinition?> GetVersionAsync(string contentType, int version, CancellationToken cancellationToken = default);

    /// <summary>Every version of a type's workflow, newest first, without the definitions.</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> GetHistoryAsync(string contentType, CancellationToken cancellationToken = default);

    /// <summary>The content types that have a workflow, with their current version.</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> ListCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates and saves the definition as a new version when it differs from the current one,
    /// and audits it. Problems are in Swedish, with paths the editor maps to its inputs.
    /// </summary>
    Task<WorkflowSaveResult> SaveAsync(WorkflowDefinition definition, string? actorId, CancellationToken cancellationToken = default);

    /// <summary>Switches a type's workflow off (new items get none) or on again; a new version records it.</summary>
    Task SetEnabledAsync(string contentType, bool enabled, string? actorId, CancellationToken cancellationToken = default);
}

public sealed class WorkflowDefinitionStore(
    PortalDbContext db,
    IContentDefinitionStore contentTypes,
    IFusionCache cache,
    IAuditTrail audit,
    TimeProvider clock) : IWorkflowDefinitionStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new ActivityJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,

        // PostgreSQL's jsonb reorders keys, so an activity's "kind" is not always first when read back.
        AllowOutOfOrderMetadataProperties = true,
    };

    private static readonly TimeSpan CurrentMaxAge = TimeSpan.FromSeconds(5);

    /// <summary>How long an unused version stays in memory: versions never change, so this only bounds memory.</summary>
    internal static readonly TimeSpan VersionMaxAge = TimeSpan.FromHours(1);

    /// <summary>What a type's current workflow (and the rules derived from it) is cached under; a new version forgets it.</summary>
    public static string TypeTag(string contentType) => "workflows:type:" + contentType;

    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Json) ?? throw new JsonException("Tom definition.");

    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Json);

    public async Task<(WorkflowDefinition Definition, int Version)?> GetCurrentAsync(string contentType, CancellationToken cancellationToken = default)
    {
        var current = await CurrentRecordAsync(contentType, cancellationToken);
        if (current is null || !current.Enabled)
        {
            return null;
        }

        var definition = await GetVersionAsync(contentType, current.Version, cancellationToken);
        return definition is null ? null : (definition, current.Version);
    }

    public async Task<WorkflowDefinition?> GetVersionAsync(string contentType, int version, CancellationToken cancellationToken = default)
    {
        var key = $"workflows:version:{contentType}:{version}";
        if (db.Database.CurrentTransaction is not null)
        {
            // What is read here may be uncommitted: it is never shared.
            var known = await cache.TryGetAsync<WorkflowDefinition?>(key, token: cancellationToken);
            return known.HasValue && known.Value is not null ? known.Value : await ReadVersionAsync(contentType, version, cancellationToken);
        }

        return await cache.GetOrSetAsync<WorkflowDefinition?>(key, async (context, ct) =>
        {
            var definition = await ReadVersionAsync(contentType, version, ct);
            if (definition is null)
            {
                context.Options.SetSkipMemoryCacheWrite(true); // not there (yet): ask again next time
            }

            return definition;
        }, options => options.SetDuration(VersionMaxAge), token: cancellationToken);
    }

    private async Task<WorkflowDefinition?> ReadVersionAsync(string contentType, int version, CancellationToken cancellationToken)
    {
        var json = await db.Set<WorkflowDefinitionRecord>().AsNoTracking()
            .Where(d => d.ContentType == contentType && d.Version == version)
            .Select(d => d.Definition)
            .FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : Parse(json);
    }

    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> GetHistoryAsync(string contentType, CancellationToken cancellationToken = default) =>
        await db.Set<WorkflowDefinitionRecord>().AsNoTracking()
            .Where(d => d.ContentType == contentType)
            .OrderByDescending(d => d.Version)
            .Select(d => new WorkflowDefinitionRecord { Id = d.Id, ContentType = d.ContentType, Version = d.Version, Definition = "", Enabled = d.Enabled, CreatedUtc = d.CreatedUtc, CreatedBy = d.CreatedBy })
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> ListCurrentAsync(CancellationToken cancellationToken = default)
    {
        var records = db.Set<WorkflowDefinitionRecord>().AsNoTracking();
        return await records
            .Where(d => d.Version == records.Where(o => o.ContentType == d.ContentType).Max(o => o.Version))
            .OrderBy(d => d.ContentType)
            .ToListAsync(cancellationToken);
    }

    public async Task<WorkflowSaveResult> SaveAsync(WorkflowDefinition definition, string? actorId, CancellationToken cancellationToken = default)
    {
        var types = await contentTypes.GetAllAsync(cancellationToken);
        var roles = (await db.Set<PortalRole>().AsNoTracking().Select(r => r.Name!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var problems = WorkflowDefinitionValidator.Validate(definition, types.GetValueOrDefault(definition.ContentType), roles, types);
        if (problems.Count > 0)
        {
            return new WorkflowSaveResult(null, problems);
        }

        var json = Serialize(definition);
        var current = await CurrentRecordAsync(definition.ContentType, cancellationToken, fresh: true);
        // Compared as re-serialized: jsonb (PostgreSQL) gives back the same definition with other key order and spacing.
        if (current is not null && current.Enabled && Serialize(Parse(current.Definition)) == json)
        {
            return new WorkflowSaveResult(current.Version, []); // unchanged: no new version
        }

        return await AddVersionAsync(definition.ContentType, json, enabled: true, actorId, current, cancellationToken);
    }

    public async Task SetEnabledAsync(string contentType, bool enabled, string? actorId, CancellationToken cancellationToken = default)
    {
        var current = await CurrentRecordAsync(contentType, cancellationToken, fresh: true);
        if (current is not null && current.Enabled != enabled)
        {
            await AddVersionAsync(contentType, current.Definition, enabled, actorId, current, cancellationToken);
        }
    }

    private async Task<WorkflowSaveResult> AddVersionAsync(string contentType, string json, bool enabled, string? actorId, WorkflowDefinitionRecord? current, CancellationToken cancellationToken)
    {
        var version = (current?.Version ?? 0) + 1;
        var definition = Parse(json);
        db.Add(new WorkflowDefinitionRecord
        {
            ContentType = contentType,
            Version = version,
            Definition = json,
            Enabled = enabled,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actorId,
        });

        // Recorded in the same save as the version: both commit or neither does.
        audit.Record(new AuditEntry(AuditCategories.Workflows, current is null ? AuditActions.Created : AuditActions.Updated, AuditSubjectTypes.Workflow, contentType, string.IsNullOrWhiteSpace(definition.DisplayName) ? contentType : definition.DisplayName)
        {
            ActorId = actorId,
            Changes = WorkflowChanges.Describe(current is null ? null : Parse(current.Definition), current?.Enabled ?? false, definition, enabled, version),
        });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (type, version) index: someone saved a version in between.
            db.ChangeTracker.Clear();
            return new WorkflowSaveResult(null, [new WorkflowProblem("", "Någon annan sparade arbetsflödet samtidigt. Ladda om sidan och gör ändringen igen.")]);
        }

        await cache.RemoveByTagOnCommitAsync(db, [TypeTag(contentType)], cancellationToken);
        return new WorkflowSaveResult(version, []);
    }

    private async Task<WorkflowDefinitionRecord?> CurrentRecordAsync(string contentType, CancellationToken cancellationToken, bool fresh = false)
    {
        if (fresh || db.Database.CurrentTransaction is not null)
        {
            return await ReadCurrentAsync(contentType, cancellationToken);
        }

        // A save forgets it on every node (the type's tag); one that was not announced is seen within a few seconds.
        return await cache.GetOrSetAsync<WorkflowDefinitionRecord?>(
            "workflows:current:" + contentType,
            async (_, ct) => await ReadCurrentAsync(contentType, ct),
            options => options.SetDuration(CurrentMaxAge),
            [TypeTag(contentType)],
            cancellationToken);
    }

    private Task<WorkflowDefinitionRecord?> ReadCurrentAsync(string contentType, CancellationToken cancellationToken) =>
        db.Set<WorkflowDefinitionRecord>().AsNoTracking()
            .Where(d => d.ContentType == contentType)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>What changed between two versions, as audit lines a reader understands.</summary>
internal static class WorkflowChanges
{
    public static IReadOnlyList<AuditChange> Describe(WorkflowDefinition? before, bool wasEnabled, WorkflowDefinition after, bool enabled, int version)
    {
        static string State(WorkflowState s) =>
            $"{s.Description}{(s.Final ? " (slutsteg)" : "")}; se: {Roles(s.ViewRoles)}; ändra: {Roles(s.EditRoles)}; aktiviteter: {s.Activities.Count}";
        static string Transition(WorkflowTransition t) =>
            $"{t.From} → {t.To} \"{t.Label}\"; roller: {Roles(t.Roles)}{(t.AllowAssignee ? ", den som har ärendet" : "")}{(t.AllowOwner ? ", inskickaren" : "")}{(t.CommentRequired ? "; kräver kommentar" : "")}; aktiviteter: {t.Activities.Count}";
        static string Roles(List<string> roles) => roles.Count == 0 ? "alla med behörighet" : AuditValues.List(roles);

        var changes = new List<AuditChange> { new("version", "Version", before is null ? null : (version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), version.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (before is not null && wasEnabled != enabled)
        {
            changes.Add(new AuditChange("enabled", "Påslaget", wasEnabled ? "ja" : "nej", enabled ? "ja" : "nej"));
        }

        if (before?.InitialState != after.InitialState)
        {
            changes.Add(new AuditChange("initialState", "Första steg", before?.InitialState, after.InitialState));
        }

        foreach (var name in (before?.States.Select(s => s.Name) ?? []).Union(after.States.Select(s => s.Name), StringComparer.Ordinal))
        {
            var old = before?.State(name) is { } o ? State(o) : null;
            var now = after.State(name) is { } n ? State(n) : null;
            if (old != now)
            {
                changes.Add(new AuditChange("state:" + name, "Steg " + name, old, now));
            }
        }

        foreach (var id in (before?.Transitions.Select(t => t.Id) ?? []).Union(after.Transitions.Select(t => t.Id), StringComparer.Ordinal))
        {
            var old = before?.Transition(id) is { } o ? Transition(o) : null;
            var now = after.Transition(id) is { } n ? Transition(n) : null;
            if (old != now)
            {
                changes.Add(new AuditChange("transition:" + id, "Övergång " + id, old, now));
            }
        }

        return changes;
    }
}
