using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Workflows.Decisions;

/// <summary>Who decided: one person (a manager, the quality lead) or a body (a nämnd, a styrgrupp).</summary>
public enum DeciderKind
{
    Person,
    Body,
}

/// <summary>
/// A decision recorded with a transition that asks for one (<see cref="Definitions.WorkflowTransition.RequiresDecision"/>).
/// Written in the same commit as the move and its history entry; never changed afterwards (a new
/// decision is a new move).
/// </summary>
public sealed class WorkflowDecision
{
    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The move the decision came with.</summary>
    public long HistoryEntryId { get; set; }

    public WorkflowHistoryEntry? HistoryEntry { get; set; }

    public required string TransitionId { get; set; }

    public DeciderKind DeciderKind { get; set; }

    /// <summary>"Kommunstyrelsen", "Styrgruppen för e-tjänster", "Anna Andersson".</summary>
    public required string DecidedBy { get; set; }

    public DateOnly DecisionDate { get; set; }

    /// <summary>The paragraph in the minutes, e.g. "§ 123"; empty for a person's decision.</summary>
    public string? Paragraph { get; set; }

    /// <summary>One of the outcomes the administrator keeps, as it read when the decision was made.</summary>
    public required string Outcome { get; set; }

    public string? Conditions { get; set; }

    /// <summary>The signed protocol and other attachments (<see cref="Contents.Files.StoredFile"/> as JSON).</summary>
    public string Attachments { get; set; } = "[]";

    public required string RecordedById { get; set; }

    public DateTime RecordedUtc { get; set; }
}

/// <summary>An outcome the administrator offers, e.g. "Godkänd med villkor".</summary>
public sealed class DecisionOutcome
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public int Order { get; set; }
}

internal sealed class WorkflowDecisionConfiguration : IEntityTypeConfiguration<WorkflowDecision>
{
    public void Configure(EntityTypeBuilder<WorkflowDecision> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "Decisions"));
        builder.Property(d => d.ContentItemId).HasMaxLength(32);
        builder.Property(d => d.ContentType).HasMaxLength(64);
        builder.Property(d => d.TransitionId).HasMaxLength(64);
        builder.Property(d => d.DeciderKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.DecidedBy).HasMaxLength(DecisionRules.MaxDecidedBy);
        builder.Property(d => d.Paragraph).HasMaxLength(DecisionRules.MaxParagraph);
        builder.Property(d => d.Outcome).HasMaxLength(DecisionRules.MaxOutcome);
        builder.Property(d => d.Conditions).HasMaxLength(DecisionRules.MaxConditions);
        builder.Property(d => d.RecordedById).HasMaxLength(64);
        builder.HasOne(d => d.HistoryEntry).WithMany().HasForeignKey(d => d.HistoryEntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.ContentItemId, d.DecisionDate });
        builder.HasIndex(d => d.HistoryEntryId).IsUnique();
    }
}

internal sealed class DecisionOutcomeConfiguration : IEntityTypeConfiguration<DecisionOutcome>
{
    public void Configure(EntityTypeBuilder<DecisionOutcome> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "DecisionOutcomes"));
        builder.Property(o => o.Name).HasMaxLength(DecisionRules.MaxOutcome);
        builder.HasIndex(o => o.Name).IsUnique();
    }
}
