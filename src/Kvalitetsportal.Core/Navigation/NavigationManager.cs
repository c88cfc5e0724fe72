using System.Security.Claims;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;

namespace Kvalitetsportal.Navigation;

/// <summary>Builds a menu from the providers of enabled features, keeping only items the user may open.</summary>
public sealed class NavigationManager(
    IEnumerable<INavigationProvider> providers,
    IModuleCatalog catalog,
    IFeatureManager features,
    IPermissionService permissions) : INavigationManager
{
    public async Task<IReadOnlyList<MenuItem>> BuildMenuAsync(string menuName, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var enabled = await features.GetEnabledFeatureIdsAsync(cancellationToken);
        var items = new List<MenuItem>();
        foreach (var provider in providers)
        {
            var feature = catalog.FeatureOf(provider.GetType());
            if (feature is null || enabled.Contains(feature.Id))
            {
                provider.BuildNavigation(menuName, items);
            }
        }

        var visible = new List<MenuItem>();
        foreach (var item in items.OrderBy(i => i.Position).ThenBy(i => i.Text, StringComparer.CurrentCulture))
        {
            if (item.Permission is null || await permissions.HasPermissionAsync(user, item.Permission, cancellationToken))
            {
                visible.Add(item);
            }
        }

        return visible;
    }
}
