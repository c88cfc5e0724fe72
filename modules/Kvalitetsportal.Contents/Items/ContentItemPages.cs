using System.Security.Claims;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;

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

    /// <summary>
    /// The module's own edit form, when it has one that edits only what the owner may change (the
    /// idea form without the coordinator's fields); null when the generic edit page is the editor.
    /// </summary>
    string? EditUrl(string contentItemId) => null;
}

/// <summary>Where to read an item: its type's own page when an enabled module has one, else the generic item page.</summary>
public sealed class ContentItemPages(IEnumerable<IContentItemPage> pages, IModuleCatalog catalog, IFeatureManager features, IPermissionService permissions)
{
    /// <summary>
    /// The module's own editor, for a user who may not edit every item of the type: the generic edit
    /// page and the API would let them change fields the module keeps for others. Null when the
    /// generic editor is theirs to use (no own editor, or "edit all" on the type).
    /// </summary>
    public async Task<string?> OwnEditorForAsync(ClaimsPrincipal user, string contentType, string contentItemId, CancellationToken cancellationToken = default)
    {
        foreach (var page in pages)
        {
            if (string.Equals(page.ContentType, contentType, StringComparison.Ordinal)
                && page.EditUrl(contentItemId) is { } url
                && (catalog.FeatureOf(page.GetType()) is not { } feature || (await features.GetEnabledFeatureIdsAsync(cancellationToken)).Contains(feature.Id)))
            {
                return await permissions.HasPermissionAsync(user, ContentPermissions.Name(contentType, ContentAction.EditAll), cancellationToken) ? null : url;
            }
        }

        return null;
    }

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
