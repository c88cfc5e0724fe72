using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Organisation.UnitImport;

/// <summary>The optional CSV import. The importer itself belongs to Organisation, since the recipe step uses it too.</summary>
public sealed class OrganisationImportStartup : IFeatureStartup
{
    public const string FeatureId = "Organisation.Import";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPermissionProvider, OrganisationImportPermissions>();
        services.AddSingleton<INavigationProvider, OrganisationImportNavigation>();
    }
}

[BelongsToFeature(OrganisationImportStartup.FeatureId)]
public sealed class OrganisationImportPermissions : IPermissionProvider
{
    public const string ImportOrganisationName = "ImportOrganisation";

    public static readonly Permission ImportOrganisation = new(ImportOrganisationName, "Importera organisation", "Läsa in nämnder, förvaltningar, enheter och bolag från en CSV-fil.");

    public IEnumerable<Permission> GetPermissions() => [ImportOrganisation];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

[BelongsToFeature(OrganisationImportStartup.FeatureId)]
public sealed class OrganisationImportNavigation : INavigationProvider
{
    public const string Url = "/admin/organisation/import";

    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Importera organisation", Url, 110, OrganisationImportPermissions.ImportOrganisationName, "Organisation"));
        }
    }
}
