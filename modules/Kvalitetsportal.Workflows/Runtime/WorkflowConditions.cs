using System.Globalization;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>Evaluates a transition's conditions and required fields on an item's stored values.</summary>
public static class WorkflowConditions
{
    public static bool HasValue(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonValue v when v.TryGetValue<string>(out var s) => !string.IsNullOrWhiteSpace(s),
        _ => true,
    };

    public static bool Holds(FieldCondition condition, ContentTypeDefinition type, JsonObject data)
    {
        var value = data[condition.Field];
        var field = type.Field(condition.Field);
        return condition.Operator switch
        {
            ConditionOperator.HasValue => HasValue(value),
            ConditionOperator.IsEmpty => !HasValue(value),
            ConditionOperator.Equals => EqualsValue(value, condition.Value, field),
            ConditionOperator.NotEquals => !EqualsValue(value, condition.Value, field),
            ConditionOperator.GreaterThan => Compare(value, condition.Value) is > 0,
            ConditionOperator.LessThan => Compare(value, condition.Value) is < 0,
            _ => false,
        };
    }

    public static bool AllHold(WorkflowTransition transition, ContentTypeDefinition type, JsonObject data) =>
        transition.Conditions.All(c => Holds(c, type, data));

    /// <summary>The labels of required fields that are empty.</summary>
    public static IReadOnlyList<string> MissingFields(WorkflowTransition transition, ContentTypeDefinition type, JsonObject data) =>
        [.. transition.RequiredFields.Where(f => !HasValue(data[f])).Select(f => type.Field(f)?.Label ?? f)];

    private static bool EqualsValue(JsonNode? value, string? expected, ContentFieldDefinition? field)
    {
        expected ??= "";
        return value switch
        {
            null => expected.Length == 0,
            JsonArray array => array.Any(v => string.Equals(v?.ToString(), expected, StringComparison.Ordinal)),
            JsonValue v when field?.Kind == FieldKind.YesNo && v.TryGetValue<bool>(out var b) =>
                b == (expected.Equals("true", StringComparison.OrdinalIgnoreCase) || expected.Equals("ja", StringComparison.OrdinalIgnoreCase)),
            _ => Compare(value, expected) is 0 || string.Equals(value.ToString(), expected, StringComparison.Ordinal),
        };
    }

    /// <summary>Numbers as numbers (Swedish or invariant decimals), otherwise ordinal text (ISO dates sort right).</summary>
    private static int? Compare(JsonNode? value, string? expected)
    {
        if (value is null || expected is null || value is JsonArray)
        {
            return null;
        }

        var text = value.ToString();
        if (TryNumber(text, out var left) && TryNumber(expected, out var right))
        {
            return left.CompareTo(right);
        }

        return string.CompareOrdinal(text, expected) switch { < 0 => -1, > 0 => 1, _ => 0 };
    }

    /// <summary>"150000", "150 000", "1500,5" and "1500.5" are all numbers; a comma is a decimal comma, as in Swedish.</summary>
    private static bool TryNumber(string text, out decimal number)
    {
        var normalised = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (!normalised.Contains('.', StringComparison.Ordinal))
        {
            normalised = normalised.Replace(',', '.');
        }

        return decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }
}
