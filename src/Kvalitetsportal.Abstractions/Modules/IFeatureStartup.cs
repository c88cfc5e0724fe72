using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Modules;

/// <summary>
/// One per feature. Every referenced module's services are registered once at start-up;
/// whether a feature is on is decided per request by the feature gate, never by rebuilding
/// the container.
/// </summary>
public interface IFeatureStartup
{
    void ConfigureServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Minimal-API endpoints; MVC controllers in the module are found without this.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
