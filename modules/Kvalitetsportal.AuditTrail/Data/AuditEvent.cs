using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.AuditTrail.Data;

/// <summary>
/// One recorded action. Events are only ever added, and removed only by retention; nothing in the
/// portal edits them.
/// </summary>
public sealed class AuditEvent
{
    public const int ActorIdLength = 64;
    public const int CategoryLength = 50;
    public const int ActionLength = 50;
    public const int SubjectTypeLength = 64;
    public const int SubjectIdLength = 200;
    public const int SubjectTitleLength = 300;
    public const int CorrelationIdLength = 64;

    public long Id { get; set; }

    /// <summary>When it happened, in UTC.</summary>
    public DateTime OccurredUtc { get; set; }

    /// <summary>The user who did it; null for the system (recipes, background work).</summary>
    public string? ActorId { get; set; }

    public required string Category { get; set; }

    public required string Action { get; set; }

    /// <summary>The content type's technical name, or "Roll", "Användare", "Funktion".</summary>
    public required string SubjectType { get; set; }

    public required string SubjectId { get; set; }

    /// <summary>The subject's title when it happened.</summary>
    public string SubjectTitle { get; set; } = "";

    /// <summary>The title in lower case, for case-insensitive search on every provider (SQLite lowers only a–z).</summary>
    public string NormalizedSubjectTitle { get; set; } = "";

    /// <summary>JSON: a list of { field, label, before, after } as readable text.</summary>
    public string Changes { get; set; } = "[]";

    public string? CorrelationId { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable(DataConventions.Table("AuditTrail", "Events"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorId).HasMaxLength(AuditEvent.ActorIdLength);
        builder.Property(e => e.Category).HasMaxLength(AuditEvent.CategoryLength);
        builder.Property(e => e.Action).HasMaxLength(AuditEvent.ActionLength);
        builder.Property(e => e.SubjectType).HasMaxLength(AuditEvent.SubjectTypeLength);
        builder.Property(e => e.SubjectId).HasMaxLength(AuditEvent.SubjectIdLength);
        builder.Property(e => e.SubjectTitle).HasMaxLength(AuditEvent.SubjectTitleLength);
        builder.Property(e => e.NormalizedSubjectTitle).HasMaxLength(AuditEvent.SubjectTitleLength);
        builder.Property(e => e.Changes).IsJson();
        builder.Property(e => e.CorrelationId).HasMaxLength(AuditEvent.CorrelationIdLength);

        // The log's filters: newest first overall, per subject, per user and per category.
        builder.HasIndex(e => e.OccurredUtc);
        builder.HasIndex(e => new { e.SubjectId, e.OccurredUtc });
        builder.HasIndex(e => new { e.ActorId, e.OccurredUtc });
        builder.HasIndex(e => new { e.Category, e.OccurredUtc });
    }
}
