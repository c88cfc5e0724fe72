using Kvalitetsportal.Data;

namespace Kvalitetsportal.Contents.Items;

/// <summary>
/// A fact a module keeps about items in its own tables (a diarienummer), shown beside the item's
/// own fields: a column in the type's export, and text the search finds the item by. Asked for a
/// batch of items, on the caller's unit of work (the search index has its own).
/// </summary>
public interface IContentItemFacts
{
    /// <summary>The export column's header, e.g. "Diarienummer".</summary>
    string Label { get; }

    /// <summary>Whether items of the type may have the fact (the export shows the column only then).</summary>
    Task<bool> AppliesToAsync(PortalDbContext db, string contentType, CancellationToken cancellationToken);

    /// <summary>The fact's text per item id, for those of the items that have it.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAsync(PortalDbContext db, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken);
}
