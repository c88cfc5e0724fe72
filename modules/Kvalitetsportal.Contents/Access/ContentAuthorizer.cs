using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Permissions;

namespace Kvalitetsportal.Contents.Access;

/// <summary>Answers "may this user do this with this item?" on the server, for every page, export and API call.</summary>
public sealed class ContentAuthorizer(IPermissionService permissions, ContentAccessService access)
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public Task<bool> CanCreateAsync(ClaimsPrincipal user, ContentTypeDefinition type, CancellationToken cancellationToken = default) =>
        permissions.HasPermissionAsync(user, ContentPermissions.Name(type.Name, ContentAction.Create), cancellationToken);

    /// <summary>Whether the user may view, edit or delete this item: the type's permissions (own or all) and every item-level rule.</summary>
    public Task<bool> CanAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem item, ContentAction anyOrOwn, CancellationToken cancellationToken = default) =>
        access.CanAsync(user, type, item, anyOrOwn switch
        {
            ContentAction.ViewOwn or ContentAction.ViewAll => ContentAccessKind.View,
            ContentAction.EditOwn or ContentAction.EditAll => ContentAccessKind.Edit,
            ContentAction.DeleteOwn or ContentAction.DeleteAll => ContentAccessKind.Delete,
            _ => throw new ArgumentOutOfRangeException(nameof(anyOrOwn)),
        }, cancellationToken);

    /// <summary>Whether the user reaches any item of the type at all (the list and export are open to them).</summary>
    public async Task<bool> CanViewAnyAsync(ClaimsPrincipal user, ContentTypeDefinition type, CancellationToken cancellationToken = default) =>
        !(await access.ScopeAsync(user, type, ContentAccessKind.View, cancellationToken)).IsEmpty;

    /// <summary>Whether the user may list every item of the type (type permission), or only some.</summary>
    public Task<bool> CanViewAllAsync(ClaimsPrincipal user, ContentTypeDefinition type, CancellationToken cancellationToken = default) =>
        permissions.HasPermissionAsync(user, ContentPermissions.Name(type.Name, ContentAction.ViewAll), cancellationToken);
}
