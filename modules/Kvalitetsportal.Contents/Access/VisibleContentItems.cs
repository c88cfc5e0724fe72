using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;

namespace Kvalitetsportal.Contents.Access;

/// <summary>
/// An item as a reader may reach it by its URL: the latest version, when the id is well formed, the
/// item is of <c>type</c> and the reader may see it. Null otherwise, and the caller answers 404 in
/// every case, so that an item the reader may not see is never revealed to exist.
/// </summary>
public sealed class VisibleContentItems(IContentManager contents, ContentAuthorizer authorizer)
{
    public async Task<ContentItem?> FindAsync(ClaimsPrincipal user, ContentTypeDefinition type, string? id, CancellationToken cancellationToken = default)
    {
        if (!ContentItemIds.IsWellFormed(id))
        {
            return null;
        }

        var item = await contents.GetLatestAsync(id, cancellationToken);
        return item is not null && item.ContentType == type.Name && await authorizer.CanAsync(user, type, item, ContentAction.ViewOwn, cancellationToken)
            ? item
            : null;
    }
}
