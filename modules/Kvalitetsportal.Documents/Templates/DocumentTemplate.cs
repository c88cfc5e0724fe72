using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Documents.Templates;

/// <summary>
/// A Word template for one content type and one purpose ("Beslut vid beslutspunkt"). The file is
/// kept in the database with its row (ADR 0026): small, saved and replaced in one transaction,
/// backed up with everything else and the same on every node.
/// </summary>
public sealed class DocumentTemplate
{
    public const int MaxPurposeLength = 100;

    public int Id { get; set; }

    public required string ContentType { get; set; }

    /// <summary>What the document is for, as users see it on the item's page: "Hämta dokument: {Purpose}".</summary>
    public required string Purpose { get; set; }

    public required string FileName { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>The merge fields the template uses, comma-separated, as the upload check found them.</summary>
    public string Fields { get; set; } = "";

    public DateTime UploadedUtc { get; set; }

    public string? UploadedById { get; set; }
}

internal sealed class DocumentTemplateConfiguration : IEntityTypeConfiguration<DocumentTemplate>
{
    public void Configure(EntityTypeBuilder<DocumentTemplate> builder)
    {
        builder.ToTable(DataConventions.Table("Documents", "Templates"));
        builder.Property(t => t.ContentType).HasMaxLength(64);
        builder.Property(t => t.Purpose).HasMaxLength(DocumentTemplate.MaxPurposeLength);
        builder.Property(t => t.FileName).HasMaxLength(260);
        builder.Property(t => t.Fields).HasMaxLength(4000);
        builder.Property(t => t.UploadedById).HasMaxLength(64);
        builder.HasIndex(t => new { t.ContentType, t.Purpose }).IsUnique();
    }
}
