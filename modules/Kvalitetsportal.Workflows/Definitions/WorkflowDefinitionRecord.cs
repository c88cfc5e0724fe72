using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Workflows.Definitions;

/// <summary>
/// One saved version of a type's workflow. Versions are never changed or deleted: an item keeps
/// running on the version it started with until an administrator migrates it.
/// </summary>
public sealed class WorkflowDefinitionRecord
{
    public long Id { get; set; }

    public required string ContentType { get; set; }

    public int Version { get; set; }

    /// <summary>The <see cref="WorkflowDefinition"/> as JSON.</summary>
    public required string Definition { get; set; }

    /// <summary>A switched-off workflow starts no new items; running items keep theirs.</summary>
    public bool Enabled { get; set; } = true;

    public DateTime CreatedUtc { get; set; }

    public string? CreatedBy { get; set; }
}

internal sealed class WorkflowDefinitionRecordConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "Definitions"));
        builder.Property(d => d.ContentType).HasMaxLength(64);
        builder.Property(d => d.CreatedBy).HasMaxLength(64);
        builder.Property(d => d.Definition).IsJson();

        // Two administrators saving at once both try the same next version; one of them fails here.
        builder.HasIndex(d => new { d.ContentType, d.Version }).IsUnique();
    }
}
