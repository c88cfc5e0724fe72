using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Kvalitetsportal.Contents.ContentExport;

/// <summary>
/// Writes one worksheet row by row with the Open XML SDK's streaming writer, so a large export
/// never sits in memory: a bold, frozen header row with a filter, text as inline strings (never
/// formulas, so the CSV's apostrophe guard is not needed here and not written), and times as real
/// date cells. Characters outside the basic plane (an emoji in a title) are written as UTF-8, not
/// as the per-half <c>_xD83D_</c> escapes that other readers show broken.
/// </summary>
public static partial class XlsxSheetWriter
{
    private const uint HeaderStyle = 1;
    private const uint TimeStyle = 2;
    private const uint TimeFormatId = 164;

    /// <summary>Writes the sheet; a cell is a <see cref="string"/>, a <see cref="DateTime"/> (local time) or null.</summary>
    public static async Task WriteAsync(Stream seekableOutput, string sheetName, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Create(seekableOutput, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        var sheet = workbook.AddNewPart<WorksheetPart>();

        var rowCount = 1;
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            { TabSelected = true, WorkbookViewId = 0 }));
            writer.WriteElement(new Columns(new Column { Min = 1, Max = (uint)Math.Max(1, headers.Count), Width = 22, CustomWidth = true }));
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, [.. headers], HeaderStyle);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                WriteRow(writer, ++rowCount, row, null);
            }

            writer.WriteEndElement();
            writer.WriteElement(new AutoFilter { Reference = $"A1:{Column(headers.Count - 1)}{rowCount}" });
            writer.WriteEndElement();
        }

        var name = sheetName.Length == 0 ? "Export" : sheetName;
        workbook.Workbook = new Workbook(
            new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = name }),
            // Excel keeps the filter's range in this hidden name.
            new DefinedNames(new DefinedName($"'{name.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${Column(headers.Count - 1)}${rowCount}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = 0,
                Hidden = true,
            }));
    }

    private static void WriteRow(OpenXmlWriter writer, int rowIndex, object?[] cells, uint? style)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)rowIndex });
        for (var i = 0; i < cells.Length; i++)
        {
            var reference = Column(i) + rowIndex.ToString(CultureInfo.InvariantCulture);
            switch (cells[i])
            {
                case DateTime time:
                    writer.WriteElement(new Cell
                    {
                        CellReference = reference,
                        StyleIndex = TimeStyle,
                        CellValue = new CellValue(time.ToOADate().ToString("R", CultureInfo.InvariantCulture)),
                    });
                    break;
                case string { Length: > 0 } text:
                    var cell = new Cell(new InlineString(new Text(Escape(text)) { Space = SpaceProcessingModeValues.Preserve }))
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                    };
                    if (style is { } s)
                    {
                        cell.StyleIndex = s;
                    }

                    writer.WriteElement(cell);
                    break;
                default:
                    break; // an empty cell is left out
            }
        }

        writer.WriteEndElement();
    }

    /// <summary>"A", "B", … "Z", "AA", … for a zero-based column.</summary>
    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>
    /// ECMA-376 22.4.2.4: a character XML 1.0 cannot carry becomes <c>_xHHHH_</c>, and text that
    /// already looks like such an escape keeps its underscore (<c>_x005F_</c>). Surrogate pairs are
    /// one character and stay as they are; a lone half is replaced.
    /// </summary>
    private static string Escape(string text)
    {
        text = EscapeLike().Replace(text, "_x005F_$1");
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = null;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                replacement = "\uFFFD";
            }
            else if (c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF')
            {
                replacement = $"_x{(int)c:X4}_";
            }

            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
            escaped.Append(replacement);
        }

        return escaped?.ToString() ?? text;
    }

    [GeneratedRegex("_(x[0-9A-Fa-f]{4}_)")]
    private static partial Regex EscapeLike();

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = TimeFormatId, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = TimeFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 3 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
