using System.Text.Json;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Recipes;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Organisation.Units;

/// <summary>
/// { "name": "organisation", "units": [ { "code": "KS", "name": "Kommunstyrelsen", "kind": "Styrelse", "parent": "KF" } ] }
/// Units are added or updated by code; parents must come before their children.
/// </summary>
public sealed class OrganisationStep(PortalDbContext db) : IRecipeStepHandler
{
    public string StepName => "organisation";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("units", out var units) || units.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"units\" måste vara en lista med enheter.");
        }

        var byCode = await db.Set<OrganisationUnit>().ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var index = 0;
        foreach (var element in units.EnumerateArray())
        {
            index++;
            var code = element.TryGetProperty("code", out var c) ? c.GetString()?.Trim() : null;
            var name = element.TryGetProperty("name", out var n) ? n.GetString()?.Trim() : null;
            var kindText = element.TryGetProperty("kind", out var k) ? k.GetString() : null;
            var parentCode = element.TryGetProperty("parent", out var p) ? p.GetString() : null;
            if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(name))
            {
                throw new RecipeException($"enhet {index} saknar kod eller namn.");
            }

            if (!Enum.TryParse<UnitKind>(kindText, ignoreCase: true, out var kind))
            {
                throw new RecipeException($"enhet {index} (\"{code}\") har okänd typ \"{kindText}\".");
            }

            OrganisationUnit? parent = null;
            if (!string.IsNullOrEmpty(parentCode) && !byCode.TryGetValue(parentCode, out parent))
            {
                throw new RecipeException($"enhet {index} (\"{code}\") har överordnad \"{parentCode}\", som inte finns före den.");
            }

            if (!byCode.TryGetValue(code, out var unit))
            {
                unit = new OrganisationUnit { Code = code, Name = name };
                db.Add(unit);
                byCode[code] = unit;
            }

            unit.Name = name;
            unit.Kind = kind;
            unit.Parent = parent;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
