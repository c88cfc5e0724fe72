using System.Globalization;
using System.Text;
using CsvHelper;
using Kvalitetsportal.Organisation.Units;

namespace Kvalitetsportal.Organisation.UnitImport;

/// <summary>What was read from an uploaded file: either rows, or why the file cannot be used at all.</summary>
public sealed record CsvUnitFile(IReadOnlyList<UnitImportRow> Rows, string? Error, string EncodingName, char Separator)
{
    public bool IsValid => Error is null;

    public static CsvUnitFile Failed(string error) => new([], error, "", ';');

    /// <summary>"semikolon", "komma" or "tabb", for telling the user how the file was read.</summary>
    public string SeparatorName => Separator switch
    {
        ';' => "semikolon",
        ',' => "komma",
        '\t' => "tabb",
        _ => Separator.ToString(),
    };
}

/// <summary>
/// Reads an organisation CSV file as Excel writes it: columns Kod, Namn, Typ and Överordnad (a header
/// row is required, in any column order; other columns are ignored), separated by semicolon, comma or
/// tab (taken from the header row, or an Excel "sep=" line), in UTF-8 with or without BOM, UTF-16
/// with BOM, or Windows-1252 (what Swedish Excel writes for "CSV (semikolonavgränsad)").
/// </summary>
public static class CsvUnitFileReader
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public const string ExpectedHeader = "Kod;Namn;Typ;Överordnad";

    private static readonly char[] Separators = [';', ',', '\t'];

    private static readonly (string Key, string Display, string[] Names)[] Columns =
    [
        ("code", "Kod", ["kod"]),
        ("name", "Namn", ["namn"]),
        ("type", "Typ", ["typ"]),
        ("parent", "Överordnad", ["överordnad", "overordnad"]),
    ];

    static CsvUnitFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads at most <see cref="MaxBytes"/> from the stream; a longer stream is refused unread.</summary>
    public static async Task<CsvUnitFile> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return CsvUnitFile.Failed(TooLargeMessage);
            }
        }

        return Read(buffer.ToArray());
    }

    public static string TooLargeMessage => $"Filen är större än {MaxBytes / (1024 * 1024)} MB. Dela upp den i flera filer och importera dem en i taget.";

    public static CsvUnitFile Read(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return CsvUnitFile.Failed("Filen är tom.");
        }

        if (bytes.Length > MaxBytes)
        {
            return CsvUnitFile.Failed(TooLargeMessage);
        }

        if (StartsWith(bytes, 0x50, 0x4B, 0x03, 0x04) || StartsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0))
        {
            return CsvUnitFile.Failed("Filen är en Excel-arbetsbok, inte en CSV-fil. Öppna den i Excel, välj Spara som och filformatet \"CSV UTF-8 (kommaavgränsad)\" eller \"CSV (semikolonavgränsad)\", och importera den nya filen.");
        }

        var (text, encodingName) = Decode(bytes);
        if (LooksBinary(text))
        {
            return CsvUnitFile.Failed(NotCsvMessage);
        }

        if (text.Trim().Length == 0)
        {
            return CsvUnitFile.Failed("Filen är tom.");
        }

        return Parse(text, encodingName);
    }

    private const string NotCsvMessage = "Filen ser inte ut att vara en CSV-fil (text med kolumner). Spara organisationen från Excel som CSV och försök igen.";

    private static string MissingHeaderMessage(IEnumerable<string> missing) =>
        $"Första raden i filen måste vara en rubrikrad med kolumnerna {ExpectedHeader}. Det saknas: {string.Join(", ", missing)}.";

    private static (string Text, string EncodingName) Decode(byte[] bytes)
    {
        if (StartsWith(bytes, 0xEF, 0xBB, 0xBF))
        {
            return (new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3), "UTF-8");
        }

        if (StartsWith(bytes, 0xFF, 0xFE))
        {
            return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        }

        if (StartsWith(bytes, 0xFE, 0xFF))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Not valid UTF-8: Swedish Excel's "CSV (semikolonavgränsad)" is Windows-1252.
            return (Encoding.GetEncoding(1252).GetString(bytes), "Windows-1252 (Latin-1)");
        }
    }

    /// <summary>NUL bytes, or many control characters, mean the file is not text.</summary>
    private static bool LooksBinary(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return true;
        }

        var controls = text.Count(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t' or '\f'));
        return controls > 0 && controls * 100 > text.Length;
    }

    private static CsvUnitFile Parse(string text, string encodingName)
    {
        var separator = FindSeparator(ref text);
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            DetectSeparatorHint = false,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        var malformed = new Dictionary<long, CsvMalformedReason>();
        options = options with { OnMalformedRecord = record => malformed.TryAdd(record.RecordNumber, record.Reason) };

        var rows = new List<UnitImportRow>();
        try
        {
            using var reader = CsvReader.FromText(text, options);
            if (!reader.Read())
            {
                return CsvUnitFile.Failed("Filen är tom.");
            }

            var header = Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.GetString(i).Trim().Normalize(NormalizationForm.FormC))
                .ToList();
            var indexes = new Dictionary<string, int>();
            var missing = new List<string>();
            foreach (var (key, display, names) in Columns)
            {
                var index = header.FindIndex(h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
                if (index < 0)
                {
                    missing.Add(display);
                }
                else
                {
                    indexes[key] = index;
                }
            }

            if (missing.Count > 0)
            {
                return CsvUnitFile.Failed(MissingHeaderMessage(missing));
            }

            while (reader.Read())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
                if (values.All(string.IsNullOrWhiteSpace))
                {
                    continue; // Excel writes ";;;" for empty rows
                }

                string Field(string key) => indexes[key] < values.Count ? values[indexes[key]] : "";
                var problem = malformed.TryGetValue(reader.RowNumber, out var reason) ? Describe(reason) : null;
                rows.Add(new UnitImportRow(
                    checked((int)reader.LineNumber),
                    Field("code"),
                    Field("name"),
                    Field("type"),
                    Field("parent"),
                    problem));
            }
        }
        catch (CsvFormatException)
        {
            return CsvUnitFile.Failed(NotCsvMessage);
        }

        if (rows.Count == 0)
        {
            return CsvUnitFile.Failed("Filen har en rubrikrad men inga enheter.");
        }

        return new CsvUnitFile(rows, null, encodingName, separator);
    }

    private static char FindSeparator(ref string text)
    {
        var start = 0;
        string firstLine;
        while (true)
        {
            var end = text.IndexOfAny(['\r', '\n'], start);
            firstLine = end < 0 ? text[start..] : text[start..end];
            if (end < 0 || firstLine.Trim().Length > 0)
            {
                break;
            }

            start = end + 1;
        }

        // Excel understands (and sometimes writes) a first line "sep=;" naming the separator.
        if (firstLine.Length == 5 && firstLine.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && Separators.Contains(firstLine[4]))
        {
            // Blanked rather than removed, so that line numbers still match the file.
            text = string.Concat(text.AsSpan(0, start), text.AsSpan(start + firstLine.Length));
            return firstLine[4];
        }

        // The header row has no quoted separators in practice; the most frequent candidate wins, semicolon on a tie.
        return Separators.OrderByDescending(s => firstLine.Count(c => c == s)).First();
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "Raden har ett citattecken (\") som aldrig avslutas, så resten av filen lästes som en del av raden. Rätta citattecknet och importera igen.",
        _ => "Raden har felaktigt placerade citattecken (\"). Ett värde som innehåller citattecken måste omges av citattecken och ha dem dubblerade.",
    };

    private static bool StartsWith(byte[] bytes, params byte[] prefix) =>
        bytes.Length >= prefix.Length && bytes.AsSpan(0, prefix.Length).SequenceEqual(prefix);
}
