using System.Security.Claims;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation.Units;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Organisation.UnitImport;

/// <summary>Upload a CSV file; every row is checked first, the valid ones are applied in one transaction, and a report is shown.</summary>
[Admin]
[RequirePermission(OrganisationImportPermissions.ImportOrganisationName)]
[BelongsToFeature("Organisation.Import")]
[Route("admin/organisation/import")]
public sealed class UnitImportController(UnitImporter importer, IStringLocalizer<UnitImportController> localizer, ILogger<UnitImportController> logger) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(new UnitImportModel());

    [HttpPost("")]
    public async Task<IActionResult> Index(UnitImportModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        if (model.File is null)
        {
            ModelState.AddModelError(nameof(model.File), localizer["Välj en CSV-fil att importera."]);
            return View(model);
        }

        if (model.File.Length > CsvUnitFileReader.MaxBytes)
        {
            ModelState.AddModelError(nameof(model.File), CsvUnitFileReader.TooLargeMessage);
            return View(model);
        }

        CsvUnitFile file;
        await using (var stream = model.File.OpenReadStream())
        {
            file = await CsvUnitFileReader.ReadAsync(stream, cancellationToken);
        }

        if (!file.IsValid)
        {
            logger.LogInformation("Organisation import by user {UserId} refused: unreadable file", UserId);
            ModelState.AddModelError(nameof(model.File), file.Error!);
            return View(model);
        }

        try
        {
            model.Result = await importer.ImportAsync(file.Rows, model.ValidateOnly, cancellationToken);
            model.ReadFile = file;
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Organisation import by user {UserId} failed while saving", UserId);
            ModelState.AddModelError(string.Empty, localizer["Importen kunde inte sparas eftersom någon annan ändrade organisationen samtidigt. Ingenting sparades. Försök igen."]);
            return View(model);
        }

        logger.LogInformation(
            "Organisation import by user {UserId}: {Accepted} rows accepted, {Rejected} rejected, saved: {Saved}",
            UserId, model.Result.Plan.Accepted.Count, model.Result.Plan.Rejected.Count, model.Result.Saved);
        return View(model);
    }

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
