using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Kvalitetsportal.Hosting;

/// <summary>
/// Cheap checks on a request before anything reads its body, so that hostile or broken input gets
/// the right 4xx (and the Swedish error page or problem JSON) instead of an exception and a 500.
/// </summary>
public static class RequestGuards
{
    /// <summary>Kestrel's default, also where a server has no limit of its own (the test server).</summary>
    public const long DefaultMaxBodyBytes = 30_000_000;

    /// <summary>The JSON API: answers problem JSON and is never cached.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path the caller asked for, also while an error page is rendered for it.</summary>
    public static PathString OriginalPath(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } failed ? new PathString(failed)
            : context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is { } original ? new PathString(original)
            : context.Request.Path;
    }

    /// <summary>API answers carry personal data: no browser or proxy may keep a copy.</summary>
    public static IApplicationBuilder UseApiNoStore(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsApi(context.Request.Path))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });
        }

        await next(context);
    });

    /// <summary>
    /// A body in a character set .NET cannot decode (<c>charset=bogus</c>) is 415. The content type is
    /// then dropped so that the error page rendered for the same request does not try to read it either.
    /// </summary>
    public static IApplicationBuilder UseKnownCharset(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null
            && context.Request.ContentType is { Length: > 0 } contentType
            && HasUnknownCharset(contentType))
        {
            context.Request.ContentType = null;
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        await next(context);
    });

    /// <summary>
    /// A declared Content-Length over the endpoint's limit is 413 before a byte is read (after routing,
    /// which applies <see cref="BodyLimitAttribute"/> and the server's default).
    /// </summary>
    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ?? DefaultMaxBodyBytes;
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null
            && context.GetEndpoint()?.Metadata.GetMetadata<IAnswersTooLargeItself>() is null
            && limit is { } max && context.Request.ContentLength is { } length && length > max)
        {
            context.Request.ContentType = null;
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close"; // the unread body is not drained
            return;
        }

        await next(context);
    });

    /// <summary>Endpoint metadata: the endpoint answers an over-large body with a page of its own (the server still refuses it unread).</summary>
    public interface IAnswersTooLargeItself;

    private static bool HasUnknownCharset(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.Charset.HasValue && parsed.Charset.Length > 0 && parsed.Encoding is null
            : false;
}
