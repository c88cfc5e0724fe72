using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Context;

namespace Kvalitetsportal.Web.Operations;

public static partial class OperationsExtensions
{
    public const string CorrelationHeader = "X-Correlation-ID";

    public static IServiceCollection AddPortalOperations(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        // A body the API cannot bind is a 400 (problem JSON through the error page), also in Development.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.AddHealthChecks();
        return services;
    }

    /// <summary>Every log line of a request carries one id, taken from the caller when it sends a sane one.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var incoming = context.Request.Headers[CorrelationHeader].ToString();
        var id = SafeId().IsMatch(incoming) ? incoming : context.TraceIdentifier;
        context.TraceIdentifier = id;
        context.Response.Headers[CorrelationHeader] = id;
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(context);
        }
    });

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        await next(context);
    });

    public static void MapPortalHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Live: the process answers. Ready: the database takes a write, the data folder a file and the
        // search index is not failing; otherwise 503, and ready again by itself when the cause goes.
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            AllowCachingResponses = false,
        }).AllowAnonymous();
    }

    [GeneratedRegex("^[A-Za-z0-9:._-]{1,64}$")]
    private static partial Regex SafeId();
}

public static class RequestLogEnricher
{
    /// <summary>Only ids, never names or e-mail addresses, go into the request log.</summary>
    public static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (userId is not null)
        {
            diagnostics.Set("UserId", userId);
        }
    }
}
