using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Documents.Data;
using Kvalitetsportal.InternKontroll.Checks;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.InternKontroll.Documents;
using Kvalitetsportal.InternKontroll.Oversight;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.InternKontroll;

/// <summary>
/// Internal control (ADR 33): plans, processes, control points, the quarter's checks and actions are
/// content items whose types, workflows, access, roles and quarterly schedule ship in the recipe.
/// This module adds the pages that put them together (a plan, reporting a check, Kommunstyrelsen's
/// overview), a rule that keeps changes inside the reader's own nämnd, and the report's merge fields.
/// </summary>
public sealed class InternKontrollStartup : IFeatureStartup
{
    public const string FeatureId = "InternKontroll";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddFeatureRecipe(FeatureId, typeof(InternKontrollStartup).Assembly, "Kvalitetsportal.InternKontroll.internkontroll.recipe.json");
        services.AddSingleton<IPermissionProvider, InternKontrollPermissions>();
        services.AddSingleton<INavigationProvider, InternKontrollNavigation>();
        services.Configure<TrafficLightOptions>(configuration.GetSection("InternKontroll:Trafikljus"));

        // Registered after the Workflows feature's rule (this feature depends on it), so it narrows what that rule gave.
        services.AddScoped<IContentAccessRule, HolderReportsRule>();
        services.AddScoped<IContentAccessRule, OwnNamndChangesRule>();
        services.AddScoped<IContentAccessRule, OversightRisksRule>();
        services.AddScoped<InternalControl>();
        services.AddScoped<IDocumentDataContributor, ControlReportData>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
