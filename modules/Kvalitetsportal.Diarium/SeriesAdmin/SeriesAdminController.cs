using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Diarium.Numbers;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Diarium.SeriesAdmin;

/// <summary>One row per content type: its number series, or none.</summary>
public sealed record SeriesRow(ContentTypeDefinition Type, DiariumSeries? Series);

public sealed record SeriesAdminModel(IReadOnlyList<SeriesRow> Rows, IReadOnlyList<string> Errors);

/// <summary>The administrator's number series per content type, without code.</summary>
[Admin]
[RequirePermission(DiariumPermissions.ManageName)]
public sealed class SeriesAdminController(DiariumSeriesStore store, IContentDefinitionStore types, IStringLocalizer<SeriesAdminController> localizer) : Controller
{
    public const string Path = "/admin/diarienummer";

    /// <summary>The form's value for "no series".</summary>
    public const string None = "none";

    [HttpGet(Path)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ModelAsync([], cancellationToken));

    [HttpPost(Path)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Save(string contentType, string assignOn, string? prefix, bool includeYear, int digits, string? stateName, CancellationToken cancellationToken)
    {
        if (assignOn == None)
        {
            await store.RemoveAsync(contentType, cancellationToken);
            TempData["Message"] = localizer["Innehållstypen får inte längre diarienummer. Nummer som redan getts finns kvar."].Value;
            return Redirect(Path);
        }

        var series = new DiariumSeries
        {
            ContentType = contentType,
            Prefix = prefix ?? "",
            IncludeYear = includeYear,
            Digits = digits,
            AssignOn = assignOn == "state" ? AssignMoment.EntersState : AssignMoment.Created,
            StateName = stateName,
        };
        var errors = await store.SaveAsync(series, cancellationToken);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", await ModelAsync(errors, cancellationToken));
        }

        TempData["Message"] = localizer["Nummerserien är sparad. Den gäller för ärenden som får nummer från och med nu."].Value;
        return Redirect(Path);
    }

    private async Task<SeriesAdminModel> ModelAsync(IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        var series = (await store.AllAsync(cancellationToken)).ToDictionary(s => s.ContentType, StringComparer.Ordinal);
        var rows = (await types.GetAllAsync(cancellationToken)).Values
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .Select(t => new SeriesRow(t, series.GetValueOrDefault(t.Name)))
            .ToList();
        return new SeriesAdminModel(rows, errors);
    }
}
