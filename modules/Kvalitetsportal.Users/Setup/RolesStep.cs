using System.Text.Json;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;

namespace Kvalitetsportal.Users.Setup;

/// <summary>
/// { "name": "roles", "roles": [ { "name": "Medarbetare", "description": "…", "permissions": ["…"] } ] }
/// Creates missing roles and grants them the listed permissions plus each module's defaults.
/// </summary>
public sealed class RolesStep(RoleManager<PortalRole> roles, IPermissionService permissions, IEnumerable<IPermissionProvider> providers) : IRecipeStepHandler
{
    public string StepName => "roles";

    /// <summary>Creates roles and grants them permissions.</summary>
    public string? RequiredPermission => UsersPermissions.ManageRolesName;

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("roles", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"roles\" måste vara en lista med roller.");
        }

        var defaults = providers.SelectMany(p => p.GetDefaultGrants()).ToList();
        foreach (var element in list.EnumerateArray())
        {
            var name = element.TryGetProperty("name", out var n) ? n.GetString()?.Trim() : null;
            if (string.IsNullOrEmpty(name))
            {
                throw new RecipeException("en roll saknar namn.");
            }

            var role = await roles.FindByNameAsync(name);
            if (role is null)
            {
                role = new PortalRole(name);
                var created = await roles.CreateAsync(role);
                if (!created.Succeeded)
                {
                    throw new RecipeException(string.Join(" ", created.Errors.Select(e => e.Description)));
                }
            }

            role.Description = element.TryGetProperty("description", out var d) ? d.GetString() ?? "" : role.Description;
            await roles.UpdateAsync(role);

            var grants = new HashSet<string>(await permissions.GetGrantsAsync(name, cancellationToken), StringComparer.Ordinal);
            if (element.TryGetProperty("permissions", out var listed) && listed.ValueKind == JsonValueKind.Array)
            {
                grants.UnionWith(listed.EnumerateArray().Select(p => p.GetString() ?? "").Where(p => p.Length > 0));
            }

            grants.UnionWith(defaults.Where(g => g.RoleName == name).SelectMany(g => g.Permissions).Select(p => p.Name));
            await permissions.SetGrantsAsync(name, grants, cancellationToken);
        }
    }
}
