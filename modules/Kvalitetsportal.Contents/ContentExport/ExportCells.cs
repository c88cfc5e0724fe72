using System.Globalization;
using Kvalitetsportal.Localization;

namespace Kvalitetsportal.Contents.ContentExport;

/// <summary>How values are written into exported cells, the same in CSV and Excel.</summary>
public static class ExportCells
{
    /// <summary>
    /// Neutralises formula injection: a cell that starts with =, +, -, @ (or a tab or carriage
    /// return, which some programs skip before those) gets a leading apostrophe, so a spreadsheet
    /// shows it as text instead of running it. Plain negative numbers ("-12", "-1 234,5") are left alone.
    /// </summary>
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value[0] switch
        {
            '-' when IsPlainNumber(value) => value,
            '=' or '+' or '-' or '@' or '\t' or '\r' => "'" + value,
            _ => value,
        };
    }

    /// <summary>A UTC time as Swedish local time (Europe/Stockholm), "yyyy-MM-dd HH:mm".</summary>
    public static string LocalTime(DateTime utc) =>
        SwedishTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Today's date in Sweden, for file names.</summary>
    public static string LocalDate(DateTimeOffset now) =>
        SwedishTime.Of(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first eight characters of an item's id in capitals: short enough to say on the phone.</summary>
    public static string Reference(string contentItemId) =>
        contentItemId[..Math.Min(8, contentItemId.Length)].ToUpperInvariant();

    private static bool IsPlainNumber(string value)
    {
        for (var i = 1; i < value.Length; i++)
        {
            if (!(char.IsAsciiDigit(value[i]) || value[i] is ',' or '.' or ' ' or '\u00A0'))
            {
                return false;
            }
        }

        return value.Length > 1 && char.IsAsciiDigit(value[1]);
    }
}
