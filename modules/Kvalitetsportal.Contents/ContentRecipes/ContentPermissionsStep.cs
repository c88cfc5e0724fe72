using System.Text.Json;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;

namespace Kvalitetsportal.Contents.ContentRecipes;

/// <summary>
/// { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "Forbattringsforslag", "actions": ["Create", "ViewOwn", "EditOwn"] } ] }
/// Adds grants; a role's other grants stay as they are.
/// </summary>
public sealed class ContentPermissionsStep(IContentDefinitionStore store, IPermissionService permissions, RoleManager<PortalRole> roles) : IRecipeStepHandler
{
    public const string Name = "contentPermissions";

    public string StepName => Name;

    /// <summary>Grants roles permissions, which is the role administrator's to do.</summary>
    public string? RequiredPermission => Users.UsersPermissions.ManageRolesName;

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("grants", out var grants) || grants.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"grants\" måste vara en lista med behörigheter.");
        }

        var added = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var grant in grants.EnumerateArray())
        {
            index++;
            if (grant.ValueKind != JsonValueKind.Object)
            {
                throw new RecipeException($"behörighet {index} är inte ett objekt.");
            }

            var role = Text(grant, "role", index);
            var typeName = Text(grant, "type", index);
            if (!await roles.RoleExistsAsync(role))
            {
                throw new RecipeException($"behörighet {index}: rollen \"{role}\" finns inte.");
            }

            if (await store.GetAsync(typeName, cancellationToken) is null)
            {
                throw new RecipeException($"behörighet {index}: innehållstypen \"{typeName}\" finns inte.");
            }

            if (!grant.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
            {
                throw new RecipeException($"behörighet {index}: \"actions\" måste vara en lista, till exempel [\"Create\", \"ViewOwn\"].");
            }

            if (!added.TryGetValue(role, out var set))
            {
                added[role] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var action in actions.EnumerateArray())
            {
                var text = action.ValueKind == JsonValueKind.String ? action.GetString() ?? "" : "";
                if (!Enum.TryParse<ContentAction>(text, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || !char.IsLetter(text.FirstOrDefault()))
                {
                    throw new RecipeException($"behörighet {index}: okänd åtgärd \"{text}\". Tillåtna: {string.Join(", ", Enum.GetNames<ContentAction>())}.");
                }

                set.Add(ContentPermissions.Name(typeName, parsed));
            }
        }

        foreach (var (role, names) in added)
        {
            var current = await permissions.GetGrantsAsync(role, cancellationToken);
            if (!names.IsSubsetOf(current))
            {
                await permissions.SetGrantsAsync(role, current.Concat(names), cancellationToken);
            }
        }
    }

    private static string Text(JsonElement element, string property, int index) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new RecipeException($"behörighet {index}: \"{property}\" måste vara en text.");
}
