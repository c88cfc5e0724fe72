using System.Globalization;
using System.Text;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>
/// A transition's key made from its name, as content types and fields get theirs: "Börja pröva" →
/// "borja-prova". The administrator need not type (or see) it; a key in use gets "-2", "-3" ….
/// </summary>
public static class TransitionKeys
{
    public const int MaxLength = 64;

    public static string From(string label, ISet<string> taken)
    {
        var plain = new StringBuilder();
        foreach (var c in label.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                plain.Append(lower);
            }
            else if (plain.Length > 0 && plain[^1] != '-')
            {
                plain.Append('-');
            }
        }

        var stem = plain.ToString().Trim('-');
        stem = stem.Length == 0 ? "overgang" : stem[..Math.Min(stem.Length, MaxLength - 4)].Trim('-');
        var key = stem;
        for (var n = 2; !taken.Add(key); n++)
        {
            key = $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return key;
    }

    /// <summary>Gives every named transition without a key one made from its name (before the form is read into a definition).</summary>
    public static void FillMissing(WorkflowForm form)
    {
        var taken = new HashSet<string>(form.Transitions.Select(t => t.Id?.Trim()).Where(id => !string.IsNullOrEmpty(id))!, StringComparer.Ordinal);
        foreach (var transition in form.Transitions.Where(t => string.IsNullOrWhiteSpace(t.Id) && !string.IsNullOrWhiteSpace(t.Label)))
        {
            transition.Id = From(transition.Label!, taken);
        }
    }
}
