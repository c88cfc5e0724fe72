using System.Text.Json;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Recipes;

namespace Kvalitetsportal.Contents.ContentRecipes;

/// <summary>
/// { "name": "contentTypes", "types": [ { "name": "Forbattringsforslag", "displayName": "Förbättringsförslag", "fields": [ ... ] } ] }
/// Each type is created or replaced whole (camelCase, enums as strings, as stored). A type whose
/// reference points at another type of the same step is saved after it.
/// </summary>
public sealed class ContentTypesStep(IContentDefinitionStore store) : IRecipeStepHandler
{
    public const string Name = "contentTypes";

    public string StepName => Name;

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("types", out var types) || types.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"types\" måste vara en lista med innehållstyper.");
        }

        var pending = new List<ContentTypeDefinition>();
        var index = 0;
        foreach (var element in types.EnumerateArray())
        {
            index++;
            ContentTypeDefinition? type;
            try
            {
                type = element.ValueKind == JsonValueKind.Object ? element.Deserialize<ContentTypeDefinition>(ContentDefinitionCache.Json) : null;
            }
            catch (JsonException ex)
            {
                throw new RecipeException($"typ {index} kan inte läsas: {ex.Message}");
            }

            if (type is null)
            {
                throw new RecipeException($"typ {index} är inte ett objekt.");
            }

            type.Fields ??= [];
            if (type.Fields.Any(f => f is null))
            {
                throw new RecipeException($"typ {index} (\"{type.Name}\") har ett tomt fält.");
            }

            foreach (var field in type.Fields)
            {
                field.Choices ??= [];
                field.AllowedExtensions ??= [];
                field.Hint ??= "";
            }

            type.Description ??= "";
            type.TitleLabel ??= "Titel";
            if (pending.Any(p => p.Name == type.Name))
            {
                throw new RecipeException($"typen \"{type.Name}\" står två gånger.");
            }

            pending.Add(type);
        }

        // Save a type once the types it refers to exist, so the order in the file does not matter.
        var names = new HashSet<string>((await store.GetAllAsync(cancellationToken)).Keys, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.Fields.All(f => f.Kind != FieldKind.ContentReference || f.ReferencedType is null || f.ReferencedType == t.Name || names.Contains(f.ReferencedType)))
                ?? pending[0];
            pending.Remove(next);
            var problems = await store.SaveAsync(next, cancellationToken);
            if (problems.Count > 0)
            {
                throw new RecipeException($"typen \"{next.Name}\": {string.Join(" ", problems)}");
            }

            names.Add(next.Name);
        }
    }
}
