using Kvalitetsportal.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Web.Errors;

/// <summary>
/// Swedish error pages, or problem JSON for the API (<c>/api</c>); never a stack trace outside
/// Development. A bad request the framework throws for (unreadable JSON, a body over the limit) keeps
/// its own 4xx instead of becoming a 500.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorsController(ILogger<ErrorsController> logger) : Controller
{
    public const string ExceptionPath = "/fel/500";
    public const string StatusPathFormat = "/fel/{0}";

    [Route("fel/{code:int}")]
    public IActionResult Status([FromRoute] int code)
    {
        var statusCode = code is >= 400 and < 600 ? code : 404;
        if (code == 500 && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } error)
        {
            if (error.Error is BadHttpRequestException bad)
            {
                statusCode = bad.StatusCode;
                logger.LogInformation("Bad request on {Path}: {StatusCode}", error.Path, bad.StatusCode);
            }
            else if (IsStorageFailure(error.Error))
            {
                // The database or the disk does not take writes: say so (503) instead of "something went
                // wrong"; the portal answers normally again as soon as the cause is gone.
                statusCode = StatusCodes.Status503ServiceUnavailable;
                Response.Headers.RetryAfter = "30";
                logger.LogError(error.Error, "Storage failure on {Path}", error.Path);
            }
            else
            {
                logger.LogError(error.Error, "Unhandled exception on {Path}", error.Path);
            }
        }

        Response.StatusCode = statusCode;
        var model = new ErrorViewModel(statusCode, HttpContext.TraceIdentifier);
        if (RequestGuards.IsApi(RequestGuards.OriginalPath(HttpContext)))
        {
            var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, statusCode, model.Title, detail: model.Explanation);
            problem.Extensions["correlationId"] = model.CorrelationId;
            return new ObjectResult(problem) { StatusCode = statusCode, ContentTypes = { "application/problem+json" } };
        }

        return View("Status", model);
    }

    private static bool IsStorageFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }

        return false;
    }
}

public sealed record ErrorViewModel(int StatusCode, string CorrelationId)
{
    public string Title => StatusCode switch
    {
        400 => "Felaktig begäran",
        403 => "Du saknar behörighet",
        404 => "Sidan finns inte",
        405 => "Metoden stöds inte",
        413 => "För stor begäran",
        415 => "Formatet stöds inte",
        429 => "För många försök",
        503 => "Portalen kan inte ta emot ändringar just nu",
        _ => "Något gick fel",
    };

    public string Explanation => StatusCode switch
    {
        400 => "Formuläret kunde inte tas emot, oftast för att sidan varit öppen länge eller för att du har loggats ut. Gå tillbaka med webbläsarens bakåtknapp (det du skrev finns kvar), ladda om sidan och skicka igen.",
        403 => "Du är inloggad men har inte behörighet till den här sidan. Kontakta din administratör om du behöver åtkomst.",
        404 => "Sidan du söker finns inte, har flyttats eller är inte aktiverad.",
        405 => "Sidan kan inte användas på det sättet.",
        413 => "Det du skickade är större än portalen tar emot. Gå tillbaka, ta bort eller förminska bifogade filer och försök igen.",
        415 => "Det du skickade har ett format eller en teckenkodning som portalen inte kan läsa. Skicka igen som UTF-8.",
        429 => "Du har gjort för många försök på kort tid. Vänta en stund och försök igen.",
        503 => "Portalen har ett tekniskt problem och kan just nu inte spara. Det du har sparat tidigare finns kvar. Försök igen om en stund; driften är larmad.",
        _ => "Ett oväntat fel inträffade. Felet är loggat. Ange felkoden nedan om du kontaktar support.",
    };
}
