using System.Globalization;
using System.Text.Json.Nodes;

namespace Kvalitetsportal.Kvalitetspris.Prize;

/// <summary>
/// The module's content types and the technical field names it reads. Labels, states and texts
/// live in the stored definitions (the recipe, then the administrator); only these names are code.
/// </summary>
public static class PrizeTypes
{
    public const string Round = "Prisomgang";
    public const string Application = "Prisansokan";

    /// <summary>The member role of a co-applicant (medsökande): sees the application in the states that name it.</summary>
    public const string CoApplicantRole = "Medsökande";

    // The round's fields.
    public const string CallText = "callText";
    public const string OpensOn = "opensOn";
    public const string ClosesOn = "closesOn";
    public const string MaxCharacters = "maxCharacters";
    public const string ScaleMax = "scaleMax";

    // The application's fields.
    public const string RoundField = "round";
    public const string ExternalProvider = "externalProvider";
    public const string WorkDone = "workDone";
    public const string FinishedOn = "finishedOn";
    public const string Attachments = "attachments";

    /// <summary>The handbook's four assessment areas, in its order; each is a text field on the application.</summary>
    public static readonly IReadOnlyList<string> Areas = ["process", "larande", "delaktighet", "resultat"];

    /// <summary>The round's level descriptor and weight fields for an area ("levelsProcess", "weightProcess").</summary>
    public static string LevelsField(string area) => "levels" + char.ToUpperInvariant(area[0]) + area[1..];

    public static string WeightField(string area) => "weight" + char.ToUpperInvariant(area[0]) + area[1..];

    public const int DefaultMaxCharacters = 25_000;
    public const int DefaultScaleMax = 5;

    public static string? Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>A number field's value, whether it was stored as a JSON number or as text.</summary>
    public static decimal? Number(JsonNode? value) =>
        value is JsonValue v && decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static DateOnly? Date(JsonNode? value) =>
        Text(value) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Characters as the applicant counts them: line breaks count once, as the browser's counter does.</summary>
    public static int Length(string? text) => text is null ? 0 : text.Replace("\r\n", "\n", StringComparison.Ordinal).Length;
}
