using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Admin.FeatureAdmin;

[Admin]
[RequirePermission("ManageFeatures")]
[Route("admin/funktioner")]
public sealed class FeaturesController(IModuleCatalog catalog, IFeatureManager features) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var enabled = await features.GetEnabledFeatureIdsAsync(cancellationToken);
        var rows = catalog.Modules
            .Where(m => !m.IsTheme)
            .OrderBy(m => m.Category, StringComparer.CurrentCulture).ThenBy(m => m.Name, StringComparer.CurrentCulture)
            .Select(m => new ModuleRow(m, m.Features.Select(f => new FeatureRow(
                f,
                enabled.Contains(f.Id),
                f.Dependencies.Select(d => catalog.FindFeature(d)!.Name).ToList(),
                catalog.Features.Where(o => o.Dependencies.Contains(f.Id, StringComparer.OrdinalIgnoreCase)).Select(o => o.Name).ToList())).ToList()))
            .ToList();
        return View(rows);
    }

    [HttpPost("{featureId}/aktivera")]
    public async Task<IActionResult> Enable(string featureId, CancellationToken cancellationToken) =>
        Report(await features.EnableAsync(featureId, cancellationToken));

    [HttpPost("{featureId}/stang-av")]
    public async Task<IActionResult> Disable(string featureId, CancellationToken cancellationToken) =>
        Report(await features.DisableAsync(featureId, cancellationToken));

    private RedirectToActionResult Report(FeatureChangeResult result)
    {
        TempData[result.Succeeded ? "Message" : "Error"] = result.Message;
        return RedirectToAction(nameof(Index));
    }
}

public sealed record ModuleRow(ModuleDescriptor Module, IReadOnlyList<FeatureRow> Features);

public sealed record FeatureRow(FeatureDescriptor Feature, bool Enabled, IReadOnlyList<string> DependsOn, IReadOnlyList<string> NeededBy);
