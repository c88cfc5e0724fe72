using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Kvalitetspris;

/// <summary>
/// The quality prize "Nya steg" (ADR 28): rounds and applications are content items with their
/// workflows, diarienummer and access clauses from the recipe; this module adds the applicant's
/// guided pages, the rules a submission must meet and the coordinator's pages.
/// </summary>
public sealed class KvalitetsprisStartup : IFeatureStartup
{
    public const string FeatureId = "Kvalitetspris";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddFeatureRecipe(FeatureId, typeof(KvalitetsprisStartup).Assembly, "Kvalitetsportal.Kvalitetspris.kvalitetspris.recipe.json");
        services.AddSingleton<IPermissionProvider, KvalitetsprisPermissions>();
        services.AddSingleton<INavigationProvider, KvalitetsprisNavigation>();

        // Registered after the Workflows feature's rule (this feature depends on it), so it narrows what that rule gave.
        services.AddScoped<IContentAccessRule, ApplicationDraftsRule>();
        services.AddSingleton<IContentItemPage, ApplicationPage>();
        services.AddScoped<PrizeApplications>();
        services.AddScoped<Kvalitetsportal.PersonalData.IPersonalDataSource, PersonalData.JuryPersonalData>();
        services.AddScoped<Jury>();
        services.AddScoped<IContentAccessRule, JuryAccessRule>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
