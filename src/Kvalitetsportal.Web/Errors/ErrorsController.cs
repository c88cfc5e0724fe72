using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Web.Errors;

/// <summary>Swedish error pages; never a stack trace outside Development.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorsController(ILogger<ErrorsController> logger) : Controller
{
    public const string ExceptionPath = "/fel/500";
    public const string StatusPathFormat = "/fel/{0}";

    [Route("fel/{code:int}")]
    public IActionResult Status(int code)
    {
        if (code == 500)
        {
            var error = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
            if (error is not null)
            {
                logger.LogError(error.Error, "Unhandled exception on {Path}", error.Path);
            }
        }

        var statusCode = code is >= 400 and < 600 ? code : 404;
        Response.StatusCode = statusCode;
        return View("Status", new ErrorViewModel(statusCode, HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorViewModel(int StatusCode, string CorrelationId)
{
    public string Title => StatusCode switch
    {
        400 => "Felaktig begäran",
        403 => "Du saknar behörighet",
        404 => "Sidan finns inte",
        429 => "För många försök",
        _ => "Något gick fel",
    };

    public string Explanation => StatusCode switch
    {
        400 => "Formuläret kunde inte tas emot, oftast för att sidan varit öppen länge eller för att du har loggats ut. Gå tillbaka med webbläsarens bakåtknapp (det du skrev finns kvar), ladda om sidan och skicka igen.",
        403 => "Du är inloggad men har inte behörighet till den här sidan. Kontakta din administratör om du behöver åtkomst.",
        404 => "Sidan du söker finns inte, har flyttats eller är inte aktiverad.",
        429 => "Du har gjort för många försök på kort tid. Vänta en stund och försök igen.",
        _ => "Ett oväntat fel inträffade. Felet är loggat. Ange felkoden nedan om du kontaktar support.",
    };
}
