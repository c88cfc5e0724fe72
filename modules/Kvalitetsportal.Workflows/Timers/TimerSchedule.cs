using System.Globalization;
using System.Text.Json.Nodes;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.Timers;

/// <summary>When a timer activity is due: shared by the engine (a timer starts) and the migrator (a timer moves to a new version).</summary>
public static class TimerSchedule
{
    /// <summary>
    /// <paramref name="startedUtc"/> plus the timer's duration, or the start of the day in its date
    /// field (Swedish time); null when the date field is empty or not a date.
    /// </summary>
    public static DateTime? DueUtc(StartTimerActivity timer, DateTime startedUtc, JsonObject data)
    {
        if (timer.After is { } after)
        {
            return startedUtc + after;
        }

        if (timer.AtDateField is { Length: > 0 } field
            && data[field]?.ToString() is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return SwedishTime.StartOfDayUtc(date);
        }

        return null;
    }
}
