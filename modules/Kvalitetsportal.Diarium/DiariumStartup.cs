using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Diarium.Display;
using Kvalitetsportal.Diarium.Numbers;
using Kvalitetsportal.Diarium.SeriesAdmin;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Diarium;

/// <summary>Diarienummer: number series per content type, given without gaps or duplicates (ADR 0024).</summary>
public sealed class DiariumStartup : IFeatureStartup
{
    public const string FeatureId = "Diarium";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPermissionProvider, DiariumPermissions>();
        services.AddSingleton<INavigationProvider, DiariumNavigation>();
        services.AddSingleton<IPageSectionProvider, DiariumPageSections>();
        services.AddScoped<Diarienummer>();
        services.AddScoped<DiariumSeriesStore>();
        services.AddScoped<IContentHandler, DiariumContentHandler>();
        services.AddScoped<IWorkflowItemValues, DiariumWorkflowValues>();
        services.AddScoped<IRecipeStepHandler, DiariumStep>();
        services.AddSingleton<IContentItemFacts, DiariumFacts>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

public sealed class DiariumPermissions : IPermissionProvider
{
    public const string ManageName = "Diarium.Manage";

    public static readonly Permission Manage = new(ManageName, "Hantera nummerserier",
        "Bestämma diarienummer per innehållstyp: prefix, år, löpnummer och när ärendet får sitt nummer.");

    public IEnumerable<Permission> GetPermissions() => [Manage];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class DiariumNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Diarienummer", SeriesAdminController.Path, 420, DiariumPermissions.ManageName, "Innehåll"));
        }
    }
}
