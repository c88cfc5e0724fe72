using System.Text.Json;
using Kvalitetsportal.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Recipes;

/// <summary>{ "name": "features", "enable": ["Organisation", ...] }</summary>
public sealed class FeaturesStep : IRecipeStepHandler
{
    public string StepName => "features";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        var features = context.Services.GetRequiredService<IFeatureManager>();
        if (!step.TryGetProperty("enable", out var enable) || enable.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"enable\" måste vara en lista med funktioner.");
        }

        foreach (var id in enable.EnumerateArray().Select(e => e.GetString() ?? ""))
        {
            var result = await features.EnableAsync(id, cancellationToken);
            if (!result.Succeeded)
            {
                throw new RecipeException(result.Message);
            }
        }
    }
}
