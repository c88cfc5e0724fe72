using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Permissions;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>
/// Pseudonymised screening: who gave an idea is shown to those who may see givers (the
/// coordinator); to an assessor (anyone who may assess, or who holds the idea) only once the
/// coordinator has revealed it; to everyone else only if the giver agreed to it.
/// </summary>
public sealed class IdeaIdentityPolicy(IPermissionService permissions, PortalDbContext db) : IContentIdentityPolicy
{
    public async ValueTask<bool?> MayRevealOwnerAsync(ClaimsPrincipal reader, ContentTypeDefinition type, ContentItem item, CancellationToken cancellationToken)
    {
        if (type.Name != IdeaTypes.Idea)
        {
            return null;
        }

        if (await permissions.HasPermissionAsync(reader, IdeslussPermissions.SeeGiversName, cancellationToken))
        {
            return true;
        }

        var record = await db.Set<IdeaRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemId == item.ContentItemId, cancellationToken);
        var readerId = ContentAuthorizer.UserId(reader);
        var assesses = await permissions.HasPermissionAsync(reader, IdeslussPermissions.AssessName, cancellationToken)
            || (readerId is not null && (item.AssignedTo == Assignee.User(readerId) || record?.AssessorId == readerId));
        if (assesses)
        {
            return record?.IdentityRevealed == true;
        }

        // Read from the item itself as well, so the rule holds before the projection exists.
        return record?.NamePublic ?? IdeaTypes.IsYes(item.GetData()[IdeaTypes.NamePublic]);
    }
}
