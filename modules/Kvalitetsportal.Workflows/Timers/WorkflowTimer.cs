using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Workflows.Timers;

public enum TimerStatus
{
    Pending = 0,

    /// <summary>Fired (and not repeating).</summary>
    Done = 1,

    /// <summary>The item moved on (another state, another revision, removed) before it was due.</summary>
    Cancelled = 2,

    /// <summary>Stopped by the runaway guard.</summary>
    Stopped = 3,

    /// <summary>Could not do what it should (e.g. the transition's required fields were empty).</summary>
    Failed = 4,
}

/// <summary>
/// A started timer (a <see cref="Definitions.StartTimerActivity"/>), written in the transaction that
/// started it, so that it survives restarts and is never lost or duplicated by a failed transition.
/// It fires only while the item is still where it was when the timer started: same state, same
/// definition version and same instance revision (any transition bumps the revision).
/// </summary>
public sealed class WorkflowTimer
{
    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    public int DefinitionVersion { get; set; }

    /// <summary>The state the item was in when the timer started.</summary>
    public required string State { get; set; }

    /// <summary>The instance revision when the timer started.</summary>
    public int InstanceRevision { get; set; }

    /// <summary>Where the timer activity is in the definition, e.g. "state:Inskickad:1".</summary>
    public required string ActivityKey { get; set; }

    public DateTime DueUtc { get; set; }

    public TimerStatus Status { get; set; }

    public string? LockedBy { get; set; }

    public DateTime? LockedUntilUtc { get; set; }

    /// <summary>How many times it has fired (a repeating reminder fires more than once).</summary>
    public int Firings { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastFiredUtc { get; set; }

    /// <summary>Why it was cancelled, stopped or failed, in Swedish for the admin.</summary>
    public string? Outcome { get; set; }
}

internal sealed class WorkflowTimerConfiguration : IEntityTypeConfiguration<WorkflowTimer>
{
    public void Configure(EntityTypeBuilder<WorkflowTimer> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "Timers"));
        builder.Property(t => t.ContentItemId).HasMaxLength(32);
        builder.Property(t => t.ContentType).HasMaxLength(64);
        builder.Property(t => t.State).HasMaxLength(100);
        builder.Property(t => t.ActivityKey).HasMaxLength(200);
        builder.Property(t => t.LockedBy).HasMaxLength(100);
        builder.Property(t => t.Outcome).HasMaxLength(500);
        builder.HasIndex(t => new { t.Status, t.DueUtc });
        builder.HasIndex(t => new { t.ContentItemId, t.Status });
        builder.HasIndex(t => t.LockedBy);
    }
}
