using System.Globalization;

namespace Kvalitetsportal.Idesluss.Statistics;

/// <summary>The ideas a statistics page counts: those submitted from <see cref="From"/> through <see cref="To"/> (whole days, UTC).</summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    public static StatisticsPeriod OfYear(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public DateTime FromUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first moment after the period.</summary>
    public DateTime UntilUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The calendar year, when the period is exactly one.</summary>
    public int? Year => From.Year == To.Year && From == new DateOnly(From.Year, 1, 1) && To == new DateOnly(To.Year, 12, 31) ? From.Year : null;

    /// <summary>"2026" or "2026-03-01 – 2026-06-30": in the heading, the file name and the file.</summary>
    public string Text => Year is int year ? year.ToString(CultureInfo.InvariantCulture) : $"{Iso(From)} – {Iso(To)}";

    /// <summary>For cache keys and file names.</summary>
    public string Key => $"{Iso(From)}_{Iso(To)}";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A mistake in the period filter: the input it belongs to and a Swedish text (a localizer key) with its arguments.</summary>
public sealed record PeriodError(string Input, string Message, params object[] Arguments);

/// <summary>
/// The period filter as typed: a year (<c>ar</c>), or from–to dates (<c>fran</c>, <c>till</c>, which win
/// over the year). Kept as text so that a mistyped value is shown back beside its error.
/// </summary>
public sealed record StatisticsPeriodInput(string? Ar, string? Fran, string? Till)
{
    public const string YearInput = "ar";
    public const string FromInput = "fran";
    public const string ToInput = "till";
    public const int FirstYear = 2000;

    public bool HasDates => !string.IsNullOrWhiteSpace(Fran) || !string.IsNullOrWhiteSpace(Till);

    /// <summary>
    /// The period asked for, or null with the errors per input.
    /// Nothing typed: this year. Only a from-date: through today; only a to-date: from 1 January of its year.
    /// </summary>
    public StatisticsPeriod? Resolve(DateOnly today, ICollection<PeriodError> errors)
    {
        var lastYear = today.Year + 1;
        if (!HasDates)
        {
            if (string.IsNullOrWhiteSpace(Ar))
            {
                return StatisticsPeriod.OfYear(today.Year);
            }

            if (int.TryParse(Ar.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= FirstYear && year <= lastYear)
            {
                return StatisticsPeriod.OfYear(year);
            }

            errors.Add(new(YearInput, "Ange ett år mellan {0} och {1}, till exempel {2}.", FirstYear, lastYear, today.Year));
            return null;
        }

        var from = ParseDate(Fran, FromInput, "Skriv från-datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.", errors);
        var to = ParseDate(Till, ToInput, "Skriv till-datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var start = from ?? new DateOnly((to ?? today).Year, 1, 1);
        var end = to ?? today;
        if (start > end)
        {
            errors.Add(new(ToInput, "Till-datumet kan inte vara före från-datumet."));
            return null;
        }

        if (start.Year < FirstYear || end.Year > lastYear)
        {
            errors.Add(new(start.Year < FirstYear ? FromInput : ToInput, "Välj datum mellan {0}-01-01 och {1}-12-31.", FirstYear, lastYear));
            return null;
        }

        return new StatisticsPeriod(start, end);
    }

    private static DateOnly? ParseDate(string? text, string input, string error, ICollection<PeriodError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new(input, error));
        return null;
    }
}
