using System.Globalization;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Kvalitetsportal.Idesluss.Statistics;

/// <summary>Statistics for management, per year, as tables with bars and as an .xlsx file.</summary>
[Authorize(Policy = Kvalitetsportal.Permissions.Permission.PolicyPrefix + IdeslussPermissions.StatisticsName)]
public sealed class StatisticsController(IdeaStatistics statistics, TimeProvider clock, IStringLocalizer<StatisticsController> localizer) : Controller
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("ideer/statistik")]
    public async Task<IActionResult> Index(int? ar, CancellationToken cancellationToken) =>
        View(await statistics.ComputeAsync(User, Year(ar), cancellationToken));

    [HttpPost("ideer/statistik/excel")]
    public async Task<IActionResult> Export([FromForm] int? ar, CancellationToken cancellationToken)
    {
        var figures = await statistics.ComputeAsync(User, Year(ar), cancellationToken);
        var sheets = new Dictionary<string, object>
        {
            [localizer["Sammanfattning"]] = new[] { new Dictionary<string, object?> { [localizer["År"]] = figures.Year, [localizer["Idéer"]] = figures.Total, [localizer["Genomförda"]] = figures.Implemented, [localizer["Andel genomförda (%)"]] = Math.Round(figures.ShareImplemented * 100, 1) } },
            [localizer["Per förvaltning"]] = figures.PerForvaltning.Select(r => new Dictionary<string, object?> { [localizer["Förvaltning"]] = r.Label, [localizer["Idéer"]] = r.Count }).ToList(),
            [localizer["Per område"]] = figures.PerArea.Select(r => new Dictionary<string, object?> { [localizer["Område"]] = r.Label, [localizer["Idéer"]] = r.Count }).ToList(),
            [localizer["Per steg"]] = figures.PerState.Select(r => new Dictionary<string, object?> { [localizer["Steg"]] = r.Label, [localizer["Idéer"]] = r.Count }).ToList(),
            [localizer["Ledtid"]] = figures.LeadTimes.Select(r => new Dictionary<string, object?> { [localizer["Steg"]] = r.State, [localizer["Median dagar"]] = r.MedianDays is double d ? Math.Round(d, 1) : null, [localizer["Antal"]] = r.Passages }).ToList(),
        };
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: cancellationToken);
        stream.Position = 0;
        return File(stream, XlsxContentType, $"idestatistik-{figures.Year.ToString(CultureInfo.InvariantCulture)}.xlsx");
    }

    private int Year(int? requested)
    {
        var now = clock.GetUtcNow().Year;
        return requested is int y && y >= 2000 && y <= now + 1 ? y : now;
    }
}
