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

    public PickQuadrant? Pick { get; set; }

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
