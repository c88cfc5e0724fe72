using Kvalitetsportal.Modules;

namespace Kvalitetsportal.Contents.Items;

/// <summary>
/// A module's own page for reading an item of its type (Idésluss's idea page, with support,
/// follow and comments), which links for reading (search hits, "Mina ärenden", similar items)
/// prefer over the generic item page. The generic page stays where the item is edited and moved
/// through its workflow.
/// </summary>
public interface IContentItemPage
{
    string ContentType { get; }

    string Url(string contentItemId);
}

/// <summary>Where to read an item: its type's own page when an enabled module has one, else the generic item page.</summary>
public sealed class ContentItemPages(IEnumerable<IContentItemPage> pages, IModuleCatalog catalog, IFeatureManager features)
{
    public async Task<string> ReadUrlAsync(string contentType, string contentItemId, CancellationToken cancellationToken = default)
    {
        foreach (var page in pages)
        {
            if (string.Equals(page.ContentType, contentType, StringComparison.Ordinal)
                && (catalog.FeatureOf(page.GetType()) is not { } feature || (await features.GetEnabledFeatureIdsAsync(cancellationToken)).Contains(feature.Id)))
            {
                return page.Url(contentItemId);
            }
        }

        return ContentItemUrls.Detail(contentType, contentItemId);
    }
}
