using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Kvalitetsportal.Documents.Merging;

/// <summary>
/// The template syntax: a field is written in Word as <c>{{ item.title }}</c>. Word splits typed
/// text into several runs (spelling marks, a change of formatting, an edit in the middle), so a
/// field is found in a paragraph's text as a whole, never run by run. A field of a list
/// (<c>{{ history.date }}</c>) repeats what holds it: the table row, or else the paragraph.
/// </summary>
public static partial class MergeFields
{
    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    public static partial Regex Field();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$")]
    public static partial Regex Name();

    /// <summary>The list a field belongs to ("history" for "history.date"), when its first part names one.</summary>
    public static string? ListOf(string field, IReadOnlySet<string> lists)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && lists.Contains(field[..dot]) ? field[..dot] : null;
    }

    /// <summary>The roots Word shows text from: the body, headers and footers.</summary>
    public static IEnumerable<OpenXmlElement> Roots(WordprocessingDocument document)
    {
        if (document.MainDocumentPart is not { } main)
        {
            yield break;
        }

        if (main.Document?.Body is { } body)
        {
            yield return body;
        }

        foreach (var header in main.HeaderParts)
        {
            if (header.Header is { } root)
            {
                yield return root;
            }
        }

        foreach (var footer in main.FooterParts)
        {
            if (footer.Footer is { } root)
            {
                yield return root;
            }
        }
    }

    /// <summary>The paragraph's own text elements, not those of a paragraph nested in it (a text box).</summary>
    public static List<Text> OwnTexts(Paragraph paragraph) =>
        [.. paragraph.Descendants<Text>().Where(t => t.Ancestors<Paragraph>().FirstOrDefault() == paragraph)];

    public static string TextOf(Paragraph paragraph) => string.Concat(OwnTexts(paragraph).Select(t => t.Text));

    /// <summary>What repeats for a paragraph's list fields: its table row, or the paragraph itself.</summary>
    public static OpenXmlElement RepeatingUnit(Paragraph paragraph) =>
        paragraph.Ancestors<TableRow>().FirstOrDefault() is { } row ? row : paragraph;

    /// <summary>Whether the template uses Word's own mail-merge fields, which this syntax replaces.</summary>
    public static bool HasWordMergeFields(OpenXmlElement root) =>
        root.Descendants<FieldCode>().Any(c => c.Text.Contains("MERGEFIELD", StringComparison.OrdinalIgnoreCase))
        || root.Descendants<SimpleField>().Any(f => f.Instruction?.Value?.Contains("MERGEFIELD", StringComparison.OrdinalIgnoreCase) == true);
}
