using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.WorkflowEditor;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Workflows;

public sealed class WorkflowsStartup : IFeatureStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IWorkflowDefinitionStore, WorkflowDefinitionStore>();
        services.AddScoped<Kvalitetsportal.PersonalData.IPersonalDataSource, PersonalData.WorkflowPersonalData>();
        services.AddSingleton<IPermissionProvider, WorkflowPermissions>();
        services.AddSingleton<INavigationProvider, WorkflowsNavigation>();

        // Each part registers its own services in its folder (one line each here).
        services.AddWorkflowEditor();
        services.AddWorkflowRuntime(configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWorkflowRuntime();
    }
}
