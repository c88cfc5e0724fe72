using System.Globalization;
using Kvalitetsportal.Localization;

namespace Kvalitetsportal.Contents.Items;

/// <summary>Dates as a Swedish reader expects them: local (Stockholm) time.</summary>
public static class ContentDates
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static DateTime Local(DateTime utc) => SwedishTime.FromUtc(utc);

    public static string Date(DateTime utc) => Local(utc).ToString("yyyy-MM-dd", Swedish);

    public static string DateAndTime(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm", Swedish);

    public static string Time(DateTime utc) => Local(utc).ToString("HH:mm", Swedish);

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture); // <time datetime> allows at most three fraction digits
}
