using System.Text.Json;

namespace Kvalitetsportal.Contents.Definitions;

/// <summary>Finding a type by the name in a URL, and working copies of a (shared, cached) definition.</summary>
public static class ContentTypeLookup
{
    /// <summary>The type named in a URL: its technical name, also in other letter case ("forbattringsforslag").</summary>
    public static async Task<ContentTypeDefinition?> FindAsync(this IContentDefinitionStore store, string name, CancellationToken cancellationToken = default)
    {
        var all = await store.GetAllAsync(cancellationToken);
        return all.GetValueOrDefault(name)
            ?? all.Values.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A deep copy to change (a form without some fields, an admin's edit), so that nothing touches
    /// the definition every request shares.
    /// </summary>
    public static ContentTypeDefinition Copy(this ContentTypeDefinition type) =>
        JsonSerializer.Deserialize<ContentTypeDefinition>(JsonSerializer.Serialize(type, ContentDefinitionCache.Json), ContentDefinitionCache.Json)!;

    /// <summary>A copy in which no field is required: a draft may be incomplete, but formats and limits still apply.</summary>
    public static ContentTypeDefinition WithoutRequired(this ContentTypeDefinition type)
    {
        var copy = type.Copy();
        foreach (var field in copy.Fields)
        {
            field.Required = false;
        }

        return copy;
    }
}
