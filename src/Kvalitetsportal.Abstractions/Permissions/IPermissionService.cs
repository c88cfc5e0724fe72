using System.Security.Claims;

namespace Kvalitetsportal.Permissions;

public interface IPermissionService
{
    /// <summary>Permissions of enabled features, grouped by feature, for the admin UI.</summary>
    Task<IReadOnlyList<(string FeatureName, IReadOnlyList<Permission> Permissions)>> GetAvailablePermissionsAsync(CancellationToken cancellationToken = default);

    Task<bool> HasPermissionAsync(ClaimsPrincipal user, string permissionName, CancellationToken cancellationToken = default);

    Task<IReadOnlySet<string>> GetGrantsAsync(string roleName, CancellationToken cancellationToken = default);

    Task SetGrantsAsync(string roleName, IEnumerable<string> permissionNames, CancellationToken cancellationToken = default);
}
