namespace Kvalitetsportal.Localization;

/// <summary>
/// The municipality's time zone (Europe/Stockholm), looked up once for the whole portal. Falls back
/// to UTC on a system without time-zone data, so a missing package never stops a page.
/// </summary>
public static class SwedishTime
{
    public static TimeZoneInfo Zone { get; } = Find();

    /// <summary>A UTC time (any <see cref="DateTimeKind"/> is read as UTC) as Swedish local time.</summary>
    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The same instant, with Sweden's offset.</summary>
    public static DateTimeOffset Of(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);

    /// <summary>When a Swedish calendar day begins, in UTC (deadlines, date filters).</summary>
    public static DateTime StartOfDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
