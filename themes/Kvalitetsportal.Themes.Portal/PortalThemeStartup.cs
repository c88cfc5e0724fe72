using Kvalitetsportal.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Themes.Portal;

public sealed class PortalThemeStartup : IFeatureStartup
{
    /// <summary>Where the theme's icon is among the static files (a browser asks for /favicon.ico on every first visit).</summary>
    public const string FaviconPath = "_content/Kvalitetsportal.Themes.Portal/favicon.ico";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/favicon.ico", (HttpContext context, IWebHostEnvironment environment) =>
        {
            var file = environment.WebRootFileProvider.GetFileInfo(FaviconPath);
            if (!file.Exists)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=604800";
            return Results.File(file.CreateReadStream(), "image/x-icon");
        }).AllowAnonymous();
    }
}
