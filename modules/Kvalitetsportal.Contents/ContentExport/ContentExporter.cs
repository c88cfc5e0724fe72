using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json.Nodes;
using CsvHelper;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Queries;
using Kvalitetsportal.Data;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Organisation.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Contents.ContentExport;

/// <summary>
/// An export about to be written: its column headers and its rows, read from the database batch by
/// batch. A cell is text, a <see cref="DateTime"/> in Swedish local time, or null; each format
/// writes them its own way (CSV as guarded text, Excel as text and date cells).
/// </summary>
public sealed record ContentExportData(ContentTypeDefinition Type, IReadOnlyList<string> Headers, IAsyncEnumerable<object?[]> Rows);

/// <summary>
/// Exports exactly what the user may see of a type, with the list's filters
/// (<see cref="ContentListQuery.VisibleAsync"/>, never a query of its own). Rows are read in
/// batches of <see cref="BatchSize"/>, each a short query, so a large export neither holds the
/// database nor keeps every item in memory.
/// </summary>
public sealed class ContentExporter(ContentListQuery list, IUnitDirectory unitDirectory, FieldDisplay fieldDisplay, PortalDbContext db, IEnumerable<IContentItemFacts> facts)
{
    public const int BatchSize = 1000;

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The rows the user may see, or null when the user may see none of the type's items.</summary>
    public async Task<ContentExportData?> OpenAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentFilter filter, CancellationToken cancellationToken)
    {
        var query = await list.VisibleAsync(user, type, filter, cancellationToken);
        if (query is null)
        {
            return null;
        }

        var units = await unitDirectory.LoadAsync(cancellationToken);
        var moduleFacts = new List<IContentItemFacts>();
        foreach (var fact in facts)
        {
            if (await fact.AppliesToAsync(db, type.Name, cancellationToken))
            {
                moduleFacts.Add(fact);
            }
        }

        // What modules keep about the items (a diarienummer) comes last, after the item's own columns.
        var headers = Headers(type, [.. moduleFacts.Select(f => f.Label)]);
        return new ContentExportData(type, headers, RowsAsync(user, query, type, units, moduleFacts, cancellationToken));
    }

    /// <summary>Referens, the title, unit, state, each field by its label, created and modified. Repeated labels get the field's technical name added.</summary>
    public static IReadOnlyList<string> Headers(ContentTypeDefinition type, IReadOnlyList<string>? moduleColumns = null)
    {
        var fields = type.OrderedFields.ToList();
        var headers = new List<string> { "Referens", string.IsNullOrWhiteSpace(type.TitleLabel) ? "Titel" : type.TitleLabel.Trim(), "Enhet", "Status" };
        headers.AddRange(fields.Select(f => f.Label.Trim()));
        headers.Add("Skapad");
        headers.Add("Ändrad");
        headers.AddRange(moduleColumns ?? []);

        // Excel's filters and readers that key rows by header need unique headers.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Length == 0 ? $"Kolumn {i + 1}" : headers[i];
            if (seen.Contains(header))
            {
                var fieldIndex = i - 4;
                header = fieldIndex >= 0 && fieldIndex < fields.Count ? $"{header} ({fields[fieldIndex].Name})" : $"{header} ({i + 1})";
            }

            var candidate = header;
            for (var n = 2; !seen.Add(candidate); n++)
            {
                candidate = $"{header} {n}";
            }

            headers[i] = candidate;
        }

        return headers;
    }

    public static string StateText(ContentItem item) =>
        !string.IsNullOrWhiteSpace(item.WorkflowState) ? item.WorkflowState : item.Published ? "Publicerad" : "Utkast";

    public static object?[] Row(ContentItem item, ContentTypeDefinition type, UnitDirectory units, FieldDisplayer display)
    {
        var data = item.GetData();
        var cells = new List<object?>
        {
            ExportCells.Reference(item.ContentItemId),
            item.DisplayText,
            units.NameOf(item.OrganisationUnitId) ?? "",
            StateText(item),
        };
        // Units, people and referenced items are named, as the list and the item page name them.
        cells.AddRange(type.OrderedFields.Select(f => display(f, data[f.Name])));
        cells.Add(SwedishTime.FromUtc(item.CreatedUtc));
        cells.Add(SwedishTime.FromUtc(item.ModifiedUtc));
        return [.. cells];
    }

    /// <summary>Semicolon-separated UTF-8 with a byte order mark, as Swedish Excel opens it. Writes asynchronously only.</summary>
    public static async Task WriteCsvAsync(ContentExportData export, Stream output, CancellationToken cancellationToken)
    {
        var options = CsvWriterOptions.Default with
        {
            Separator = ';',
            NewLine = "\r\n",
            WriteByteOrderMark = true,
            Injection = CsvInjection.None, // done by ExportCells.Neutralise, the same for both formats
        };

        await using var csv = CsvWriter.Create(output, options, true);
        await csv.WriteRecordAsync([.. export.Headers.Select(ExportCells.Neutralise)], cancellationToken);
        await foreach (var row in export.Rows.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync([.. row.Select(CsvCell)], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>A CSV cell: times as "yyyy-MM-dd HH:mm", text guarded against formulas.</summary>
    private static string CsvCell(object? cell) => cell switch
    {
        DateTime time => time.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        _ => ExportCells.Neutralise(cell as string),
    };

    /// <summary>
    /// An Excel workbook (<see cref="XlsxSheetWriter"/>). The zip is completed by seeking, so callers
    /// pass a temporary file, not the response.
    /// </summary>
    public static Task WriteXlsxAsync(ContentExportData export, Stream seekableOutput, CancellationToken cancellationToken) =>
        XlsxSheetWriter.WriteAsync(seekableOutput, SheetName(export.Type), export.Headers, export.Rows, cancellationToken);

    /// <summary>The download's name, e.g. "forbattringsforslag-2026-11-26.xlsx" (the date in Sweden).</summary>
    public static string FileName(ContentTypeDefinition type, DateTimeOffset now, string extension) =>
        $"{type.Name.ToLowerInvariant()}-{ExportCells.LocalDate(now)}.{extension}";

    private static string SheetName(ContentTypeDefinition type)
    {
        var name = new string([.. type.DisplayName.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]).Trim();
        return name.Length == 0 ? type.Name[..Math.Min(31, type.Name.Length)] : name[..Math.Min(31, name.Length)];
    }

    private async IAsyncEnumerable<object?[]> RowsAsync(ClaimsPrincipal user, IQueryable<ContentItem> query, ContentTypeDefinition type, UnitDirectory units, IReadOnlyList<IContentItemFacts> moduleFacts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Pages ordered by the list's sort (which ends with the row id, so pages never overlap);
        // each page is its own short query, so a slow download never holds a database lock.
        for (var skip = 0; ; skip += BatchSize)
        {
            var batch = await query.Skip(skip).Take(BatchSize).ToListAsync(cancellationToken);
            var display = await fieldDisplay.ForAsync(user, batch.Select(i => i.GetData()), [.. type.OrderedFields], units, cancellationToken);
            var known = new List<IReadOnlyDictionary<string, string>>();
            foreach (var fact in moduleFacts)
            {
                known.Add(await fact.GetAsync(db, [.. batch.Select(i => i.ContentItemId)], cancellationToken));
            }

            foreach (var item in batch)
            {
                var row = Row(item, type, units, display);
                yield return known.Count == 0 ? row : [.. row, .. known.Select(k => k.GetValueOrDefault(item.ContentItemId))];
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }
        }
    }
}
