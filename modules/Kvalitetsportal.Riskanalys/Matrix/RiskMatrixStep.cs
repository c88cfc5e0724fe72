using System.Text.Json;
using Kvalitetsportal.Recipes;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Riskanalys.Matrix;

/// <summary>
/// The recipe step "riskMatrix": <c>{ "name": "riskMatrix", "probability": [ { "name", "definition" } ],
/// "consequence": [ … ], "bands": [ { "name", "colour", "from", "to" } ] }</c>.
/// </summary>
public sealed class RiskMatrixStep : IRecipeStepHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string StepName => "riskMatrix";

    public string? RequiredPermission => RiskanalysPermissions.ManageMatrixName;

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        RiskMatrix matrix;
        try
        {
            matrix = step.Deserialize<RiskMatrix>(Json) ?? throw new RecipeException("Steget \"riskMatrix\" är tomt.");
        }
        catch (JsonException)
        {
            throw new RecipeException("Steget \"riskMatrix\" har fel form: \"probability\", \"consequence\" och \"bands\" ska vara listor.");
        }

        var problems = await context.Services.GetRequiredService<RiskMatrixStore>().SaveAsync(matrix, null, cancellationToken);
        if (problems.Count > 0)
        {
            throw new RecipeException($"Riskmatrisen i receptet: {string.Join(" ", problems)}");
        }
    }
}
