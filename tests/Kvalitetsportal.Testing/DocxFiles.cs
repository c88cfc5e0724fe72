using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Kvalitetsportal.Testing;

/// <summary>
/// Word files for document tests, made in code with the OpenXml SDK as Word would save them
/// (a field split over several runs, a table whose second row repeats), and read back as text.
/// </summary>
public static class DocxFiles
{
    /// <summary>A document with one paragraph per line (each line's parts as separate runs, the first bold) and, if given, a table of rows of cells.</summary>
    public static byte[] Build(IEnumerable<string[]> paragraphs, IEnumerable<string[]>? tableRows = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            foreach (var parts in paragraphs)
            {
                body.Append(new Paragraph(parts.Select((part, i) => new Run(
                    i == 0 ? new RunProperties(new Bold()) : new RunProperties(),
                    new Text(part) { Space = SpaceProcessingModeValues.Preserve }))));
            }

            if (tableRows is not null)
            {
                body.Append(new Table(tableRows.Select(cells => new TableRow(cells.Select(cell =>
                    new TableCell(new Paragraph(new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve }))))))));
            }

            document.AddMainDocumentPart().Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The template the document tests upload: the title written over three runs as Word splits it,
    /// item and workflow fields, and the history as a table whose second row repeats.
    /// </summary>
    public static byte[] DecisionTemplate() => Build(
        [
            ["Beslut om ", "{{ item.", "title }}"],
            ["Förslaget: {{ item.beskrivning }}"],
            ["Inskickat av {{ item.owner }} ({{ item.unit }}), referens {{ item.reference }}"],
            ["Steg: {{ workflow.state }}"],
        ],
        [
            ["Datum", "Vem", "Till steg", "Kommentar"],
            ["{{ history.date }}", "{{ history.actor }}", "{{ history.to }}", "{{history.comment}}"],
        ]);

    /// <summary>The document's paragraphs outside tables, as text.</summary>
    public static IReadOnlyList<string> Paragraphs(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return [.. document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText)];
    }

    /// <summary>The first table's rows, each as its cells' text.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> TableRows(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var table = document.MainDocumentPart!.Document!.Body!.Elements<Table>().FirstOrDefault();
        return table is null ? [] : [.. table.Elements<TableRow>().Select(r => (IReadOnlyList<string>)[.. r.Elements<TableCell>().Select(c => c.InnerText)])];
    }
}
