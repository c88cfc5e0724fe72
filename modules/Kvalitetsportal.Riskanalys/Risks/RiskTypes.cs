using System.Globalization;
using System.Text.Json.Nodes;

namespace Kvalitetsportal.Riskanalys.Risks;

/// <summary>The Risk type's technical names (the recipe ships the type; these must match it).</summary>
public static class RiskTypes
{
    public const string Risk = "Risk";

    public const string Cause = "orsak";
    public const string Consequence = "konsekvens";
    public const string Category = "kategori";
    public const string Goal = "mal";
    public const string Owner = "agare";
    public const string Unit = "enhet";
    public const string Item = "galler";
    public const string Treatment = "behandling";
    public const string TreatmentText = "behandlingBeskrivning";
    public const string AcceptedUntil = "accepteradTill";
    public const string Cost = "kostnad";
    public const string Complexity = "komplexitet";

    /// <summary>The treatment that needs an expiry date (the recipe's third choice; a data value, not a state).</summary>
    public const string Accept = "Acceptera";

    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    public static int? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i
        : int.TryParse(Text(node), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public static DateOnly? Date(JsonNode? node) =>
        DateOnly.TryParse(Text(node), CultureInfo.InvariantCulture, out var date) ? date : null;
}
