using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Idesluss;

public sealed class IdeslussStartup : IFeatureStartup
{
    public const string FeatureId = "Idesluss";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<IdeslussOptions>(configuration.GetSection(IdeslussOptions.Section));
        services.AddFeatureRecipe(FeatureId, typeof(IdeslussStartup).Assembly, "Kvalitetsportal.Idesluss.idesluss.recipe.json");

        // The module's recipe ships its workflows through the Workflows module's "workflows" step.
        // TryAddEnumerable: registered once, whether or not the Workflows module registers it too.

        services.AddSingleton<IPermissionProvider, IdeslussPermissions>();
        services.AddScoped<Kvalitetsportal.PersonalData.IPersonalDataSource, PersonalData.IdeaPersonalData>();
        services.AddSingleton<INavigationProvider, IdeslussNavigation>();
        services.AddSingleton<IStartPageSectionProvider, StartPage.IdeaPulseSectionProvider>();
        services.AddScoped<IContentHandler, IdeaIndexer>();
        services.AddScoped<IContentIdentityPolicy, IdeaIdentityPolicy>();
        services.AddSingleton<Contents.Items.IContentItemPage, Ideas.IdeaPage>();
        services.AddScoped<IdeaService>();
        services.AddScoped<IdeaFollowers>();
        services.AddScoped<IContentHandler, IdeaFollowerNotices>();
        services.AddScoped<IdeaQueries>();
        services.AddScoped<Statistics.IdeaStatistics>();
        services.AddSingleton<IdeaFiguresCache>();
        services.AddScoped<IContentCommittedHandler, IdeaFiguresInvalidator>();
        services.AddScoped<Pick.FinalPlacements>();
        services.AddScoped<ActionPlan.ActionPlans>();
        services.AddScoped<ActionPlan.ActionPlanReminderRun>();
        services.Configure<ActionPlan.ActionPlanOptions>(configuration.GetSection(ActionPlan.ActionPlanOptions.Section));
        services.TryAddSingleton<Kvalitetsportal.Data.DatabaseWriteGate>();
        services.AddHostedService<ActionPlan.ActionPlanReminderService>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

/// <summary>Settings an administrator can change in configuration ("Idesluss" section).</summary>
public sealed class IdeslussOptions
{
    public const string Section = "Idesluss";

    /// <summary>Workflow states that count as "implemented" in the statistics (data, not code: rename here if the workflow is renamed).</summary>
    public List<string> ImplementedStates { get; set; } = ["Genomförd", "Spridd"];
}
