using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Kvalitetspris.Prize;

/// <summary>
/// One juror's score and comment for one area of one application. Kept in the module's own table,
/// never in the application's fields, so no content path (list, search, export, API, mail) can
/// show a score to an applicant; only the jury pages read it (ADR 28).
/// </summary>
public sealed class JuryScore
{
    public const int CommentLength = 4000;

    public long Id { get; set; }

    public required string ApplicationId { get; set; }

    public required string RoundId { get; set; }

    public required string JurorId { get; set; }

    public required string Area { get; set; }

    public int Score { get; set; }

    public required string Comment { get; set; }

    public DateTime SubmittedUtc { get; set; }
}

internal sealed class JuryScoreConfiguration : IEntityTypeConfiguration<JuryScore>
{
    public void Configure(EntityTypeBuilder<JuryScore> builder)
    {
        builder.ToTable(DataConventions.Table("Kvalitetspris", "Scores"));
        builder.Property(s => s.ApplicationId).HasMaxLength(32);
        builder.Property(s => s.RoundId).HasMaxLength(32);
        builder.Property(s => s.JurorId).HasMaxLength(64);
        builder.Property(s => s.Area).HasMaxLength(64);
        builder.Property(s => s.Comment).HasMaxLength(JuryScore.CommentLength);
        builder.HasIndex(s => new { s.ApplicationId, s.JurorId, s.Area }).IsUnique();
        builder.HasIndex(s => new { s.RoundId, s.JurorId });
    }
}
