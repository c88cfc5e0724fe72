using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;

namespace Kvalitetsportal.Contents.ContentRecipes;

/// <summary>Writes content types as a recipe that <see cref="ContentTypesStep"/> reads back.</summary>
public static class ContentRecipeExport
{
    public const string FileName = "kvalitetsportal-innehallstyper.recipe.json";

    private static readonly JsonSerializerOptions Indented = new(ContentDefinitionCache.Json) { WriteIndented = true };

    public static byte[] Write(IEnumerable<ContentTypeDefinition> types)
    {
        var recipe = new JsonObject
        {
            ["name"] = "Innehållstyper",
            ["steps"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = ContentTypesStep.Name,
                    ["types"] = JsonSerializer.SerializeToNode(types.OrderBy(t => t.Name, StringComparer.Ordinal).ToList(), ContentDefinitionCache.Json),
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(recipe, Indented);
    }
}
