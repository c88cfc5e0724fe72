using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Workflows.Instances;

/// <summary>
/// An item's run through its workflow. The current state and holder are columns on the content
/// item (lists and permissions filter on them); this row pins the definition version and is the
/// per-item lock: every transition bumps <see cref="Revision"/>, so two racing transitions on one
/// item cannot both commit.
/// </summary>
public sealed class WorkflowInstance
{
    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The definition version the item runs on.</summary>
    public int DefinitionVersion { get; set; }

    public DateTime StartedUtc { get; set; }

    /// <summary>When the item entered its current state (for "oldest first" and lead times).</summary>
    public DateTime EnteredStateUtc { get; set; }

    public int Revision { get; set; } = 1;
}

/// <summary>One line of an item's history: who moved it from which state to which, when and why.</summary>
public sealed class WorkflowHistoryEntry
{
    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    public int DefinitionVersion { get; set; }

    /// <summary>The transition taken; null when the workflow started or an administrator migrated the item.</summary>
    public string? TransitionId { get; set; }

    /// <summary>The button's text at the time, so the history reads right after the definition changes.</summary>
    public string? TransitionLabel { get; set; }

    public string? FromState { get; set; }

    public required string ToState { get; set; }

    /// <summary>The user who took it; null when a timer took it.</summary>
    public string? ActorId { get; set; }

    public string? Comment { get; set; }

    public DateTime OccurredUtc { get; set; }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "Instances"));
        builder.HasKey(i => i.ContentItemId);
        builder.Property(i => i.ContentItemId).HasMaxLength(32);
        builder.Property(i => i.ContentType).HasMaxLength(64);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => new { i.ContentType, i.DefinitionVersion });
    }
}

internal sealed class WorkflowHistoryEntryConfiguration : IEntityTypeConfiguration<WorkflowHistoryEntry>
{
    public void Configure(EntityTypeBuilder<WorkflowHistoryEntry> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "History"));
        builder.Property(h => h.ContentItemId).HasMaxLength(32);
        builder.Property(h => h.TransitionId).HasMaxLength(64);
        builder.Property(h => h.TransitionLabel).HasMaxLength(200);
        builder.Property(h => h.FromState).HasMaxLength(100);
        builder.Property(h => h.ToState).HasMaxLength(100);
        builder.Property(h => h.ActorId).HasMaxLength(64);
        builder.Property(h => h.Comment).HasMaxLength(4000);
        builder.HasIndex(h => new { h.ContentItemId, h.OccurredUtc });
    }
}
