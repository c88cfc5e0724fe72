using System.Security.Claims;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Contents.Fields;

/// <summary>Turns a field's stored value into the text a reader sees.</summary>
public delegate string FieldDisplayer(ContentFieldDefinition field, JsonNode? value);

/// <summary>
/// Field values as readers see them, the same on pages and in exports: a user field shows the
/// person's name, a unit field the unit, a reference the referred item's title — but only to a
/// reader who may open that item. Names and titles for a whole page or batch are read in two queries.
/// </summary>
public sealed class FieldDisplay(PortalDbContext db, IContentDefinitionStore definitions, ContentAccessService access, IStringLocalizer<FieldDisplay> localizer)
{
    /// <summary>What a reference to an item the reader may not open, or an unknown user, shows.</summary>
    public const string Hidden = "(visas inte)";

    public static string NameOf(PortalUser user) => user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? user.Id;

    public async Task<FieldDisplayer> ForAsync(ClaimsPrincipal reader, IEnumerable<JsonObject> data, IReadOnlyList<ContentFieldDefinition> fields, UnitDirectory units, CancellationToken cancellationToken)
    {
        var rows = data.ToList();
        List<string> ValuesOf(FieldKind kind) =>
            [.. rows.SelectMany(d => fields.Where(f => f.Kind == kind).Select(f => d[f.Name]?.ToString())).OfType<string>().Distinct()];

        var userIds = ValuesOf(FieldKind.User);
        var names = userIds.Count == 0
            ? []
            : await db.Set<PortalUser>().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, NameOf, cancellationToken);

        var referenceIds = ValuesOf(FieldKind.ContentReference);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (referenceIds.Count > 0)
        {
            var types = await definitions.GetAllAsync(cancellationToken);
            foreach (var referenced in await db.Set<ContentItem>().AsNoTracking().Where(i => referenceIds.Contains(i.ContentItemId) && i.Latest).ToListAsync(cancellationToken))
            {
                // A title is only shown to someone who may see the item it belongs to.
                if (types.GetValueOrDefault(referenced.ContentType) is { } referencedType && await access.CanAsync(reader, referencedType, referenced, ContentAccessKind.View, cancellationToken))
                {
                    titles[referenced.ContentItemId] = referenced.DisplayText;
                }
            }
        }

        var hidden = localizer[Hidden].Value;
        return (field, value) => field.Kind switch
        {
            FieldKind.User when value?.ToString() is { } id => names.GetValueOrDefault(id) ?? hidden,
            FieldKind.OrganisationUnit when value is JsonValue v && v.TryGetValue<int>(out var unitId) => units.NameOf(unitId) ?? "",
            FieldKind.ContentReference when value?.ToString() is { } id => titles.GetValueOrDefault(id) ?? hidden,
            _ => FieldValues.ToDisplayText(field, value),
        };
    }
}
