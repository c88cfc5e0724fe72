using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Kvalitetsportal.Hosting;

/// <summary>
/// Refuses a write that lacks a valid antiforgery token in the <c>RequestVerificationToken</c>
/// header (400), before anything is read or saved. Every module's JSON API puts it on its writes,
/// because a cookie alone would let another site post in the user's name.
/// </summary>
public sealed class AntiforgeryHeaderFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "RequestVerificationToken";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Säkerhetstoken saknas eller är ogiltig.",
                detail: $"Skicka headern {HeaderName} med en token från GET /api/antiforgery.");
        }

        return await next(context);
    }
}
