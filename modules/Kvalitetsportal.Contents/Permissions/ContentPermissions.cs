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
