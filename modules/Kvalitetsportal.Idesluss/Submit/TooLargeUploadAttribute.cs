using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Kvalitetsportal.Idesluss.Submit;

/// <summary>
/// Reads the posted form before anything else (antiforgery included) does, so that a body over
/// the limit gets the "too large" page with a 413 instead of a generic error.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TooLargeUploadAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter, Kvalitetsportal.Hosting.RequestGuards.IAnswersTooLargeItself
{
    public int Order => -1000; // before the global antiforgery filter (1000)

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        try
        {
            await context.HttpContext.Request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge))
        {
            context.Result = new ViewResult
            {
                ViewName = "TooLarge",
                StatusCode = StatusCodes.Status413PayloadTooLarge,
                ViewData = new ViewDataDictionary(context.HttpContext.RequestServices.GetService(typeof(Microsoft.AspNetCore.Mvc.ModelBinding.IModelMetadataProvider)) as Microsoft.AspNetCore.Mvc.ModelBinding.IModelMetadataProvider ?? throw new InvalidOperationException(), context.ModelState),
            };
        }
    }
}
