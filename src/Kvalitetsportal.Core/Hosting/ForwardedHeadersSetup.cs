using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy the request reaches the portal as http, so cookies would never be
/// Secure and client addresses would all be the proxy's. X-Forwarded-For and X-Forwarded-Proto are
/// honoured from the addresses in <c>Portal:KnownProxies</c> only; without that setting from none,
/// because anyone can send the headers.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string KnownProxiesSetting = "Portal:KnownProxies";

    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies; not the framework's default of trusting loopback.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's scheme and address.</summary>
    public static IApplicationBuilder UsePortalForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // With no known proxy the middleware would trust every sender, so it is not added at all.
        return app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count == 0
            ? app
            : app.UseForwardedHeaders();
    }

    private static List<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesSetting);
        // A list (Portal:KnownProxies:0, …) or one comma-separated value (handy in an environment variable).
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var proxies = new List<IPAddress>();
        foreach (var value in values)
        {
            proxies.Add(IPAddress.TryParse(value, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesSetting}: \"{value}\" is not an IP address."));
        }

        return proxies;
    }
}
