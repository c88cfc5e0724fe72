using System.Globalization;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Riskanalys.Matrix;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Riskanalys.RiskMatrixAdmin;

/// <summary>The form: up to seven rows per list; blank rows are left out, what was typed is shown again on an error.</summary>
public sealed record RiskMatrixForm(IReadOnlyList<RiskLevel> Probability, IReadOnlyList<RiskLevel> Consequence, IReadOnlyList<(string Name, string Colour, string From, string To)> Bands);

/// <summary>The administrator's risk matrix: scales, level definitions and colour bands, as data.</summary>
[Admin]
[RequirePermission(RiskanalysPermissions.ManageMatrixName)]
public sealed class RiskMatrixAdminController(RiskMatrixStore store) : Controller
{
    [HttpGet(RiskUrls.MatrixAdmin)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var matrix = await store.GetAsync(cancellationToken);
        return View(new RiskMatrixForm(matrix.Probability, matrix.Consequence,
            [.. matrix.Bands.Select(b => (b.Name, b.Colour, b.From.ToString(CultureInfo.InvariantCulture), b.To.ToString(CultureInfo.InvariantCulture)))]));
    }

    [HttpPost(RiskUrls.MatrixAdmin)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Save(IFormCollection form, CancellationToken cancellationToken)
    {
        List<RiskLevel> Levels(string prefix) =>
        [
            .. Enumerable.Range(0, RiskMatrix.MaxLevels)
                .Select(i => new RiskLevel(form[$"{prefix}[{i}].Name"].ToString().Trim(), form[$"{prefix}[{i}].Definition"].ToString().Trim()))
                .Where(l => l.Name.Length > 0 || l.Definition.Length > 0),
        ];

        var typedBands = Enumerable.Range(0, RiskMatrix.MaxLevels)
            .Select(i => (Name: form[$"B[{i}].Name"].ToString().Trim(), Colour: form[$"B[{i}].Colour"].ToString(), From: form[$"B[{i}].From"].ToString().Trim(), To: form[$"B[{i}].To"].ToString().Trim()))
            .Where(b => b.Name.Length > 0 || b.From.Length > 0 || b.To.Length > 0)
            .ToList();
        var typed = new RiskMatrixForm(Levels("P"), Levels("C"), typedBands);

        var problems = new List<string>();
        var bands = new List<RiskBand>();
        foreach (var band in typedBands)
        {
            if (!int.TryParse(band.From, NumberStyles.None, CultureInfo.InvariantCulture, out var from) || !int.TryParse(band.To, NumberStyles.None, CultureInfo.InvariantCulture, out var to))
            {
                problems.Add($"Färgbandet \"{band.Name}\": \"från\" och \"till\" ska vara heltal. Du angav \"{band.From}\" och \"{band.To}\".");
                continue;
            }

            bands.Add(new RiskBand(band.Name, band.Colour, from, to));
        }

        if (problems.Count == 0)
        {
            problems.AddRange(await store.SaveAsync(new RiskMatrix { Probability = [.. typed.Probability], Consequence = [.. typed.Consequence], Bands = bands }, ContentAuthorizer.UserId(User), cancellationToken));
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError("", problem);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), typed);
        }

        TempData["Message"] = "Riskmatrisen är sparad. Värderingar som redan gjorts står kvar med sina siffror.";
        return Redirect(RiskUrls.MatrixAdmin);
    }
}
