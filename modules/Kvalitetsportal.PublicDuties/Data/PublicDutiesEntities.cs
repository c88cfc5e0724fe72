using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.PublicDuties.Data;

/// <summary>The accessibility statement's text as the administrator last saved it (one row).</summary>
public sealed class AccessibilityStatementRecord
{
    public const int SingletonId = 1;
    public const int TextLength = 20000;

    public int Id { get; set; }

    public required string Text { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public required string UpdatedBy { get; set; }
}

/// <summary>A barrier a visitor reported through the statement's form; read by the administrators.</summary>
public sealed class BarrierReport
{
    public const int DescriptionLength = 4000;
    public const int PageLength = 500;
    public const int ContactLength = 256;

    public long Id { get; set; }

    public required string Description { get; set; }

    /// <summary>Where the barrier was, as the visitor wrote it.</summary>
    public string Page { get; set; } = "";

    /// <summary>How to answer, if the visitor wants an answer (optional).</summary>
    public string Contact { get; set; } = "";

    public DateTime ReportedUtc { get; set; }
}

internal sealed class PublicDutiesConfiguration : IEntityTypeConfiguration<AccessibilityStatementRecord>, IEntityTypeConfiguration<BarrierReport>
{
    public void Configure(EntityTypeBuilder<AccessibilityStatementRecord> builder)
    {
        builder.ToTable(DataConventions.Table("PublicDuties", "AccessibilityStatement"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Text).HasMaxLength(AccessibilityStatementRecord.TextLength);
        builder.Property(s => s.UpdatedBy).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<BarrierReport> builder)
    {
        builder.ToTable(DataConventions.Table("PublicDuties", "BarrierReports"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Description).HasMaxLength(BarrierReport.DescriptionLength);
        builder.Property(r => r.Page).HasMaxLength(BarrierReport.PageLength);
        builder.Property(r => r.Contact).HasMaxLength(BarrierReport.ContactLength);
        builder.HasIndex(r => r.ReportedUtc);
    }
}
