using System.Text;
using Kvalitetsportal.Organisation.Data;

namespace Kvalitetsportal.Organisation.Units;

/// <summary>Swedish names of the unit kinds, and the words an import or recipe may use for them.</summary>
public static class UnitKinds
{
    /// <summary>Every kind, in the order of the tree (fullmäktige first, bolag last).</summary>
    public static IReadOnlyList<UnitKind> All { get; } = Enum.GetValues<UnitKind>();

    private static readonly Dictionary<string, UnitKind> Words = BuildWords();

    /// <summary>The Swedish name shown to users (also the localisation key).</summary>
    public static string DisplayName(UnitKind kind) => kind switch
    {
        UnitKind.Fullmaktige => "Fullmäktige",
        UnitKind.Styrelse => "Styrelse",
        UnitKind.Namnd => "Nämnd",
        UnitKind.Forvaltning => "Förvaltning",
        UnitKind.Enhet => "Enhet",
        UnitKind.Bolag => "Bolag",
        _ => kind.ToString(),
    };

    /// <summary>The words users may write, for messages: "Fullmäktige, Styrelse, …".</summary>
    public static string AcceptedWords => string.Join(", ", All.Select(DisplayName));

    /// <summary>
    /// Reads a kind from a Swedish word (Kommunfullmäktige/Fullmäktige, Styrelse/Kommunstyrelse,
    /// Nämnd, Förvaltning, Enhet, Bolag) or an enum name, ignoring case. Numbers are not accepted.
    /// </summary>
    public static bool TryParse(string? text, out UnitKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return Words.TryGetValue(text.Trim().Normalize(NormalizationForm.FormC), out kind);
    }

    private static Dictionary<string, UnitKind> BuildWords()
    {
        var words = new Dictionary<string, UnitKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kommunfullmäktige"] = UnitKind.Fullmaktige,
            ["Kommunstyrelse"] = UnitKind.Styrelse,
            ["Kommunstyrelsen"] = UnitKind.Styrelse,
        };
        foreach (var kind in All)
        {
            words[kind.ToString()] = kind;
            words[DisplayName(kind)] = kind;
        }

        return words;
    }
}
