using System.Text.Json;
using Kvalitetsportal.Recipes;

namespace Kvalitetsportal.Organisation.Units;

/// <summary>
/// { "name": "organisation", "units": [ { "code": "KS", "name": "Kommunstyrelsen", "kind": "Styrelse", "parent": "KF" } ] }
/// Units are added or updated by code, with the same rules as the CSV import (a parent may be
/// any unit of the list or an existing unit). Unlike an import, one bad unit stops the recipe.
/// </summary>
public sealed class OrganisationStep(UnitImporter importer) : IRecipeStepHandler
{
    public string StepName => "organisation";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("units", out var units) || units.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"units\" måste vara en lista med enheter.");
        }

        var rows = new List<UnitImportRow>();
        var index = 0;
        foreach (var element in units.EnumerateArray())
        {
            index++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new RecipeException($"enhet {index} är inte ett objekt.");
            }

            rows.Add(new UnitImportRow(
                index,
                Text(element, "code", index),
                Text(element, "name", index),
                Text(element, "kind", index),
                Text(element, "parent", index)));
        }

        var plan = await importer.ValidateAsync(rows, cancellationToken);
        if (plan.Rejected.Count > 0)
        {
            var problems = plan.Rejected.Take(5).Select(r => $"enhet {r.Row.LineNumber} (\"{r.Row.Code}\"): {r.Reason}");
            throw new RecipeException(string.Join(" ", problems) + (plan.Rejected.Count > 5 ? $" … och {plan.Rejected.Count - 5} till." : ""));
        }

        await importer.ApplyAsync(plan, cancellationToken);
    }

    private static string Text(JsonElement element, string property, int index)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return "";
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : throw new RecipeException($"enhet {index}: \"{property}\" måste vara text.");
    }
}
