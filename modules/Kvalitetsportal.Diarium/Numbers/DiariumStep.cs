using System.Text.Json;
using Kvalitetsportal.Recipes;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Diarium.Numbers;

/// <summary>
/// The recipe step "diarium": number series per content type, e.g.
/// <c>{ "name": "diarium", "series": [ { "contentType": "Ide", "prefix": "IDÉ", "year": true, "digits": 4, "assignOn": "state", "state": "Inskickad" } ] }</c>.
/// <c>assignOn</c> is "created" (the default) or "state".
/// </summary>
public sealed class DiariumStep : IRecipeStepHandler
{
    public string StepName => "diarium";

    public string? RequiredPermission => DiariumPermissions.ManageName;

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("series", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("Steget \"diarium\" behöver en lista \"series\".");
        }

        var store = context.Services.GetRequiredService<DiariumSeriesStore>();
        foreach (var entry in list.EnumerateArray())
        {
            var type = Text(entry, "contentType") ?? throw new RecipeException("En nummerserie i steget \"diarium\" saknar \"contentType\".");
            var assignOn = Text(entry, "assignOn") ?? "created";
            if (assignOn is not ("created" or "state"))
            {
                throw new RecipeException($"Nummerserien för \"{type}\": \"assignOn\" ska vara \"created\" eller \"state\".");
            }

            var series = new DiariumSeries
            {
                ContentType = type,
                Prefix = Text(entry, "prefix") ?? "",
                IncludeYear = !entry.TryGetProperty("year", out var year) || year.ValueKind != JsonValueKind.False,
                Digits = entry.TryGetProperty("digits", out var digits) && digits.ValueKind == JsonValueKind.Number && digits.TryGetInt32(out var d) ? d : 4,
                AssignOn = assignOn == "state" ? AssignMoment.EntersState : AssignMoment.Created,
                StateName = Text(entry, "state"),
            };
            var errors = await store.SaveAsync(series, cancellationToken);
            if (errors.Count > 0)
            {
                throw new RecipeException($"Nummerserien för \"{type}\": {string.Join(" ", errors)}");
            }
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
