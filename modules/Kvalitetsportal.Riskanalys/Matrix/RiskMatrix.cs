using System.Globalization;
using System.Text.Json;

namespace Kvalitetsportal.Riskanalys.Matrix;

/// <summary>One step of a scale: its name ("Möjlig") and what it means.</summary>
public sealed record RiskLevel(string Name, string Definition);

/// <summary>
/// A colour band of the matrix: the risk values (probability × consequence) from <see cref="From"/>
/// to <see cref="To"/> get this name and colour. The colour is one of <see cref="RiskMatrix.Colours"/>
/// (a CSS class: the portal's CSP forbids inline styles, and each colour is checked for AA contrast).
/// </summary>
public sealed record RiskBand(string Name, string Colour, int From, int To);

/// <summary>
/// The risk matrix (handbook p. 32, steg 3): probability levels × consequence levels, with the
/// administrator's names, definitions and colour bands. Level numbers start at 1 (the lowest).
/// </summary>
public sealed class RiskMatrix
{
    public const int MinLevels = 2;
    public const int MaxLevels = 7;

    /// <summary>The colours a band may have, each a CSS class <c>risk-band-{colour}</c>, with its Swedish name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Colours = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gron"] = "Grön",
        ["gul"] = "Gul",
        ["orange"] = "Orange",
        ["rod"] = "Röd",
        ["bla"] = "Blå",
        ["gra"] = "Grå",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public List<RiskLevel> Probability { get; set; } = [];

    public List<RiskLevel> Consequence { get; set; } = [];

    public List<RiskBand> Bands { get; set; } = [];

    public int ProbabilityLevels => Probability.Count;

    public int ConsequenceLevels => Consequence.Count;

    /// <summary>The matrix the portal uses until an administrator saves one (the recipe ships the same).</summary>
    public static RiskMatrix Default => new()
    {
        Probability =
        [
            new("Osannolik", "Kan inträffa men har inte hänt här; mindre än en gång på tio år."),
            new("Mindre sannolik", "Har hänt någon gång; en gång på fem till tio år."),
            new("Möjlig", "Inträffar då och då; en gång på ett till fem år."),
            new("Sannolik", "Inträffar ofta; flera gånger om året."),
        ],
        Consequence =
        [
            new("Försumbar", "Liten påverkan; ingen märker det utanför verksamheten."),
            new("Lindrig", "Märks för dem vi finns till för, men rättas lätt."),
            new("Kännbar", "Mål nås inte, ekonomisk förlust eller brister i rättssäkerheten."),
            new("Allvarlig", "Allvarlig skada för enskilda, stor förlust eller skadat förtroende för kommunen."),
        ],
        Bands =
        [
            new("Låg risk", "gron", 1, 3),
            new("Måttlig risk", "gul", 4, 6),
            new("Hög risk", "orange", 7, 11),
            new("Mycket hög risk", "rod", 12, 16),
        ],
    };

    public int MaxValue => ProbabilityLevels * ConsequenceLevels;

    public static int Value(int probability, int consequence) => probability * consequence;

    public RiskBand? BandOf(int probability, int consequence)
    {
        var value = Value(probability, consequence);
        return Bands.FirstOrDefault(b => value >= b.From && value <= b.To);
    }

    public bool Contains(int probability, int consequence) =>
        probability >= 1 && probability <= ProbabilityLevels && consequence >= 1 && consequence <= ConsequenceLevels;

    public string ProbabilityName(int level) => level >= 1 && level <= ProbabilityLevels ? Probability[level - 1].Name : level.ToString(CultureInfo.InvariantCulture);

    public string ConsequenceName(int level) => level >= 1 && level <= ConsequenceLevels ? Consequence[level - 1].Name : level.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a level the user typed or chose. Returns the level, or a Swedish message that says
    /// what is allowed and repeats what was typed (the form keeps it).
    /// </summary>
    public static (int? Level, string? Error) ParseLevel(string? text, int levels, string label)
    {
        var typed = (text ?? "").Trim();
        if (typed.Length == 0)
        {
            return (null, $"Välj {label.ToLowerInvariant()} (1–{levels}).");
        }

        return int.TryParse(typed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var level) && level >= 1 && level <= levels
            ? (level, null)
            : (null, $"{label} ska vara ett heltal från 1 till {levels} på riskmatrisen. Du angav \"{typed}\".");
    }

    /// <summary>What is wrong with the matrix, in Swedish; empty when it may be saved.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        CheckScale(Probability, "Sannolikhet", problems);
        CheckScale(Consequence, "Konsekvens", problems);
        if (Bands.Count == 0)
        {
            problems.Add("Ange minst ett färgband.");
            return problems;
        }

        foreach (var band in Bands)
        {
            if (string.IsNullOrWhiteSpace(band.Name))
            {
                problems.Add("Varje färgband behöver ett namn.");
            }

            if (!Colours.ContainsKey(band.Colour))
            {
                problems.Add($"Färgbandet \"{band.Name}\" har en färg som inte finns. Välj en färg i listan.");
            }

            if (band.From > band.To)
            {
                problems.Add($"Färgbandet \"{band.Name}\": \"från\" är större än \"till\".");
            }
        }

        if (problems.Count == 0 && ProbabilityLevels > 0 && ConsequenceLevels > 0)
        {
            // Every value a risk can get must fall in exactly one band, so the heat map never has a colourless cell.
            for (var value = 1; value <= MaxValue; value++)
            {
                var bands = Bands.Count(b => value >= b.From && value <= b.To);
                if (bands != 1)
                {
                    problems.Add(bands == 0
                        ? $"Riskvärdet {value} ligger inte i något färgband. Banden ska täcka 1–{MaxValue} utan luckor."
                        : $"Riskvärdet {value} ligger i mer än ett färgband. Banden får inte överlappa.");
                    break;
                }
            }
        }

        return problems;
    }

    private static void CheckScale(List<RiskLevel> levels, string label, List<string> problems)
    {
        if (levels.Count is < MinLevels or > MaxLevels)
        {
            problems.Add($"{label} ska ha {MinLevels}–{MaxLevels} nivåer.");
        }

        if (levels.Any(l => string.IsNullOrWhiteSpace(l.Name)))
        {
            problems.Add($"Varje nivå för {label.ToLowerInvariant()} behöver ett namn.");
        }
        else if (levels.Select(l => l.Name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != levels.Count)
        {
            problems.Add($"Två nivåer för {label.ToLowerInvariant()} har samma namn.");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RiskMatrix FromJson(string json) => JsonSerializer.Deserialize<RiskMatrix>(json, Json) ?? Default;
}
