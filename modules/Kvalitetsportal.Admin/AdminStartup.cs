using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Admin;

public sealed class AdminStartup : IFeatureStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPermissionProvider, AdminPermissions>();
        services.AddSingleton<INavigationProvider, AdminNavigation>();
    }
}

public sealed class AdminPermissions : IPermissionProvider
{
    public static readonly Permission AccessAdmin = new("AccessAdmin", "Öppna administrationen", "Se administrationens startsida och meny.");
    public static readonly Permission ManageFeatures = new("ManageFeatures", "Hantera moduler och funktioner", "Aktivera och stänga av funktioner.");

    public IEnumerable<Permission> GetPermissions() => [AccessAdmin, ManageFeatures];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class AdminNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Översikt", "/admin", 0, AdminPermissions.AccessAdmin.Name));
            items.Add(new MenuItem("Moduler och funktioner", "/admin/funktioner", 900, AdminPermissions.ManageFeatures.Name, "Plattform"));
        }
        else if (menuName == Menus.Portal)
        {
            items.Add(new MenuItem("Administration", "/admin", 1000, AdminPermissions.AccessAdmin.Name));
        }
    }
}
