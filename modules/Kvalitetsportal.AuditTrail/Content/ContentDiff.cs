using System.Text.Json.Nodes;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.AuditTrail.Content;

/// <summary>What changed between two versions of an item, field by field, as a reader sees the values.</summary>
public static class ContentDiff
{
    public const string TitleField = "title";
    public const string UnitField = "unit";

    /// <summary>
    /// The changes from <paramref name="previous"/> (null for a new item) to <paramref name="current"/>:
    /// the title, the unit and every field whose readable value differs, in the type's field order.
    /// Values in the data that the type no longer declares are compared under their technical name.
    /// </summary>
    public static IReadOnlyList<AuditChange> Build(
        ContentTypeDefinition type,
        ContentItem? previous,
        ContentItem current,
        Func<int, string?> unitName)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(unitName);
        var changes = new List<AuditChange>();

        Add(changes, TitleField, type.TitleLabel, previous?.DisplayText, current.DisplayText);
        if (previous?.OrganisationUnitId != current.OrganisationUnitId)
        {
            Add(changes, UnitField, "Enhet", UnitText(previous?.OrganisationUnitId, unitName), UnitText(current.OrganisationUnitId, unitName));
        }

        var before = previous?.GetData() ?? [];
        var after = current.GetData();
        foreach (var field in type.OrderedFields)
        {
            Add(changes, field.Name, field.Label, FieldValues.ToDisplayText(field, before[field.Name]), FieldValues.ToDisplayText(field, after[field.Name]));
        }

        var undeclared = before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal)
            .Where(key => type.Field(key) is null)
            .Order(StringComparer.Ordinal);
        foreach (var key in undeclared)
        {
            Add(changes, key, key, Raw(before[key]), Raw(after[key]));
        }

        return changes;
    }

    private static void Add(List<AuditChange> changes, string field, string label, string? before, string? after)
    {
        before = string.IsNullOrEmpty(before) ? null : before;
        after = string.IsNullOrEmpty(after) ? null : after;
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new AuditChange(field, label, before, after));
        }
    }

    private static string? UnitText(int? unitId, Func<int, string?> unitName) =>
        unitId is int id ? unitName(id) ?? $"Enhet {id}" : null;

    private static string? Raw(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v => v.ToString(),
        _ => value.ToJsonString(),
    };
}
