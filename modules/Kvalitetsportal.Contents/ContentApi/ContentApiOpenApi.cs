using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Kvalitetsportal.Contents.ContentApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: only the <c>/api/</c> endpoints, with how to sign in and send the antiforgery token.</summary>
public static class ContentApiOpenApi
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    /// <summary>The security scheme's name: the portal's sign-in cookie, which every /api/ endpoint requires.</summary>
    public const string CookieScheme = "portalCookie";

    /// <summary>The sign-in cookie's name (set by the Users module).</summary>
    public const string CookieName = "kvalitetsportal.auth";

    public static IServiceCollection AddContentApiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Kvalitetsportalen – innehåll",
                    Version = "v1",
                    Description =
                        "JSON-API för innehåll med samma behörigheter som portalens sidor.\n\n" +
                        "**Inloggning:** portalens cookie (logga in på /konto/logga-in). Utan inloggning svarar API:t 401, " +
                        "utan behörighet 403, och ett innehåll som användaren inte får se svarar 404.\n\n" +
                        "**CSRF-skydd:** POST och PUT kräver headern `" + ContentApiEndpoints.AntiforgeryHeaderName + "` med en " +
                        "antiforgery-token från `GET /api/antiforgery` (eller från ett formulär i portalen). Saknas den eller är den ogiltig blir svaret 400 " +
                        "och ingenting sparas.\n\n" +
                        "**Samtidiga ändringar:** PUT kräver `If-Match: \"<revision>\"` (eller egenskapen `revision`); " +
                        "en inaktuell revision ger 409 med den aktuella revisionen i `currentRevision`.\n\n" +
                        "Fel beskrivs som RFC 7807 (application/problem+json); valideringsfel har meddelanden på svenska per fältnamn i `errors`.",
                };

                // Every /api/ endpoint needs the sign-in cookie: say so once, for the whole document.
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = CookieName,
                    Description = "Portalens inloggningscookie, som sätts vid inloggning på /konto/logga-in.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Inte inloggad: logga in och försök igen." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Inloggad men utan behörighet till detta." });

                var method = context.Description.HttpMethod;
                if (method is "POST" or "PUT")
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = ContentApiEndpoints.AntiforgeryHeaderName,
                        In = ParameterLocation.Header,
                        Required = true,
                        Description = "Antiforgery-token från GET /api/antiforgery (skydd mot CSRF).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }

                if (method is "PUT")
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "If-Match",
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Revisionen ändringen bygger på, t.ex. \"3\" (annars egenskapen revision i kroppen).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }

                return Task.CompletedTask;
            });
        });
}
