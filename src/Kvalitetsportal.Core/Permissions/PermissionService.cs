using System.Security.Claims;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Caching;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Permissions;

/// <summary>A role holds a permission. Stored by name so that grants survive a module being disabled.</summary>
public sealed class RolePermissionGrant
{
    public required string RoleName { get; set; }

    public required string PermissionName { get; set; }
}

internal sealed class RolePermissionGrantConfiguration : IEntityTypeConfiguration<RolePermissionGrant>
{
    public void Configure(EntityTypeBuilder<RolePermissionGrant> builder)
    {
        builder.ToTable(DataConventions.Table("Core", "RolePermissions"));
        builder.HasKey(g => new { g.RoleName, g.PermissionName });
        builder.Property(g => g.RoleName).HasMaxLength(256);
        builder.Property(g => g.PermissionName).HasMaxLength(200);
    }
}

public static class WellKnownRoles
{
    /// <summary>Holds every permission, including those of modules added later.</summary>
    public const string Administrator = "Administratör";
}

public sealed class PermissionService(
    PortalDbContext db,
    IEnumerable<IPermissionProvider> providers,
    IModuleCatalog catalog,
    IFeatureManager features,
    IFusionCache cache,
    IAuditTrail audit) : IPermissionService
{
    private const string CachePrefix = "core:grants:";

    /// <summary>The tag that forgets every role's grants.</summary>
    public const string CacheTag = "core:grants";

    private HashSet<string>? _enabledNames;
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<(string FeatureName, IReadOnlyList<Permission> Permissions)>> GetAvailablePermissionsAsync(CancellationToken cancellationToken = default)
    {
        var enabled = await features.GetEnabledFeatureIdsAsync(cancellationToken);
        var result = new List<(string, IReadOnlyList<Permission>)>();
        foreach (var provider in providers)
        {
            var feature = catalog.FeatureOf(provider.GetType());
            if (feature is null || enabled.Contains(feature.Id))
            {
                result.Add((feature?.Name ?? "Portalen", provider.GetPermissions().ToList()));
            }
        }

        return result;
    }

    public async Task<bool> HasPermissionAsync(ClaimsPrincipal user, string permissionName, CancellationToken cancellationToken = default)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        // One request asks many times (menus, buttons); the enabled names are worked out once per scope.
        _enabledNames ??= (await GetAvailablePermissionsAsync(cancellationToken))
            .SelectMany(group => group.Permissions.Select(p => p.Name))
            .ToHashSet(StringComparer.Ordinal);
        if (!_enabledNames.Contains(permissionName))
        {
            return false;
        }

        foreach (var role in user.FindAll(ClaimTypes.Role).Select(c => c.Value))
        {
            if (role == WellKnownRoles.Administrator || (await GetGrantsAsync(role, cancellationToken)).Contains(permissionName))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<IReadOnlySet<string>> GetGrantsAsync(string roleName, CancellationToken cancellationToken = default) =>
        await cache.GetOrSetAsync<IReadOnlySet<string>>(CachePrefix + roleName, async (_, ct) =>
        {
            var grants = await db.Set<RolePermissionGrant>().AsNoTracking()
                .Where(g => g.RoleName == roleName)
                .Select(g => g.PermissionName)
                .ToListAsync(ct);
            return grants.ToHashSet(StringComparer.Ordinal);
        }, options => options.SetDuration(CacheDuration), [CacheTag], cancellationToken);

    public async Task SetGrantsAsync(string roleName, IEnumerable<string> permissionNames, CancellationToken cancellationToken = default)
    {
        var wanted = permissionNames.ToHashSet(StringComparer.Ordinal);
        var existing = await db.Set<RolePermissionGrant>().Where(g => g.RoleName == roleName).ToListAsync(cancellationToken);
        db.Set<RolePermissionGrant>().RemoveRange(existing.Where(g => !wanted.Contains(g.PermissionName)));
        var removed = existing.Where(g => !wanted.Contains(g.PermissionName)).Select(g => g.PermissionName).ToList();
        var added = wanted.Where(n => existing.All(g => g.PermissionName != n)).ToList();
        foreach (var name in added)
        {
            db.Set<RolePermissionGrant>().Add(new RolePermissionGrant { RoleName = roleName, PermissionName = name });
        }

        if (added.Count > 0 || removed.Count > 0)
        {
            // Recorded in the same save as the grants: both commit or neither does.
            audit.Record(new AuditEntry(AuditCategories.Permissions, AuditActions.PermissionsChanged, AuditSubjectTypes.Role, roleName, roleName)
            {
                Changes = [.. PermissionChanges(added, removed)],
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.RemoveByTagOnCommitAsync(db, [CacheTag], cancellationToken);
    }

    private IEnumerable<AuditChange> PermissionChanges(List<string> added, List<string> removed)
    {
        // Readable names for the log; a permission of a module no longer present keeps its technical name.
        var names = providers.SelectMany(p => p.GetPermissions())
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.Ordinal);
        string Describe(IEnumerable<string> permissions) => string.Join(", ", permissions
            .Select(p => names.TryGetValue(p, out var display) ? $"{display} ({p})" : p)
            .Order(StringComparer.Ordinal));

        if (added.Count > 0)
        {
            yield return new AuditChange("added", "Tillagda behörigheter", null, Describe(added));
        }

        if (removed.Count > 0)
        {
            yield return new AuditChange("removed", "Borttagna behörigheter", Describe(removed), null);
        }
    }
}
