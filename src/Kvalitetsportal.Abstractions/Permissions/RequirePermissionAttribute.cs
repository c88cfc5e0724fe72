using Microsoft.AspNetCore.Authorization;

namespace Kvalitetsportal.Permissions;

/// <summary>Requires the signed-in user to hold a permission through one of their roles.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(string permissionName) : AuthorizeAttribute(Permission.PolicyPrefix + permissionName)
{
    public string PermissionName { get; } = permissionName;
}
