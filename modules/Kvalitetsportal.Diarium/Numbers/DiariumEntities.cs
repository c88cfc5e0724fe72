using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Diarium.Numbers;

/// <summary>When an item gets its number.</summary>
public enum AssignMoment
{
    /// <summary>When the item is created.</summary>
    Created = 1,

    /// <summary>When the item enters the workflow state <see cref="DiariumSeries.StateName"/>.</summary>
    EntersState = 2,
}

/// <summary>
/// A content type's number series, kept by an administrator: "KS 2026/0123" is prefix "KS", the
/// year, and a running number four digits wide that starts again at 1 each year.
/// </summary>
public sealed class DiariumSeries
{
    public const int MaxPrefixLength = 20;

    public required string ContentType { get; set; }

    public string Prefix { get; set; } = "";

    /// <summary>The year is part of the number, and the running number restarts each year.</summary>
    public bool IncludeYear { get; set; } = true;

    /// <summary>The running number's width, zero-padded (4: 0123).</summary>
    public int Digits { get; set; } = 4;

    public AssignMoment AssignOn { get; set; } = AssignMoment.Created;

    public string? StateName { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>The key of the running number: the year, or 0 when the year is not part of the number.</summary>
    public int CounterYear(int year) => IncludeYear ? year : 0;

    public string Format(int year, int number)
    {
        var running = number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(Digits, '0');
        var body = IncludeYear ? $"{year}/{running}" : running;
        return string.IsNullOrWhiteSpace(Prefix) ? body : $"{Prefix.Trim()} {body}";
    }
}

/// <summary>The last number given in a series and year; its row is the lock two concurrent assignments queue on.</summary>
public sealed class DiariumCounter
{
    public required string ContentType { get; set; }

    public int Year { get; set; }

    public int Last { get; set; }
}

/// <summary>An item's diarienummer: given once, never changed.</summary>
public sealed class DiariumNumber
{
    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The counter's year (0 when the series has no year).</summary>
    public int Year { get; set; }

    public int Number { get; set; }

    /// <summary>As shown and searched: "KS 2026/0123".</summary>
    public required string Text { get; set; }

    public DateTime AssignedUtc { get; set; }
}

internal sealed class DiariumSeriesConfiguration : IEntityTypeConfiguration<DiariumSeries>
{
    public void Configure(EntityTypeBuilder<DiariumSeries> builder)
    {
        builder.ToTable(DataConventions.Table("Diarium", "Series"));
        builder.HasKey(s => s.ContentType);
        builder.Property(s => s.ContentType).HasMaxLength(128);
        builder.Property(s => s.Prefix).HasMaxLength(DiariumSeries.MaxPrefixLength);
        builder.Property(s => s.StateName).HasMaxLength(200);
    }
}

internal sealed class DiariumCounterConfiguration : IEntityTypeConfiguration<DiariumCounter>
{
    public void Configure(EntityTypeBuilder<DiariumCounter> builder)
    {
        builder.ToTable(DataConventions.Table("Diarium", "Counters"));
        builder.HasKey(c => new { c.ContentType, c.Year });
        builder.Property(c => c.ContentType).HasMaxLength(128);
    }
}

internal sealed class DiariumNumberConfiguration : IEntityTypeConfiguration<DiariumNumber>
{
    public void Configure(EntityTypeBuilder<DiariumNumber> builder)
    {
        builder.ToTable(DataConventions.Table("Diarium", "Numbers"));
        builder.HasKey(n => n.ContentItemId);
        builder.Property(n => n.ContentItemId).HasMaxLength(32);
        builder.Property(n => n.ContentType).HasMaxLength(128);
        builder.Property(n => n.Text).HasMaxLength(64);

        // The last guard: whatever happens above, one number is never given twice.
        builder.HasIndex(n => new { n.ContentType, n.Year, n.Number }).IsUnique();
        builder.HasIndex(n => n.Text);
    }
}
