using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Kvalitetsportal.Documents.Data;

namespace Kvalitetsportal.Documents.Merging;

/// <summary>
/// Fills a .docx template: first every table row (or paragraph) holding fields of a list is
/// repeated once per row of that list, then every remaining field is replaced by its value. A
/// field keeps the formatting of the run it starts in. Values go into Word's text elements as
/// text (the SDK writes the XML), line breaks become Word line breaks, and characters XML cannot
/// hold are dropped. A field the data does not know (a field removed from the type after the
/// template was uploaded) is left empty.
/// </summary>
public static class DocxMerger
{
    public static byte[] Merge(byte[] template, DocumentData data, IReadOnlySet<string> lists)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        stream.Position = 0;
        using (var document = WordprocessingDocument.Open(stream, isEditable: true))
        {
            foreach (var root in MergeFields.Roots(document).ToList())
            {
                RepeatLists(root, data, lists);
                foreach (var paragraph in root.Descendants<Paragraph>().ToList())
                {
                    Replace(paragraph, name => data.Values.GetValueOrDefault(name));
                }
            }
        }

        return stream.ToArray();
    }

    private static void RepeatLists(OpenXmlElement root, DocumentData data, IReadOnlySet<string> lists)
    {
        // Group the paragraphs that use a list by what repeats (their row, or themselves); a row is
        // found once however many of its cells use the list.
        var units = root.Descendants<Paragraph>()
            .Select(p => (Paragraph: p, List: MergeFields.Field().Matches(MergeFields.TextOf(p))
                .Select(m => MergeFields.ListOf(m.Groups[1].Value, lists)).FirstOrDefault(l => l is not null)))
            .Where(p => p.List is not null)
            .GroupBy(p => MergeFields.RepeatingUnit(p.Paragraph))
            .Select(g => (Unit: g.Key, List: g.First().List!))
            .ToList();

        foreach (var (unit, list) in units)
        {
            if (unit.Parent is null)
            {
                continue; // inside a unit already repeated (a nested table)
            }

            foreach (var row in data.Rows(list))
            {
                var copy = unit.CloneNode(deep: true);
                foreach (var paragraph in copy is Paragraph p ? [p] : copy.Descendants<Paragraph>().ToList())
                {
                    Replace(paragraph, name => row.TryGetValue(name, out var value) ? value : data.Values.GetValueOrDefault(name));
                }

                unit.InsertBeforeSelf(copy);
            }

            unit.Remove();
        }
    }

    /// <summary>Replaces the paragraph's fields, from the last to the first so earlier positions stay valid.</summary>
    private static void Replace(Paragraph paragraph, Func<string, string?> valueOf)
    {
        var texts = MergeFields.OwnTexts(paragraph);
        var whole = string.Concat(texts.Select(t => t.Text));
        var matches = MergeFields.Field().Matches(whole);
        if (matches.Count == 0)
        {
            return;
        }

        var starts = new int[texts.Count];
        for (var i = 1; i < texts.Count; i++)
        {
            starts[i] = starts[i - 1] + texts[i - 1].Text.Length;
        }

        for (var m = matches.Count - 1; m >= 0; m--)
        {
            var match = matches[m];
            var value = Clean(valueOf(match.Groups[1].Value) ?? "");
            var end = match.Index + match.Length;
            var first = Array.FindLastIndex(starts, s => s <= match.Index);
            while (first < texts.Count - 1 && texts[first].Text.Length == 0)
            {
                first++; // an empty text element at the field's start holds none of it
            }

            var last = Array.FindLastIndex(starts, s => s < end);
            var head = texts[first].Text[..(match.Index - starts[first])];
            if (first == last)
            {
                texts[first].Text = head + value + texts[first].Text[(end - starts[first])..];
            }
            else
            {
                texts[first].Text = head + value;
                for (var k = first + 1; k < last; k++)
                {
                    texts[k].Text = "";
                }

                texts[last].Text = texts[last].Text[(end - starts[last])..];
            }

            texts[first].Space = SpaceProcessingModeValues.Preserve;
            texts[last].Space = SpaceProcessingModeValues.Preserve;
        }

        foreach (var text in texts.Where(t => t.Text.Contains('\n', StringComparison.Ordinal)))
        {
            BreakLines(text);
        }
    }

    /// <summary>"rad ett\nrad två" becomes text, a line break, text, in the same run.</summary>
    private static void BreakLines(Text text)
    {
        var lines = text.Text.Split('\n');
        text.Text = lines[0];
        OpenXmlElement after = text;
        foreach (var line in lines.Skip(1))
        {
            var lineBreak = new Break();
            after.InsertAfterSelf(lineBreak);
            var next = new Text(line) { Space = SpaceProcessingModeValues.Preserve };
            lineBreak.InsertAfterSelf(next);
            after = next;
        }
    }

    /// <summary>Line ends as \n, and nothing an XML document cannot hold (control characters).</summary>
    private static string Clean(string value)
    {
        var normalised = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var clean = new StringBuilder(normalised.Length);
        foreach (var rune in normalised.EnumerateRunes())
        {
            // A lone surrogate comes out as U+FFFD; U+FFFE and U+FFFF are not XML characters.
            if (rune.Value is '\n' or '\t' || (!Rune.IsControl(rune) && rune.Value is not (0xFFFE or 0xFFFF)))
            {
                clean.Append(rune.ToString());
            }
        }

        return clean.ToString();
    }
}
