using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Idesluss.Data;

/// <summary>Where an assessed idea lands in the PICK chart (handbook p. 28).</summary>
public enum PickQuadrant
{
    /// <summary>Small effort, small effect: möjlig.</summary>
    Possible = 1,

    /// <summary>Small effort, large effect: genomför.</summary>
    Implement = 2,

    /// <summary>Large effort, large effect: utmana.</summary>
    Challenge = 3,

    /// <summary>Large effort, small effect: avfärda.</summary>
    Kill = 4,
}

/// <summary>
/// The idea's typed projection (ADR 0003 style index table): what the board, the idea bank and
/// the statistics filter on, written by <see cref="Ideas.IdeaIndexer"/> inside the item's save.
/// </summary>
public sealed class IdeaRecord
{
    public const int MotivationLength = 2000;

    public required string ContentItemId { get; set; }

    public string? Area { get; set; }

    public string? CampaignId { get; set; }

    public bool NamePublic { get; set; }

    public bool GoodExample { get; set; }

    /// <summary>The coordinator has let assessors see who the giver is.</summary>
    public bool IdentityRevealed { get; set; }

    /// <summary>The idea this one was merged into as a duplicate.</summary>
    public string? MergedInto { get; set; }

    /// <summary>The assessor's user id (also held in the item's AssignedTo while assessing).</summary>
    public string? AssessorId { get; set; }

    /// <summary>
    /// Where PICK and the board show the idea: the coordinator's final placement, or else the
    /// placement of the only assessment; null while several assessments wait for a final placement.
    /// </summary>
    public PickQuadrant? Pick { get; set; }

    /// <summary>How many assessments with a placement the idea has (see <see cref="IdeaAssessmentRecord"/>).</summary>
    public int Assessments { get; set; }

    /// <summary>The coordinator's final placement; once set, new assessments no longer move the idea.</summary>
    public PickQuadrant? FinalPick { get; set; }

    public string? FinalPickMotivation { get; set; }

    public string? FinalPickBy { get; set; }

    public DateTime? FinalPickUtc { get; set; }

    public int Supporters { get; set; }
}

public enum ReactionKind
{
    Support = 1,
    Follow = 2,
}

/// <summary>A user's support for, or following of, an idea (one row each).</summary>
public sealed class IdeaReaction
{
    public required string ContentItemId { get; set; }

    public required string UserId { get; set; }

    public ReactionKind Kind { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>A comment on an idea; plain text, shown encoded.</summary>
public sealed class IdeaComment
{
    public const int MaxLength = 2000;

    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    /// <summary>Null for notes the portal writes itself (e.g. "merged into").</summary>
    public string? AuthorId { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>One assessment of an idea (the assessment type's typed projection): who, where in PICK, when.</summary>
public sealed class IdeaAssessmentRecord
{
    /// <summary>The assessment content item's id.</summary>
    public required string AssessmentId { get; set; }

    public required string IdeaId { get; set; }

    public required string AssessorId { get; set; }

    public PickQuadrant? Pick { get; set; }

    public DateTime ModifiedUtc { get; set; }
}

/// <summary>
/// A row of an idea's action plan after PICK (handbook p. 29): möjlighet, idé/åtgärd, bedömning,
/// ansvarig, klart-datum and uppföljning. The responsible person is reminded on the klart-datum.
/// </summary>
public sealed class ActionPlanRow
{
    public const int TextLength = 1000;

    public long Id { get; set; }

    public required string IdeaId { get; set; }

    /// <summary>Möjlighet.</summary>
    public required string Opportunity { get; set; }

    /// <summary>Idé/åtgärd.</summary>
    public required string Action { get; set; }

    /// <summary>Bedömning: möjligt, genomför or utmana (what lands in Kill is laid aside, not planned).</summary>
    public PickQuadrant Assessment { get; set; }

    /// <summary>Ansvarig: a portal user.</summary>
    public required string ResponsibleId { get; set; }

    /// <summary>Klart-datum (Swedish calendar day).</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>Uppföljning: when and by whom it is followed up, and how it went.</summary>
    public DateOnly? FollowUpDate { get; set; }

    public string? FollowUp { get; set; }

    public bool Done { get; set; }

    /// <summary>When the responsible person was reminded of the klart-datum; cleared when the date changes.</summary>
    public DateTime? RemindedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ModifiedUtc { get; set; }

    /// <summary>Bumped by every save: a form posted with an older revision is refused, never lost.</summary>
    public int Revision { get; set; }
}

internal sealed class IdeaAssessmentRecordConfiguration : IEntityTypeConfiguration<IdeaAssessmentRecord>
{
    public void Configure(EntityTypeBuilder<IdeaAssessmentRecord> builder)
    {
        builder.ToTable(DataConventions.Table("Idesluss", "Assessments"));
        builder.HasKey(a => a.AssessmentId);
        builder.Property(a => a.AssessmentId).HasMaxLength(32);
        builder.Property(a => a.IdeaId).HasMaxLength(32);
        builder.Property(a => a.AssessorId).HasMaxLength(64);
        builder.HasIndex(a => a.IdeaId);
    }
}

internal sealed class ActionPlanRowConfiguration : IEntityTypeConfiguration<ActionPlanRow>
{
    public void Configure(EntityTypeBuilder<ActionPlanRow> builder)
    {
        builder.ToTable(DataConventions.Table("Idesluss", "ActionPlanRows"));
        builder.Property(r => r.IdeaId).HasMaxLength(32);
        builder.Property(r => r.Opportunity).HasMaxLength(ActionPlanRow.TextLength);
        builder.Property(r => r.Action).HasMaxLength(ActionPlanRow.TextLength);
        builder.Property(r => r.ResponsibleId).HasMaxLength(64);
        builder.Property(r => r.FollowUp).HasMaxLength(ActionPlanRow.TextLength);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasIndex(r => r.IdeaId);
        builder.HasIndex(r => new { r.Done, r.DueDate });
        builder.HasIndex(r => r.ResponsibleId);
    }
}

internal sealed class IdeaRecordConfiguration : IEntityTypeConfiguration<IdeaRecord>
{
    public void Configure(EntityTypeBuilder<IdeaRecord> builder)
    {
        builder.ToTable(DataConventions.Table("Idesluss", "Ideas"));
        builder.HasKey(i => i.ContentItemId);
        builder.Property(i => i.ContentItemId).HasMaxLength(32);
        builder.Property(i => i.Area).HasMaxLength(200);
        builder.Property(i => i.CampaignId).HasMaxLength(32);
        builder.Property(i => i.MergedInto).HasMaxLength(32);
        builder.Property(i => i.AssessorId).HasMaxLength(64);
        builder.Property(i => i.FinalPickMotivation).HasMaxLength(IdeaRecord.MotivationLength);
        builder.Property(i => i.FinalPickBy).HasMaxLength(64);
        builder.HasIndex(i => i.Area);
        builder.HasIndex(i => i.AssessorId);
        builder.HasIndex(i => i.GoodExample);
        builder.HasIndex(i => i.CampaignId);
    }
}

internal sealed class IdeaReactionConfiguration : IEntityTypeConfiguration<IdeaReaction>
{
    public void Configure(EntityTypeBuilder<IdeaReaction> builder)
    {
        builder.ToTable(DataConventions.Table("Idesluss", "Reactions"));
        builder.HasKey(r => new { r.ContentItemId, r.UserId, r.Kind });
        builder.Property(r => r.ContentItemId).HasMaxLength(32);
        builder.Property(r => r.UserId).HasMaxLength(64);
        builder.HasIndex(r => new { r.UserId, r.Kind });
    }
}

internal sealed class IdeaCommentConfiguration : IEntityTypeConfiguration<IdeaComment>
{
    public void Configure(EntityTypeBuilder<IdeaComment> builder)
    {
        builder.ToTable(DataConventions.Table("Idesluss", "Comments"));
        builder.Property(c => c.ContentItemId).HasMaxLength(32);
        builder.Property(c => c.AuthorId).HasMaxLength(64);
        builder.Property(c => c.Text).HasMaxLength(IdeaComment.MaxLength);
        builder.HasIndex(c => new { c.ContentItemId, c.CreatedUtc });
    }
}
