using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Contents.TypeAdmin;

/// <summary>Which roles may do what with a type's items: the table on the type's page, and saving it in one transaction.</summary>
public sealed class ContentTypeGrants(IPermissionService permissions, RoleManager<PortalRole> roles, PortalDbContext db)
{
    public async Task<IReadOnlyList<RoleGrants>> RowsAsync(ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        var rows = new List<RoleGrants>();
        foreach (var role in await RoleNamesAsync(cancellationToken))
        {
            var grants = await permissions.GetGrantsAsync(role, cancellationToken);
            var actions = Enum.GetValues<ContentAction>().Where(a => grants.Contains(ContentPermissions.Name(type.Name, a))).ToHashSet();
            rows.Add(new RoleGrants(role, role == WellKnownRoles.Administrator, actions));
        }

        return rows;
    }

    /// <summary>
    /// Saves the ticked boxes (<c>role:Action</c>) as the type's grants of every role but the
    /// administrator's. False, and nothing saved, when a value names a role or an action the table does not have.
    /// </summary>
    public async Task<bool> SaveAsync(ContentTypeDefinition type, IEnumerable<string> ticked, CancellationToken cancellationToken)
    {
        var roleNames = await RoleNamesAsync(cancellationToken);
        var typePermissions = Enum.GetValues<ContentAction>().Select(a => ContentPermissions.Name(type.Name, a)).ToHashSet(StringComparer.Ordinal);
        var wanted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var value in ticked)
        {
            var separator = value.LastIndexOf(':');
            var role = separator > 0 ? value[..separator] : "";
            var action = separator > 0 ? value[(separator + 1)..] : "";
            if (!roleNames.Contains(role) || !Enum.TryParse<ContentAction>(action, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(action, out _))
            {
                return false;
            }

            if (!wanted.TryGetValue(role, out var set))
            {
                wanted[role] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(ContentPermissions.Name(type.Name, parsed));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var role in roleNames.Where(r => r != WellKnownRoles.Administrator))
            {
                var current = await permissions.GetGrantsAsync(role, cancellationToken);
                var next = current.Where(p => !typePermissions.Contains(p)).Concat(wanted.GetValueOrDefault(role) ?? []).ToHashSet(StringComparer.Ordinal);
                if (!next.SetEquals(current))
                {
                    await permissions.SetGrantsAsync(role, next, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        });
        return true;
    }

    private async Task<List<string>> RoleNamesAsync(CancellationToken cancellationToken) =>
        [.. (await roles.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(cancellationToken)).OrderBy(r => r == WellKnownRoles.Administrator ? 0 : 1).ThenBy(r => r, StringComparer.CurrentCulture)];
}
