using System.Globalization;
using Kvalitetsportal.Localization;

namespace Kvalitetsportal.Documents.Data;

/// <summary>How dates and times read in a document: Swedish, in Swedish local time ("3 december 2026").</summary>
public static class DocumentText
{
    public static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static string Date(DateTime utc) => SwedishTime.FromUtc(utc).ToString("d MMMM yyyy", Swedish);

    public static string Date(DateTime? utc) => utc is { } value ? Date(value) : "";

    public static string DateTime(DateTime utc) => SwedishTime.FromUtc(utc).ToString("d MMMM yyyy HH:mm", Swedish);
}
