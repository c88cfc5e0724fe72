using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// One entry of the indexing change log: "this item changed". Written in the same transaction as
/// the change, so the log never misses a committed change and never mentions one that rolled back.
/// Every node reads the log from its own cursor; nothing here says which nodes have read it.
/// </summary>
public sealed class IndexingTask
{
    public const string Update = "Update";
    public const string Remove = "Remove";

    /// <summary>Ascending: the order nodes read the log in.</summary>
    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    /// <summary><see cref="Update"/> or <see cref="Remove"/>. A hint only: the indexer always reads the item's current rows.</summary>
    public required string Kind { get; set; }

    public DateTime CreatedUtc { get; set; }
}

internal sealed class IndexingTaskConfiguration : IEntityTypeConfiguration<IndexingTask>
{
    public void Configure(EntityTypeBuilder<IndexingTask> builder)
    {
        builder.ToTable(DataConventions.Table("Lucene", "IndexingTasks"));
        builder.Property(t => t.Id).ValueGeneratedOnAdd();
        builder.Property(t => t.ContentItemId).HasMaxLength(32);
        builder.Property(t => t.Kind).HasMaxLength(16);
        builder.HasIndex(t => t.CreatedUtc); // pruning old entries
    }
}
