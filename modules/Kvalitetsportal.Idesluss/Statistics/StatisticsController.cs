using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Kvalitetsportal.Idesluss.Statistics;

/// <summary>What the statistics page shows: the filter as typed, and the figures when the filter was valid.</summary>
public sealed record StatisticsPage(StatisticsPeriodInput Input, IdeaFigures? Figures);

/// <summary>Statistics for management, for a year or from–to dates, as tables with charts and as an .xlsx file.</summary>
[Authorize(Policy = Kvalitetsportal.Permissions.Permission.PolicyPrefix + IdeslussPermissions.StatisticsName)]
public sealed class StatisticsController(IdeaStatistics statistics, TimeProvider clock, IStringLocalizer<StatisticsController> localizer) : Controller
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("ideer/statistik")]
    public async Task<IActionResult> Index([FromQuery] string? ar, [FromQuery] string? fran, [FromQuery] string? till, CancellationToken cancellationToken)
    {
        var input = new StatisticsPeriodInput(ar, fran, till);
        var period = Resolve(input);
        return View(new StatisticsPage(input, period is null ? null : await statistics.ComputeAsync(User, period, cancellationToken)));
    }

    /// <summary>The same figures as the page, one sheet per table, the period on the summary sheet and in the file name.</summary>
    [HttpPost("ideer/statistik/excel")]
    public async Task<IActionResult> Export([FromForm] string? ar, [FromForm] string? fran, [FromForm] string? till, CancellationToken cancellationToken)
    {
        var input = new StatisticsPeriodInput(ar, fran, till);
        if (Resolve(input) is not StatisticsPeriod period)
        {
            return View(nameof(Index), new StatisticsPage(input, null));
        }

        var figures = await statistics.ComputeAsync(User, period, cancellationToken);
        var sheets = new Dictionary<string, object>
        {
            [localizer["Sammanfattning"]] = new[]
            {
                new Dictionary<string, object?>
                {
                    [localizer["Period"]] = period.Text,
                    [localizer["Från"]] = StatisticsPeriod.Iso(period.From),
                    [localizer["Till"]] = StatisticsPeriod.Iso(period.To),
                    [localizer["Idéer"]] = figures.Total,
                    [localizer["Genomförda"]] = figures.Implemented,
                    [localizer["Andel genomförda (%)"]] = Math.Round(figures.ShareImplemented * 100, 1),
                },
            },
            [localizer["Per förvaltning"]] = Rows(figures.PerForvaltning, localizer["Förvaltning"]),
            [localizer["Per område"]] = Rows(figures.PerArea, localizer["Område"]),
            [localizer["Per steg"]] = Rows(figures.PerState, localizer["Steg"]),
            [localizer["Ledtid"]] = figures.LeadTimes.Select(r => new Dictionary<string, object?> { [localizer["Steg"]] = r.State, [localizer["Median dagar"]] = r.MedianDays is double d ? Math.Round(d, 1) : null, [localizer["Antal passager"]] = r.Passages }).ToList(),
        };
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: cancellationToken);
        stream.Position = 0;
        return File(stream, XlsxContentType, $"idestatistik-{period.Key}.xlsx");
    }

    private List<Dictionary<string, object?>> Rows(IReadOnlyList<CountRow> rows, string column) =>
        [.. rows.Select(r => new Dictionary<string, object?> { [column] = r.Label, [localizer["Idéer"]] = r.Count })];

    /// <summary>The period asked for; null with each mistake in <see cref="ControllerBase.ModelState"/> beside its input.</summary>
    private StatisticsPeriod? Resolve(StatisticsPeriodInput input)
    {
        var errors = new List<PeriodError>();
        var period = input.Resolve(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), errors);
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Input, localizer[error.Message, error.Arguments]);
        }

        return period;
    }
}
