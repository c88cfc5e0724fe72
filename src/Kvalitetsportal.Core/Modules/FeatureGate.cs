using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Kvalitetsportal.Modules;

/// <summary>Endpoint metadata: the endpoint answers only while the feature is enabled.</summary>
public sealed record RequiresFeatureMetadata(string FeatureId);

/// <summary>Stamps every module controller's actions with the feature they belong to.</summary>
public sealed class FeatureControllerConvention(IModuleCatalog catalog) : IControllerModelConvention
{
    public void Apply(ControllerModel controller)
    {
        var feature = catalog.FeatureOf(controller.ControllerType);
        if (feature is null)
        {
            return;
        }

        foreach (var selector in controller.Selectors)
        {
            selector.EndpointMetadata.Add(new RequiresFeatureMetadata(feature.Id));
        }

        foreach (var action in controller.Actions)
        {
            foreach (var selector in action.Selectors)
            {
                selector.EndpointMetadata.Add(new RequiresFeatureMetadata(feature.Id));
            }
        }
    }
}

/// <summary>Answers 404 for endpoints of a disabled feature, as if the page never existed.</summary>
public sealed class FeatureGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IFeatureManager features)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetOrderedMetadata<RequiresFeatureMetadata>();
        if (metadata is { Count: > 0 })
        {
            var enabled = await features.GetEnabledFeatureIdsAsync(context.RequestAborted);
            if (metadata.Any(m => !enabled.Contains(m.FeatureId)))
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }

        await next(context);
    }
}
