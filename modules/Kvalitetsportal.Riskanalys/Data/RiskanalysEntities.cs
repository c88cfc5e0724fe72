using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Riskanalys.Data;

/// <summary>Which of a risk's two valuations: before treatment (brutto) or after it (netto, restrisk).</summary>
public enum ValuationKind
{
    Gross = 1,
    Residual = 2,
}

/// <summary>
/// The administrator's risk matrix (one row): the levels of probability and consequence with their
/// definitions and the colour bands, as JSON (see <see cref="Matrix.RiskMatrix"/>). Data, not code:
/// a 4 × 4 matrix ships in the recipe and is changed at /admin/riskmatris.
/// </summary>
public sealed class RiskMatrixRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string Json { get; set; } = "{}";

    public string? ModifiedBy { get; set; }

    public DateTime ModifiedUtc { get; set; }
}

/// <summary>
/// A risk's typed projection, one row per risk: what it belongs to, what the register filters on
/// and its current valuations. The fields are written by <see cref="Risks.RiskIndexer"/> inside the
/// item's save, the valuations with every valuation; heat maps read this, never the history.
/// </summary>
public sealed class RiskRecord
{
    public required string RiskId { get; set; }

    /// <summary>The item whose risk list the risk is on (the risk's "galler" field), for "the risks of item X".</summary>
    public string? ItemId { get; set; }

    public string? Category { get; set; }

    public string? Goal { get; set; }

    public int? GrossProbability { get; set; }

    public int? GrossConsequence { get; set; }

    public int? ResidualProbability { get; set; }

    public int? ResidualConsequence { get; set; }

    public DateTime ModifiedUtc { get; set; }
}

/// <summary>One re-valuation: who, when, from which place on the matrix to which (kept for ever).</summary>
public sealed class RiskValuationChange
{
    public long Id { get; set; }

    public required string RiskId { get; set; }

    public ValuationKind Kind { get; set; }

    public int? FromProbability { get; set; }

    public int? FromConsequence { get; set; }

    public int ToProbability { get; set; }

    public int ToConsequence { get; set; }

    public required string ByUserId { get; set; }

    public DateTime AtUtc { get; set; }
}

internal sealed class RiskMatrixRecordConfiguration : IEntityTypeConfiguration<RiskMatrixRecord>
{
    public void Configure(EntityTypeBuilder<RiskMatrixRecord> builder)
    {
        builder.ToTable(DataConventions.Table("Riskanalys", "Matrix"));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ModifiedBy).HasMaxLength(64);
    }
}

internal sealed class RiskRecordConfiguration : IEntityTypeConfiguration<RiskRecord>
{
    public void Configure(EntityTypeBuilder<RiskRecord> builder)
    {
        builder.ToTable(DataConventions.Table("Riskanalys", "Risks"));
        builder.HasKey(r => r.RiskId);
        builder.Property(r => r.RiskId).HasMaxLength(32);
        builder.Property(r => r.ItemId).HasMaxLength(32);
        builder.Property(r => r.Category).HasMaxLength(200);
        builder.Property(r => r.Goal).HasMaxLength(200);
        builder.HasIndex(r => r.ItemId);
        builder.HasIndex(r => r.Category);
        builder.HasIndex(r => r.Goal);
    }
}

internal sealed class RiskValuationChangeConfiguration : IEntityTypeConfiguration<RiskValuationChange>
{
    public void Configure(EntityTypeBuilder<RiskValuationChange> builder)
    {
        builder.ToTable(DataConventions.Table("Riskanalys", "ValuationHistory"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.RiskId).HasMaxLength(32);
        builder.Property(c => c.ByUserId).HasMaxLength(64);
        builder.HasIndex(c => new { c.RiskId, c.AtUtc });
    }
}
