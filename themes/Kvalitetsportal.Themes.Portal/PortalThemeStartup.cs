using Kvalitetsportal.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Themes.Portal;

public sealed class PortalThemeStartup : IFeatureStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }
}
