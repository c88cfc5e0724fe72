using Kvalitetsportal.Modules;
using Kvalitetsportal.Workflows.Definitions;
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
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
