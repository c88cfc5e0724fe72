using System.Text.Json;
using System.Text.Json.Serialization;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
/// Every node keeps a snapshot of all definitions (they are few and read on every request) and
/// reloads it when it is a few seconds old or when it changes a definition itself.
/// </summary>
public sealed class ContentDefinitionCache
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private volatile Snapshot _snapshot = new(new Dictionary<string, ContentTypeDefinition>(StringComparer.Ordinal), DateTime.MinValue);

    /// <summary>The definitions as last loaded; may be a few seconds old.</summary>
    public IReadOnlyDictionary<string, ContentTypeDefinition> Current => _snapshot.Types;

    internal bool IsStale => DateTime.UtcNow - _snapshot.LoadedUtc > MaxAge;

    internal void Replace(IEnumerable<ContentTypeRecord> records) =>
        _snapshot = new Snapshot(
            records.ToDictionary(r => r.Name, r => JsonSerializer.Deserialize<ContentTypeDefinition>(r.Definition, Json)!, StringComparer.Ordinal),
            DateTime.UtcNow);

    internal void Invalidate() => _snapshot = _snapshot with { LoadedUtc = DateTime.MinValue };

    private sealed record Snapshot(IReadOnlyDictionary<string, ContentTypeDefinition> Types, DateTime LoadedUtc);
}

public interface IContentDefinitionStore
{
    Task<IReadOnlyDictionary<string, ContentTypeDefinition>> GetAllAsync(CancellationToken cancellationToken = default);

    Task<ContentTypeDefinition?> GetAsync(string typeName, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a definition. Returns the problems found, in Swedish; empty when saved.</summary>
    Task<IReadOnlyList<string>> SaveAsync(ContentTypeDefinition definition, CancellationToken cancellationToken = default);
}

public sealed class ContentDefinitionStore(PortalDbContext db, ContentDefinitionCache cache) : IContentDefinitionStore
{
    public async Task<IReadOnlyDictionary<string, ContentTypeDefinition>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a transaction (a recipe) the definitions may hold uncommitted changes that a
            // rollback undoes, so they are read fresh and never put in the shared cache.
            var records = await db.Set<ContentTypeRecord>().AsNoTracking().ToListAsync(cancellationToken);
            return records.ToDictionary(r => r.Name, r => JsonSerializer.Deserialize<ContentTypeDefinition>(r.Definition, ContentDefinitionCache.Json)!, StringComparer.Ordinal);
        }

        if (cache.IsStale)
        {
            cache.Replace(await db.Set<ContentTypeRecord>().AsNoTracking().ToListAsync(cancellationToken));
        }

        return cache.Current;
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
        cache.Invalidate();
        return [];
    }
}
