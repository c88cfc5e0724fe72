using Kvalitetsportal.Contents.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Contents.TypeAdmin;

/// <summary>Saving an administrator's change to a type: through the store, whose validator's problems come back in Swedish.</summary>
public sealed class ContentTypeChanges(IContentDefinitionStore store, IStringLocalizer<ContentTypeChanges> localizer, ILogger<ContentTypeChanges> logger)
{
    /// <summary>The problems that kept the type from being saved; empty when it is saved.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        try
        {
            return await store.SaveAsync(type, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Saving content type {ContentType} failed", type.Name);
            return [localizer["Innehållstypen kunde inte sparas eftersom någon annan ändrade den samtidigt. Ladda om sidan och försök igen."].Value];
        }
    }

    /// <summary>Moves a field one place up (-1) or down (+1) in a copy of the type; null when it is already first or last.</summary>
    public static (ContentTypeDefinition Type, ContentFieldDefinition Moved)? Move(ContentTypeDefinition stored, string fieldName, int direction)
    {
        var type = stored.Copy();
        var ordered = type.OrderedFields.ToList();
        var index = ordered.FindIndex(f => f.Name == fieldName);
        var target = index + direction;
        if (index < 0 || target < 0 || target >= ordered.Count)
        {
            return null;
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Order = i + 1;
        }

        return (type, ordered[target]);
    }
}
