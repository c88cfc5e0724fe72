namespace Kvalitetsportal.Contents.Items;

/// <summary>
/// Adds words to what the search index holds for an item, beyond its searchable fields: e.g. the
/// decisions recorded on it. Called when the item is (re)indexed, outside any request; the index
/// then trims hits by the item's own access rules, so only add text every reader of the item may see.
/// </summary>
public interface IContentTextContributor
{
    Task<string> TextAsync(ContentItem item, CancellationToken cancellationToken);
}
