using System.Globalization;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Kvalitetsportal.Idesluss.Statistics;

/// <summary>Statistics for management, per year, as tables with bars and as an .xlsx file.</summary>
[Authorize(Policy = Kvalitetsportal.Permissions.Permission.PolicyPrefix + IdeslussPermissions.StatisticsName)]
public sealed class StatisticsController(IdeaStatistics statistics, TimeProvider clock) : Controller
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
            ["Sammanfattning"] = new[] { new Dictionary<string, object?> { ["År"] = figures.Year, ["Idéer"] = figures.Total, ["Genomförda"] = figures.Implemented, ["Andel genomförda (%)"] = Math.Round(figures.ShareImplemented * 100, 1) } },
            ["Per förvaltning"] = figures.PerForvaltning.Select(r => new Dictionary<string, object?> { ["Förvaltning"] = r.Label, ["Idéer"] = r.Count }).ToList(),
            ["Per område"] = figures.PerArea.Select(r => new Dictionary<string, object?> { ["Område"] = r.Label, ["Idéer"] = r.Count }).ToList(),
            ["Per steg"] = figures.PerState.Select(r => new Dictionary<string, object?> { ["Steg"] = r.Label, ["Idéer"] = r.Count }).ToList(),
            ["Ledtid"] = figures.LeadTimes.Select(r => new Dictionary<string, object?> { ["Steg"] = r.State, ["Median dagar"] = r.MedianDays is double d ? Math.Round(d, 1) : null, ["Antal"] = r.Passages }).ToList(),
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
