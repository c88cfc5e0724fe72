using System.Security.Claims;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.PublicDuties.AccessibilityStatement;
using Kvalitetsportal.PublicDuties.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.PublicDuties.AccessibilityStatementAdmin;

/// <summary>The administrator edits the statement's text and reads the barriers visitors reported.</summary>
[Admin]
[RequirePermission(PublicDutiesPermissions.EditAccessibilityStatementName)]
[Route("admin/tillganglighet")]
public sealed class AccessibilityStatementAdminController(
    AccessibilityStatementStore store,
    IStringLocalizer<AccessibilityStatementAdminController> localizer) : Controller
{
    private const int ReportsShown = 100;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var (text, _) = await store.ReadAsync(cancellationToken);
        return View(new StatementEditPage(text, await store.LatestReportsAsync(ReportsShown, cancellationToken)));
    }

    [HttpPost("")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Save(string? text, CancellationToken cancellationToken)
    {
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            ModelState.AddModelError("Text", localizer["Skriv redogörelsens text. Lagen kräver att den finns."]);
        }
        else if (text.Length > AccessibilityStatementRecord.TextLength)
        {
            ModelState.AddModelError("Text", localizer["Texten får vara högst {0} tecken (nu {1}).", AccessibilityStatementRecord.TextLength, text.Length]);
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", new StatementEditPage(text, await store.LatestReportsAsync(ReportsShown, cancellationToken)));
        }

        await store.SaveAsync(text, User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", cancellationToken);
        TempData["Message"] = localizer["Tillgänglighetsredogörelsen är sparad."].Value;
        return Redirect("/admin/tillganglighet");
    }
}

public sealed record StatementEditPage(string Text, IReadOnlyList<BarrierReport> Reports);
