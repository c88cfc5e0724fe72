using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Permissions;

namespace Kvalitetsportal.Contents.Permissions;

/// <summary>What a user may do with items of a type; "own" applies to items the user owns.</summary>
public enum ContentAction
{
    Create,
    ViewOwn,
    ViewAll,
    EditOwn,
    EditAll,
    DeleteOwn,
    DeleteAll,
}

/// <summary>Per-type permissions, derived from the stored definitions so a new type has them at once.</summary>
public sealed class ContentPermissions(ContentDefinitionCache definitions) : IPermissionProvider
{
    public const string ManageContentTypesName = "ManageContentTypes";

    /// <summary>Declared by <see cref="TypeAdmin.TypeAdminPermissions"/>, a provider the convention test can construct.</summary>
    public static readonly Permission ManageContentTypes = new(ManageContentTypesName, "Hantera innehållstyper", "Skapa innehållstyper och ändra deras fält.");

    public static string Name(string typeName, ContentAction action) => $"Contents.{typeName}.{action}";

    public static Permission For(ContentTypeDefinition type, ContentAction action) => new(Name(type.Name, action), action switch
    {
        ContentAction.Create => $"Skapa {type.DisplayName}",
        ContentAction.ViewOwn => $"Se egna {type.DisplayName}",
        ContentAction.ViewAll => $"Se alla {type.DisplayName}",
        ContentAction.EditOwn => $"Ändra egna {type.DisplayName}",
        ContentAction.EditAll => $"Ändra alla {type.DisplayName}",
        ContentAction.DeleteOwn => $"Ta bort egna {type.DisplayName}",
        _ => $"Ta bort alla {type.DisplayName}",
    });

    public IEnumerable<Permission> GetPermissions() =>
        definitions.Current.Values
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .SelectMany(t => Enum.GetValues<ContentAction>().Select(a => For(t, a)));

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

/// <summary>Answers "may this user do this with this item?" on the server, for every page, export and API call.</summary>
public sealed class ContentAuthorizer(IPermissionService permissions, Access.ContentAccessService access)
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public Task<bool> CanCreateAsync(ClaimsPrincipal user, ContentTypeDefinition type, CancellationToken cancellationToken = default) =>
        permissions.HasPermissionAsync(user, ContentPermissions.Name(type.Name, ContentAction.Create), cancellationToken);

    /// <summary>Whether the user may view, edit or delete this item: the type's permissions (own or all) and every item-level rule.</summary>
    public Task<bool> CanAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem item, ContentAction anyOrOwn, CancellationToken cancellationToken = default) =>
        access.CanAsync(user, type, item, anyOrOwn switch
        {
            ContentAction.ViewOwn or ContentAction.ViewAll => Access.ContentAccessKind.View,
            ContentAction.EditOwn or ContentAction.EditAll => Access.ContentAccessKind.Edit,
            ContentAction.DeleteOwn or ContentAction.DeleteAll => Access.ContentAccessKind.Delete,
            _ => throw new ArgumentOutOfRangeException(nameof(anyOrOwn)),
        }, cancellationToken);

    /// <summary>Whether the user reaches any item of the type at all (the list and export are open to them).</summary>
    public async Task<bool> CanViewAnyAsync(ClaimsPrincipal user, ContentTypeDefinition type, CancellationToken cancellationToken = default) =>
        !(await access.ScopeAsync(user, type, Access.ContentAccessKind.View, cancellationToken)).IsEmpty;

    /// <summary>Whether the user may list every item of the type (type permission), or only some.</summary>
    public Task<bool> CanViewAllAsync(ClaimsPrincipal user, ContentTypeDefinition type, CancellationToken cancellationToken = default) =>
        permissions.HasPermissionAsync(user, ContentPermissions.Name(type.Name, ContentAction.ViewAll), cancellationToken);
}
