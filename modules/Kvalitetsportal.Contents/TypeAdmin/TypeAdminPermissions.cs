using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Permissions;

namespace Kvalitetsportal.Contents.TypeAdmin;

/// <summary>
/// The fixed permission of the type administration. It is declared here, by a provider without
/// dependencies, rather than by the data-driven <see cref="ContentPermissions"/>, so that the
/// convention test can see that the admin controllers' permission is declared.
/// </summary>
public sealed class TypeAdminPermissions : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => [ContentPermissions.ManageContentTypes];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}
