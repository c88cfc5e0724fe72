using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Riskanalys.Matrix;
using Kvalitetsportal.Riskanalys.Risks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Riskanalys;

/// <summary>
/// The shared risk register (ADR 31): risks are content items of the type "Risk" (access, search,
/// export and API come from Contents); this module adds the administrator's matrix, valuations with
/// their history, treatment, heat maps and the risk list any module puts on its item page.
/// </summary>
public sealed class RiskanalysStartup : IFeatureStartup
{
    public const string FeatureId = "Riskanalys";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddFeatureRecipe(FeatureId, typeof(RiskanalysStartup).Assembly, "Kvalitetsportal.Riskanalys.riskanalys.recipe.json");
        services.AddSingleton<IPermissionProvider, RiskanalysPermissions>();
        services.AddSingleton<INavigationProvider, RiskanalysNavigation>();
        services.AddScoped<RiskMatrixStore>();
        services.AddScoped<IRecipeStepHandler, RiskMatrixStep>();
        services.AddScoped<IRiskRegister, RiskRegister>();
        services.AddScoped<IContentHandler, RiskIndexer>();
        services.AddSingleton<IContentItemPage, RiskPage>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
