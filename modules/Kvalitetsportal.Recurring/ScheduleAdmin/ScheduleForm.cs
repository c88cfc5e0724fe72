using System.ComponentModel.DataAnnotations;
using Kvalitetsportal.Recurring.Schedules;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kvalitetsportal.Recurring.ScheduleAdmin;

/// <summary>The add and edit form of a schedule: plain choices, no cron.</summary>
public sealed class ScheduleForm
{
    [Display(Name = "Namn")]
    public string? Name { get; set; }

    [Display(Name = "Typ av ärende som skapas")]
    public string? ContentType { get; set; }

    [Display(Name = "Hur ofta")]
    public PeriodLength Period { get; set; } = PeriodLength.Quarter;

    [Display(Name = "Dag i perioden")]
    public int DayOfPeriod { get; set; } = 1;

    [Display(Name = "Rubrik")]
    public string? TitleTemplate { get; set; } = "{{ period }}";

    [Display(Name = "Startvärden")]
    public string? InitialValues { get; set; }

    [Display(Name = "Ett ärende per ärende av typen")]
    public string? SourceType { get; set; }

    [Display(Name = "Bara ärenden i steget")]
    public string? SourceState { get; set; }

    [Display(Name = "Kopplingsfält")]
    public string? LinkField { get; set; }

    [Display(Name = "Ägare (e-postadress)")]
    public string? OwnerEmail { get; set; }

    [Display(Name = "Efter ett avbrott")]
    public CatchUp CatchUp { get; set; }

    [Display(Name = "Pausat")]
    public bool Paused { get; set; }

    [BindNever]
    [ValidateNever]
    public RecurringSchedule? Schedule { get; set; }

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<SelectListItem> Types { get; set; } = [];

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<RecurringRun> Runs { get; set; } = [];

    /// <summary>Lines "fält = värde" as field name → template; a line without "=" is kept as a problem.</summary>
    public (Dictionary<string, string> Values, IReadOnlyList<string> BadLines) ParseInitialValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var bad = new List<string>();
        foreach (var line in (InitialValues ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                bad.Add(line);
                continue;
            }

            values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return (values, bad);
    }

    public static string FormatInitialValues(IReadOnlyDictionary<string, string> values) =>
        string.Join("\n", values.Select(v => $"{v.Key} = {v.Value}"));
}
