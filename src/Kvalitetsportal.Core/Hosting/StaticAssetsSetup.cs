using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Hosting;

/// <summary>
/// How the portal sends its static files and pages: fingerprinted files (asp-append-version's
/// "?v=") are cached for a year as immutable, others for an hour; HTML, CSS, JavaScript and SVG
/// are compressed (Brotli, else gzip). See ADR 0030.
/// </summary>
public static class StaticAssetsSetup
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string ShortLived = "public, max-age=3600";

    public static IServiceCollection AddPortalCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Pages are compressed over HTTPS too: the antiforgery cookie is SameSite, so another site cannot
            // make a signed-in browser fetch a page with attacker text beside a secret and measure its size (BREACH).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json", "text/plain"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UsePortalStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
                context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v") ? Immutable : ShortLived,
        });
}
