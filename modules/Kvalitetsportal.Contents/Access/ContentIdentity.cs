using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;

namespace Kvalitetsportal.Contents.Access;

/// <summary>
/// A module's rule on whether a reader may learn who submitted an item (e.g. pseudonymised
/// screening of ideas). Answer false to hide the owner, null to leave it to other policies.
/// </summary>
public interface IContentIdentityPolicy
{
    ValueTask<bool?> MayRevealOwnerAsync(ClaimsPrincipal reader, ContentTypeDefinition type, ContentItem item, CancellationToken cancellationToken);
}

/// <summary>
/// The one place every page, export and API call asks before it shows who submitted or edited an
/// item. The owner always sees their own name; otherwise any policy that says no hides it.
/// </summary>
public sealed class ContentIdentityVisibility(IEnumerable<IContentIdentityPolicy> policies)
{
    public async Task<bool> MayRevealOwnerAsync(ClaimsPrincipal reader, ContentTypeDefinition type, ContentItem item, CancellationToken cancellationToken = default)
    {
        if (ContentAuthorizer.UserId(reader) is { } readerId && readerId == item.OwnerId)
        {
            return true;
        }

        foreach (var policy in policies)
        {
            if (await policy.MayRevealOwnerAsync(reader, type, item, cancellationToken) == false)
            {
                return false;
            }
        }

        return true;
    }
}
