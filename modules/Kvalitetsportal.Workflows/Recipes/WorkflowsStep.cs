using System.Text.Json;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.Recipes;

/// <summary>
/// { "name": "workflows", "workflows": [ { "contentType": "Forbattringsforslag", "initialState": "Inskickad", "states": [ ... ], "transitions": [ ... ], "enabled": true } ] }
/// Each definition is saved through the definition store, as the editor saves it: validated,
/// audited, and a new version only when it differs from the current one. Modules ship their
/// default workflows this way. "enabled": false saves it switched off.
/// </summary>
public sealed class WorkflowsStep(IWorkflowDefinitionStore store) : IRecipeStepHandler
{
    public const string Name = "workflows";

    public string StepName => Name;

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("workflows", out var workflows) || workflows.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"workflows\" måste vara en lista med arbetsflöden.");
        }

        var index = 0;
        foreach (var element in workflows.EnumerateArray())
        {
            index++;
            WorkflowDefinition? definition;
            try
            {
                definition = element.ValueKind == JsonValueKind.Object ? element.Deserialize<WorkflowDefinition>(WorkflowDefinitionStore.Json) : null;
            }
            catch (JsonException ex)
            {
                throw new RecipeException($"arbetsflöde {index} kan inte läsas: {ex.Message}");
            }

            if (definition is null)
            {
                throw new RecipeException($"arbetsflöde {index} är inte ett objekt.");
            }

            var result = await store.SaveAsync(definition, actorId: null, cancellationToken);
            if (!result.Saved)
            {
                throw new RecipeException($"arbetsflödet för \"{definition.ContentType}\": {string.Join(" ", result.Problems.Take(10).Select(p => p.Path.Length > 0 ? $"{p.Message} ({p.Path})" : p.Message))}");
            }

            if (element.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False)
            {
                await store.SetEnabledAsync(definition.ContentType, enabled: false, actorId: null, cancellationToken);
            }
        }
    }
}
