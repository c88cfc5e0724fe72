using System.Globalization;
using Kvalitetsportal.Localization;

namespace Kvalitetsportal.Recurring.Schedules;

/// <summary>One calendar period in Swedish time: a month, quarter, half-year or year.</summary>
public readonly record struct Period(PeriodLength Length, DateOnly Start)
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public DateOnly End => Start.AddMonths(Months(Length));

    public DateTime StartUtc => SwedishTime.StartOfDayUtc(Start);

    /// <summary>"2026-03", "2026-K1", "2026-H2" or "2026": the run table's key.</summary>
    public string Key => Length switch
    {
        PeriodLength.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodLength.Quarter => $"{Year}-K{Index}",
        PeriodLength.HalfYear => $"{Year}-H{Index}",
        _ => Year,
    };

    /// <summary>"mars 2026", "kvartal 1 2026", "halvår 2 2026" or "2026": what titles say.</summary>
    public string Label => Length switch
    {
        PeriodLength.Month => Start.ToString("MMMM yyyy", Swedish),
        PeriodLength.Quarter => $"kvartal {Index} {Year}",
        PeriodLength.HalfYear => $"halvår {Index} {Year}",
        _ => Year,
    };

    public Period Next => this with { Start = End };

    public Period Previous => this with { Start = Start.AddMonths(-Months(Length)) };

    private string Year => Start.Year.ToString(CultureInfo.InvariantCulture);

    private int Index => ((Start.Month - 1) / Months(Length)) + 1;

    /// <summary>When the items are created: the start of the <paramref name="dayOfPeriod"/>th day (Swedish time), in UTC.</summary>
    public DateTime DueUtc(int dayOfPeriod) => SwedishTime.StartOfDayUtc(Start.AddDays(Math.Clamp(dayOfPeriod, 1, MaxDay(Length)) - 1));

    public static Period Containing(PeriodLength length, DateTime utc)
    {
        var local = DateOnly.FromDateTime(SwedishTime.FromUtc(utc));
        var months = Months(length);
        return new Period(length, new DateOnly(local.Year, ((local.Month - 1) / months * months) + 1, 1));
    }

    /// <summary>The period with <paramref name="key"/> (as <see cref="Key"/> writes it), if it is one.</summary>
    public static Period? Parse(PeriodLength length, string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length < 4 || !int.TryParse(key[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > 2200)
        {
            return null;
        }

        var rest = key[4..];
        int? month = (length, rest.Length > 1 ? rest[..2] : rest) switch
        {
            (PeriodLength.Year, "") => 1,
            (PeriodLength.Month, _) when rest.Length == 3 && rest[0] == '-' && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 => m,
            (PeriodLength.Quarter, "-K") when rest.Length == 3 && rest[2] is >= '1' and <= '4' => ((rest[2] - '1') * 3) + 1,
            (PeriodLength.HalfYear, "-H") when rest.Length == 3 && rest[2] is '1' or '2' => ((rest[2] - '1') * 6) + 1,
            _ => null,
        };
        return month is int first ? new Period(length, new DateOnly(year, first, 1)) : null;
    }

    public static int Months(PeriodLength length) => length switch
    {
        PeriodLength.Month => 1,
        PeriodLength.Quarter => 3,
        PeriodLength.HalfYear => 6,
        _ => 12,
    };

    /// <summary>The last day that every period of the length has.</summary>
    public static int MaxDay(PeriodLength length) => length switch
    {
        PeriodLength.Month => 28,
        PeriodLength.Quarter => 90,
        PeriodLength.HalfYear => 181,
        _ => 365,
    };
}

/// <summary>Which periods of a schedule are due, and when the next one is.</summary>
public static class ScheduleTimes
{
    /// <summary>At most this many missed periods are created in one catch-up (ten years of months).</summary>
    public const int MaxCatchUp = 120;

    /// <summary>The latest period whose creation day has come, at <paramref name="nowUtc"/>.</summary>
    public static Period LatestDue(RecurringSchedule schedule, DateTime nowUtc)
    {
        var period = Period.Containing(schedule.Period, nowUtc);
        return period.DueUtc(schedule.DayOfPeriod) <= nowUtc ? period : period.Previous;
    }

    /// <summary>The periods to create now, oldest first: those due since the schedule started and not done yet.</summary>
    public static IReadOnlyList<Period> Due(RecurringSchedule schedule, DateTime nowUtc)
    {
        var due = new List<Period>();
        for (var period = LatestDue(schedule, nowUtc); IsOpen(schedule, period) && due.Count < MaxCatchUp; period = period.Previous)
        {
            due.Add(period);
            if (schedule.CatchUp == CatchUp.LatestOnly)
            {
                break;
            }
        }

        due.Reverse();
        return due;
    }

    /// <summary>When the schedule creates items next (now or in the past: it is overdue and runs at once).</summary>
    public static DateTime NextUtc(RecurringSchedule schedule, DateTime nowUtc)
    {
        var latest = LatestDue(schedule, nowUtc);
        var next = IsOpen(schedule, latest) ? latest : latest.Next;
        while (next.DueUtc(schedule.DayOfPeriod) < schedule.StartsUtc)
        {
            next = next.Next;
        }

        return next.DueUtc(schedule.DayOfPeriod);
    }

    private static bool IsOpen(RecurringSchedule schedule, Period period) =>
        period.DueUtc(schedule.DayOfPeriod) >= schedule.StartsUtc && (schedule.DoneThroughUtc is not { } done || period.StartUtc > done);
}
