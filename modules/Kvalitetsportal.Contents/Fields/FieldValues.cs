using System.Globalization;
using System.Text.Json.Nodes;
using Ganss.Xss;
using Kvalitetsportal.Contents.Definitions;

namespace Kvalitetsportal.Contents.Fields;

/// <summary>What a user sent for one field: the form values (several for a multiple choice).</summary>
public sealed record FieldInput(IReadOnlyList<string> Values)
{
    public string First => Values.Count > 0 ? Values[0].Trim() : "";

    public bool IsEmpty => Values.All(string.IsNullOrWhiteSpace);
}

/// <summary>Turns form input into stored values and back, with Swedish messages for what is wrong.</summary>
public static class FieldValues
{
    public const int DefaultShortTextLength = 200;
    public const int DefaultLongTextLength = 10_000;
    public const int DefaultRichTextLength = 50_000;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Parses one field. Returns the value to store (null = empty) or an error for the user.</summary>
    public static (JsonNode? Value, string? Error) Parse(ContentFieldDefinition field, FieldInput input)
    {
        if (input.IsEmpty)
        {
            return field.Required && field.Kind != FieldKind.YesNo ? (null, $"{field.Label} måste fyllas i.") : (field.Kind == FieldKind.YesNo ? JsonValue.Create(false) : null, null);
        }

        return field.Kind switch
        {
            FieldKind.ShortText => Text(field, input.First, DefaultShortTextLength),
            FieldKind.LongText => Text(field, input.First, DefaultLongTextLength),
            FieldKind.RichText => RichText(field, input.First),
            FieldKind.Number => Number(field, input.First),
            FieldKind.Date => Date(field, input.First),
            FieldKind.Choice => Choice(field, input),
            FieldKind.YesNo => (JsonValue.Create(input.Values.Any(v => v is "true" or "on" or "ja")), null),
            FieldKind.User or FieldKind.ContentReference => Text(field, input.First, 64),
            FieldKind.OrganisationUnit => int.TryParse(input.First, NumberStyles.None, CultureInfo.InvariantCulture, out var unit)
                ? (JsonValue.Create(unit), null)
                : (null, $"Välj en enhet i listan för {field.Label}."),
            FieldKind.Files => (null, null), // files arrive through the file store, not as form values
            _ => (null, $"{field.Label} har en okänd fälttyp."),
        };
    }

    /// <summary>The value as the form shows it again (e.g. after a validation error).</summary>
    public static IReadOnlyList<string> ToFormValues(ContentFieldDefinition field, JsonNode? value) => value switch
    {
        null => [],
        JsonArray array => [.. array.Select(v => v?.ToString() ?? "")],
        JsonValue v when field.Kind == FieldKind.Number && v.TryGetValue<decimal>(out var d) => [d.ToString(Swedish)],
        JsonValue v when field.Kind == FieldKind.YesNo => [v.TryGetValue<bool>(out var b) && b ? "true" : "false"],
        _ => [value.ToString()],
    };

    /// <summary>The value as a reader sees it (detail page, lists, exports), without markup.</summary>
    public static string ToDisplayText(ContentFieldDefinition field, JsonNode? value) => value switch
    {
        null => "",
        JsonArray array when field.Kind == FieldKind.Files => string.Join(", ", array.Select(f => f?["name"]?.ToString())),
        JsonArray array => string.Join(", ", array.Select(v => v?.ToString())),
        JsonValue v when field.Kind == FieldKind.YesNo => v.TryGetValue<bool>(out var b) && b ? "Ja" : "Nej",
        JsonValue v when field.Kind == FieldKind.Number && v.TryGetValue<decimal>(out var d) => d.ToString("#,##0.##", Swedish),
        JsonValue v when field.Kind == FieldKind.Date && DateOnly.TryParse(v.ToString(), CultureInfo.InvariantCulture, out var date) => date.ToString("d MMMM yyyy", Swedish),
        JsonValue v when field.Kind == FieldKind.RichText => StripTags(v.ToString()),
        _ => value.ToString(),
    };

    public static string SanitizeHtml(string html) => Sanitizer.Sanitize(html);

    private static (JsonNode?, string?) Text(ContentFieldDefinition field, string value, int defaultMax)
    {
        var max = field.MaxLength ?? defaultMax;
        return value.Length > max
            ? (null, field.Kind == FieldKind.ShortText ? TooLongLine(field.Label, max, value) : $"{field.Label} får vara högst {max.ToString("#,##0", Swedish)} tecken (nu {value.Length.ToString("#,##0", Swedish)}).")
            : (JsonValue.Create(value), null);
    }

    /// <summary>
    /// A one-line text over its limit: the limit, the length and the part that does not fit, so that
    /// a pasted text is never cut without a word (the form keeps all of it until it is shortened).
    /// </summary>
    public static string TooLongLine(string label, int max, string value)
    {
        var rest = value[max..];
        var shown = rest.Length > 120 ? rest[..120] + "…" : rest;
        return $"{label} får vara högst {max.ToString("#,##0", Swedish)} tecken (nu {value.Length.ToString("#,##0", Swedish)}). Det här ryms inte: \"{shown}\"";
    }

    private static (JsonNode?, string?) RichText(ContentFieldDefinition field, string value)
    {
        var (_, error) = Text(field, value, field.MaxLength ?? DefaultRichTextLength);
        return error is not null ? (null, error) : (JsonValue.Create(Sanitizer.Sanitize(value)), null);
    }

    private static (JsonNode?, string?) Number(ContentFieldDefinition field, string value)
    {
        // Accept both "1 234,5" (Swedish) and "1234.5".
        var normalised = value.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (!decimal.TryParse(normalised, NumberStyles.Number, Swedish, out var number) &&
            !decimal.TryParse(normalised, NumberStyles.Number, CultureInfo.InvariantCulture, out number))
        {
            return (null, $"{field.Label} måste vara ett tal, till exempel 12 eller 3,5.");
        }

        if (field.Min is decimal min && number < min)
        {
            return (null, $"{field.Label} får inte vara mindre än {min.ToString(Swedish)}.");
        }

        if (field.Max is decimal max && number > max)
        {
            return (null, $"{field.Label} får inte vara större än {max.ToString(Swedish)}.");
        }

        return (JsonValue.Create(number), null);
    }

    private static (JsonNode?, string?) Date(ContentFieldDefinition field, string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ||
            DateOnly.TryParse(value, Swedish, DateTimeStyles.None, out date))
        {
            return (JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null);
        }

        return (null, $"{field.Label} måste vara ett datum, till exempel 2026-03-15.");
    }

    private static (JsonNode?, string?) Choice(ContentFieldDefinition field, FieldInput input)
    {
        var chosen = input.Values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknown = chosen.FirstOrDefault(c => !field.Choices.Contains(c, StringComparer.Ordinal));
        if (unknown is not null)
        {
            return (null, $"\"{unknown}\" är inget av alternativen för {field.Label}.");
        }

        if (!field.Multiple && chosen.Count > 1)
        {
            return (null, $"Välj bara ett alternativ för {field.Label}.");
        }

        return field.Multiple ? (new JsonArray([.. chosen.Select(c => (JsonNode)JsonValue.Create(c))]), null) : (JsonValue.Create(chosen[0]), null);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img"); // images come as attachments, never hot-linked
        return sanitizer;
    }

    private static string StripTags(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")).Trim();
}
