namespace Kvalitetsportal.Permissions;

/// <summary>A named right a module declares in code. Administrators grant it to roles.</summary>
public sealed record Permission(string Name, string DisplayName, string Description = "")
{
    public const string PolicyPrefix = "Permission:";

    public string PolicyName => PolicyPrefix + Name;
}

/// <summary>A feature's permissions and the roles that get them on a fresh installation.</summary>
public interface IPermissionProvider
{
    IEnumerable<Permission> GetPermissions();

    IEnumerable<DefaultRoleGrant> GetDefaultGrants();
}

public sealed record DefaultRoleGrant(string RoleName, IReadOnlyList<Permission> Permissions);
