using System.Text.Json;
using System.Text.Json.Serialization;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Caching;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Contents.Definitions;

/// <summary>A stored content type: the definition as JSON, with a revision for optimistic concurrency.</summary>
public sealed class ContentTypeRecord
{
    public required string Name { get; set; }

    public required string DisplayName { get; set; }

    public required string Definition { get; set; }

    public int Revision { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class ContentTypeRecordConfiguration : IEntityTypeConfiguration<ContentTypeRecord>
{
    public void Configure(EntityTypeBuilder<ContentTypeRecord> builder)
    {
        builder.ToTable(DataConventions.Table("Contents", "Types"));
        builder.HasKey(t => t.Name);
        builder.Property(t => t.Name).HasMaxLength(64);
        builder.Property(t => t.DisplayName).HasMaxLength(200);
        builder.Property(t => t.Definition).IsJson();
        builder.Property(t => t.Revision).IsConcurrencyToken();
    }
}

/// <summary>
/// Every node keeps a snapshot of all definitions (they are few and read on every request) in the
/// portal cache, for a few seconds at most; saving a definition forgets it on every node (by tag).
/// A load that began before a save is not kept: the cache's tag is newer than the load.
/// </summary>
public sealed class ContentDefinitionCache(IFusionCache cache)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    private const string Key = "contents:definitions";

    /// <summary>The tag that forgets the definitions.</summary>
    public const string Tag = "contents:definitions";

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    // Kept past its age (fail-safe) so that Current always has the last snapshot, as a
    // synchronous reader needs; a reload replaces it, and a failed reload keeps it a while.
    private static readonly FusionCacheEntryOptions Options = PortalCache.DefaultEntryOptions()
        .SetDuration(MaxAge)
        .SetFailSafe(true, TimeSpan.FromDays(1));

    private static readonly FusionCacheEntryOptions StaleAllowed = Options.Duplicate().SetAllowStaleOnReadOnly();

    private static readonly IReadOnlyDictionary<string, ContentTypeDefinition> None = new Dictionary<string, ContentTypeDefinition>(StringComparer.Ordinal);

    /// <summary>The definitions as last loaded; may be a few seconds old.</summary>
    public IReadOnlyDictionary<string, ContentTypeDefinition> Current =>
        cache.TryGet<IReadOnlyDictionary<string, ContentTypeDefinition>>(Key, StaleAllowed).GetValueOrDefault(None);

    // Counts this node's forgettings, so that a load that spans one is used once but not kept.
    private long _forgotten;

    internal async Task<IReadOnlyDictionary<string, ContentTypeDefinition>> GetOrLoadAsync(
        Func<CancellationToken, Task<List<ContentTypeRecord>>> read, CancellationToken cancellationToken) =>
        await cache.GetOrSetAsync<IReadOnlyDictionary<string, ContentTypeDefinition>>(Key, async (context, ct) =>
        {
            var forgotten = Interlocked.Read(ref _forgotten);
            var definitions = Parse(await read(ct));
            if (Interlocked.Read(ref _forgotten) != forgotten)
            {
                context.Options.SkipMemoryCacheWrite = true;
            }

            return definitions;
        }, Options, [Tag], cancellationToken);

    internal static IReadOnlyDictionary<string, ContentTypeDefinition> Parse(IEnumerable<ContentTypeRecord> records) =>
        records.ToDictionary(r => r.Name, r => JsonSerializer.Deserialize<ContentTypeDefinition>(r.Definition, Json)!, StringComparer.Ordinal);

    /// <summary>Forgets the snapshot on every node; call it after saving a definition.</summary>
    internal void Invalidate()
    {
        Interlocked.Increment(ref _forgotten);
        cache.RemoveByTag(Tag);
    }

    /// <summary>
    /// Forgets the snapshot now and, inside a transaction (a recipe), again when it commits: a
    /// reader between the save and the commit would otherwise keep the old definitions.
    /// </summary>
    internal void InvalidateOnCommit(PortalDbContext db)
    {
        Invalidate();
        if (db.Database.CurrentTransaction is not null)
        {
            db.AfterCommit.Add(_ =>
            {
                Invalidate();
                return Task.CompletedTask;
            });
        }
    }
}

public interface IContentDefinitionStore
{
    Task<IReadOnlyDictionary<string, ContentTypeDefinition>> GetAllAsync(CancellationToken cancellationToken = default);

    Task<ContentTypeDefinition?> GetAsync(string typeName, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a definition. Returns the problems found, in Swedish; empty when saved.</summary>
    Task<IReadOnlyList<string>> SaveAsync(ContentTypeDefinition definition, CancellationToken cancellationToken = default);
}

public sealed class ContentDefinitionStore(PortalDbContext db, ContentDefinitionCache cache, IAuditTrail audit) : IContentDefinitionStore
{
    public async Task<IReadOnlyDictionary<string, ContentTypeDefinition>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a transaction (a recipe) the definitions may hold uncommitted changes that a
            // rollback undoes, so they are read fresh and never put in the shared cache.
            return ContentDefinitionCache.Parse(await db.Set<ContentTypeRecord>().AsNoTracking().ToListAsync(cancellationToken));
        }

        return await cache.GetOrLoadAsync(ct => db.Set<ContentTypeRecord>().AsNoTracking().ToListAsync(ct), cancellationToken);
    }

    public async Task<ContentTypeDefinition?> GetAsync(string typeName, CancellationToken cancellationToken = default) =>
        (await GetAllAsync(cancellationToken)).GetValueOrDefault(typeName);

    public async Task<IReadOnlyList<string>> SaveAsync(ContentTypeDefinition definition, CancellationToken cancellationToken = default)
    {
        var problems = ContentDefinitionValidator.Validate(definition, await GetAllAsync(cancellationToken));
        if (problems.Count > 0)
        {
            return problems;
        }

        var json = JsonSerializer.Serialize(definition, ContentDefinitionCache.Json);
        var record = await db.Set<ContentTypeRecord>().FirstOrDefaultAsync(t => t.Name == definition.Name, cancellationToken);
        var before = record is null ? null : JsonSerializer.Deserialize<ContentTypeDefinition>(record.Definition, ContentDefinitionCache.Json);
        var changes = DefinitionChanges(before, definition).ToList();
        if (before is null || changes.Count > 0)
        {
            // Recorded in the same save as the definition: both commit or neither does.
            audit.Record(new AuditEntry(AuditCategories.Content, before is null ? AuditActions.Created : AuditActions.Updated, AuditSubjectTypes.ContentType, definition.Name, definition.DisplayName)
            {
                Changes = changes,
            });
        }

        if (record is null)
        {
            db.Add(new ContentTypeRecord { Name = definition.Name, DisplayName = definition.DisplayName, Definition = json, Revision = 1, UpdatedUtc = DateTime.UtcNow });
        }
        else
        {
            record.DisplayName = definition.DisplayName;
            record.Definition = json;
            record.Revision++;
            record.UpdatedUtc = DateTime.UtcNow;
        }

        await db.SaveChangesAsync(cancellationToken);
        cache.InvalidateOnCommit(db);
        return [];
    }

    /// <summary>Type settings and fields as a reader compares them: one line per field.</summary>
    private static IEnumerable<AuditChange> DefinitionChanges(ContentTypeDefinition? before, ContentTypeDefinition after)
    {
        static string Settings(ContentTypeDefinition t) =>
            $"{t.DisplayName}; titel: {t.TitleLabel}; utkast: {(t.Drafts ? "ja" : "nej")}; versioner: {(t.Versioned ? "ja" : "nej")}";
        static string Describe(ContentFieldDefinition f) =>
            $"{f.Label} ({f.Kind}{(f.Required ? ", obligatoriskt" : "")}, ordning {f.Order}{(f.Choices.Count > 0 ? ", val: " + string.Join("/", f.Choices) : "")}{(f.MaxLength is int max ? $", högst {max} tecken" : "")})";

        if (before is null || Settings(before) != Settings(after))
        {
            yield return new AuditChange("type", "Typen", before is null ? null : Settings(before), Settings(after));
        }

        var names = (before?.Fields.Select(f => f.Name) ?? []).Union(after.Fields.Select(f => f.Name), StringComparer.Ordinal);
        foreach (var name in names)
        {
            var old = before?.Field(name) is { } o ? Describe(o) : null;
            var now = after.Field(name) is { } n ? Describe(n) : null;
            if (old != now)
            {
                yield return new AuditChange(name, after.Field(name)?.Label ?? before?.Field(name)?.Label ?? name, old, now);
            }
        }
    }
}
