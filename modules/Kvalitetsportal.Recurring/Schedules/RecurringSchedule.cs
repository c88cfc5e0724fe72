using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Recurring.Schedules;

/// <summary>How long a period is: the calendar month, quarter, half-year or year (Swedish time).</summary>
public enum PeriodLength
{
    Month,
    Quarter,
    HalfYear,
    Year,
}

/// <summary>What happens to periods that passed while the portal was down.</summary>
public enum CatchUp
{
    /// <summary>Only the latest passed period is created (the default, see ADR 0025).</summary>
    LatestOnly,

    /// <summary>Every passed period is created, oldest first.</summary>
    All,
}

/// <summary>
/// "Each quarter, one control checklist per control point": which type to create, how often, on
/// which day of the period, with which title and field values, and optionally one per item of a
/// source type (in a workflow state), linked back to it.
/// </summary>
public sealed class RecurringSchedule
{
    public const int MaxNameLength = 200;
    public const int MaxTitleLength = 500;

    public int Id { get; set; }

    public required string Name { get; set; }

    public required string ContentType { get; set; }

    public PeriodLength Period { get; set; }

    /// <summary>The day of the period (1 = its first day) on which the items are created.</summary>
    public int DayOfPeriod { get; set; } = 1;

    /// <summary>The new item's title (Liquid): period, year, source.title, source.fields.&lt;name&gt;.</summary>
    public string TitleTemplate { get; set; } = "{{ period }}";

    /// <summary>Initial field values, field name → Liquid text, as a JSON object.</summary>
    public string InitialValues { get; set; } = "{}";

    /// <summary>One item per latest item of this type (none: one item per period).</summary>
    public string? SourceType { get; set; }

    /// <summary>Only source items in this workflow state (none: every state).</summary>
    public string? SourceState { get; set; }

    /// <summary>A content-reference field on the new item that points back to the source, as a linked item's does.</summary>
    public string? LinkField { get; set; }

    /// <summary>The owner of every new item; none: the source item's owner (and unit).</summary>
    public string? OwnerUserId { get; set; }

    public CatchUp CatchUp { get; set; }

    public bool Paused { get; set; }

    /// <summary>Periods due before this are not created (a new schedule does not fill the past).</summary>
    public DateTime StartsUtc { get; set; }

    /// <summary>The start of the last period every item was created for (a bookmark; the run table is the truth).</summary>
    public DateTime? DoneThroughUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

public enum RunStatus
{
    Created,
    Failed,
}

/// <summary>
/// One item created (or that failed) for one schedule, period and source item. The unique key on
/// (schedule, period, source) is what makes a period run once, whatever nodes or restarts do.
/// </summary>
public sealed class RecurringRun
{
    public long Id { get; set; }

    public int ScheduleId { get; set; }

    /// <summary>The period's key: "2026-03", "2026-K1", "2026-H2" or "2026".</summary>
    public required string PeriodKey { get; set; }

    /// <summary>The source item, or "" for a schedule without a source.</summary>
    public string SourceItemId { get; set; } = "";

    public RunStatus Status { get; set; }

    public string? CreatedItemId { get; set; }

    public string? Title { get; set; }

    public string? Outcome { get; set; }

    public DateTime RunUtc { get; set; }
}

internal sealed class RecurringScheduleConfiguration : IEntityTypeConfiguration<RecurringSchedule>
{
    public void Configure(EntityTypeBuilder<RecurringSchedule> builder)
    {
        builder.ToTable(DataConventions.Table("Recurring", "Schedules"));
        builder.Property(s => s.Name).HasMaxLength(RecurringSchedule.MaxNameLength);
        builder.Property(s => s.ContentType).HasMaxLength(100);
        builder.Property(s => s.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.CatchUp).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.TitleTemplate).HasMaxLength(RecurringSchedule.MaxTitleLength);
        builder.Property(s => s.InitialValues).IsJson();
        builder.Property(s => s.SourceType).HasMaxLength(100);
        builder.Property(s => s.SourceState).HasMaxLength(100);
        builder.Property(s => s.LinkField).HasMaxLength(100);
        builder.Property(s => s.OwnerUserId).HasMaxLength(64);
        builder.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class RecurringRunConfiguration : IEntityTypeConfiguration<RecurringRun>
{
    public void Configure(EntityTypeBuilder<RecurringRun> builder)
    {
        builder.ToTable(DataConventions.Table("Recurring", "Runs"));
        builder.Property(r => r.PeriodKey).HasMaxLength(10);
        builder.Property(r => r.SourceItemId).HasMaxLength(32);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CreatedItemId).HasMaxLength(32);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Outcome).HasMaxLength(500);
        builder.HasOne<RecurringSchedule>().WithMany().HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ScheduleId, r.PeriodKey, r.SourceItemId }).IsUnique();
        builder.HasIndex(r => new { r.ScheduleId, r.RunUtc });
    }
}
