using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Workflows.Guard;

/// <summary>One firing of a timer or an activity for an item, counted by the runaway guard; kept for an hour.</summary>
public sealed class WorkflowFiring
{
    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    /// <summary>Which activity or timer (see <see cref="FiringGuard"/>).</summary>
    public required string Key { get; set; }

    public DateTime OccurredUtc { get; set; }
}

/// <summary>A timer or activity the guard stopped for an item, shown to administrators until they have dealt with it.</summary>
public sealed class StoppedFiring
{
    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    public required string Key { get; set; }

    /// <summary>What was stopped, e.g. "Timer \"Påminn bedömaren\" i steget Inskickad".</summary>
    public required string Description { get; set; }

    /// <summary>Firings within the hour when it was stopped.</summary>
    public int Firings { get; set; }

    public DateTime StoppedUtc { get; set; }

    public DateTime? HandledUtc { get; set; }

    public string? HandledBy { get; set; }
}

internal sealed class WorkflowFiringConfiguration : IEntityTypeConfiguration<WorkflowFiring>
{
    public void Configure(EntityTypeBuilder<WorkflowFiring> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "Firings"));
        builder.Property(f => f.ContentItemId).HasMaxLength(32);
        builder.Property(f => f.Key).HasMaxLength(210);
        builder.HasIndex(f => new { f.ContentItemId, f.Key, f.OccurredUtc });
        builder.HasIndex(f => f.OccurredUtc);
    }
}

internal sealed class StoppedFiringConfiguration : IEntityTypeConfiguration<StoppedFiring>
{
    public void Configure(EntityTypeBuilder<StoppedFiring> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "Stopped"));
        builder.Property(s => s.ContentItemId).HasMaxLength(32);
        builder.Property(s => s.ContentType).HasMaxLength(64);
        builder.Property(s => s.Key).HasMaxLength(210);
        builder.Property(s => s.Description).HasMaxLength(500);
        builder.Property(s => s.HandledBy).HasMaxLength(64);
        builder.HasIndex(s => new { s.HandledUtc, s.StoppedUtc });
        builder.HasIndex(s => new { s.ContentItemId, s.Key });
    }
}
