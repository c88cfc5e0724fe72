using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Organisation.Units;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Organisation;

public sealed class OrganisationStartup : IFeatureStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPermissionProvider, OrganisationPermissions>();
        services.AddSingleton<INavigationProvider, OrganisationNavigation>();
        services.AddScoped<UnitImporter>();
        services.AddScoped<Data.IUnitDirectory, Data.CachedUnitDirectory>();
        services.AddScoped<IRecipeStepHandler, OrganisationStep>();
    }
}

public sealed class OrganisationPermissions : IPermissionProvider
{
    public const string ManageOrganisationName = "ManageOrganisation";

    public static readonly Permission ManageOrganisation = new(ManageOrganisationName, "Hantera organisationen", "Lägga till, ändra, flytta och avveckla nämnder, förvaltningar, enheter och bolag.");

    public IEnumerable<Permission> GetPermissions() => [ManageOrganisation];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class OrganisationNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Organisation", "/admin/organisation", 100, OrganisationPermissions.ManageOrganisationName, "Organisation"));
        }
    }
}
