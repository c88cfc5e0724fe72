using System.Text.Json.Nodes;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Contents.Items;

/// <summary>
/// One version of a content item. What lists and permissions filter on are real, indexed
/// columns; the type's fields are JSON in <see cref="Data"/>.
/// </summary>
public sealed class ContentItem
{
    /// <summary>The version row's id.</summary>
    public long Id { get; set; }

    /// <summary>The item's id, the same for all its versions.</summary>
    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>The newest version (the one edited).</summary>
    public bool Latest { get; set; }

    /// <summary>The version others see; a draft has no published version yet.</summary>
    public bool Published { get; set; }

    public string DisplayText { get; set; } = "";

    /// <summary>The title in lower case, for case-insensitive title search on every provider.</summary>
    public string NormalizedTitle { get; set; } = "";

    /// <summary>The user the item belongs to (the submitter).</summary>
    public required string OwnerId { get; set; }

    /// <summary>The user who saved this version.</summary>
    public required string AuthorId { get; set; }

    public int? OrganisationUnitId { get; set; }

    /// <summary>The workflow state, when the type has a workflow.</summary>
    public string? WorkflowState { get; set; }

    /// <summary>Who holds the item now ("user:{id}" or "role:{name}", see <c>Access.Assignee</c>), when a workflow assigned it.</summary>
    public string? AssignedTo { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ModifiedUtc { get; set; }

    public DateTime? PublishedUtc { get; set; }

    /// <summary>Bumped on every save of the latest row; a stale edit fails on it.</summary>
    public int Revision { get; set; } = 1;

    public string Data { get; set; } = "{}";

    public JsonObject GetData() => JsonNode.Parse(Data) as JsonObject ?? [];

    public void SetData(JsonObject data) => Data = data.ToJsonString();

    /// <summary>An untracked copy of this row as it is now (what handlers see as "before").</summary>
    public ContentItem Snapshot() => (ContentItem)MemberwiseClone();
}

internal sealed class ContentItemConfiguration : IEntityTypeConfiguration<ContentItem>
{
    public void Configure(EntityTypeBuilder<ContentItem> builder)
    {
        builder.ToTable(DataConventions.Table("Contents", "Items"));
        builder.Property(i => i.ContentItemId).HasMaxLength(32);
        builder.Property(i => i.ContentType).HasMaxLength(64);
        builder.Property(i => i.DisplayText).HasMaxLength(300);
        builder.Property(i => i.NormalizedTitle).HasMaxLength(300);
        builder.Property(i => i.OwnerId).HasMaxLength(64);
        builder.Property(i => i.AuthorId).HasMaxLength(64);
        builder.Property(i => i.WorkflowState).HasMaxLength(100);
        builder.Property(i => i.AssignedTo).HasMaxLength(300);
        builder.Property(i => i.Data).IsJson();
        builder.Property(i => i.Revision).IsConcurrencyToken();

        // The lists read only latest versions, so their indexes are partial ("WHERE Latest"): a
        // boolean test cannot serve as an index equality in SQLite, but a partial index matches it.
        // Filter columns first, then the sort column, so a filtered page is read in index order.
        const string latestOnly = "\"Latest\"";
        builder.HasIndex(i => new { i.ContentType, i.ModifiedUtc }).HasDatabaseName("IX_Contents_Items_Type_Modified").HasFilter(latestOnly);
        builder.HasIndex(i => new { i.ContentType, i.OrganisationUnitId, i.ModifiedUtc }).HasDatabaseName("IX_Contents_Items_Type_Unit_Modified").HasFilter(latestOnly);
        builder.HasIndex(i => new { i.ContentType, i.WorkflowState, i.ModifiedUtc }).HasDatabaseName("IX_Contents_Items_Type_State_Modified").HasFilter(latestOnly);
        builder.HasIndex(i => new { i.ContentType, i.DisplayText, i.Id }).HasDatabaseName("IX_Contents_Items_Type_Title").HasFilter(latestOnly);
        builder.HasIndex(i => new { i.ContentType, i.OrganisationUnitId, i.DisplayText, i.Id }).HasDatabaseName("IX_Contents_Items_Type_Unit_Title").HasFilter(latestOnly);

        // Oldest first within a state (a board's columns): read in index order, however many items the state has;
        // and items created in a period (statistics per year) as a range instead of a scan of the type.
        builder.HasIndex(i => new { i.ContentType, i.WorkflowState, i.CreatedUtc }).HasDatabaseName("IX_Contents_Items_Type_State_Created").HasFilter(latestOnly);
        builder.HasIndex(i => new { i.ContentType, i.CreatedUtc }).HasDatabaseName("IX_Contents_Items_Type_Created").HasFilter(latestOnly);
        builder.HasIndex(i => new { i.OwnerId, i.ModifiedUtc }).HasDatabaseName("IX_Contents_Items_Owner_Modified").HasFilter(latestOnly);
        builder.HasIndex(i => new { i.AssignedTo, i.ModifiedUtc }).HasDatabaseName("IX_Contents_Items_Assigned_Modified").HasFilter(latestOnly);
        builder.HasIndex(i => new { i.ContentItemId, i.Latest });
        builder.HasIndex(i => new { i.ContentItemId, i.Version }).IsUnique();
    }
}
