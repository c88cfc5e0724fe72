using Kvalitetsportal.PublicDuties.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.PublicDuties.AccessibilityStatement;

/// <summary>
/// The accessibility statement the DOS law requires, open to everyone (signed in or not), with the form
/// to report a barrier; reports reach the administrators on the statement's admin page.
/// </summary>
[AllowAnonymous]
[Route("tillganglighet")]
public sealed class AccessibilityStatementController(
    AccessibilityStatementStore store,
    IStringLocalizer<AccessibilityStatementController> localizer,
    ILogger<AccessibilityStatementController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await PageAsync(new BarrierReportForm(), cancellationToken));

    [HttpPost("rapportera")]
    [EnableRateLimiting(PublicDutiesStartup.BarrierReportRateLimit)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Report(BarrierReportForm form, CancellationToken cancellationToken)
    {
        form.Description = form.Description?.Trim();
        form.Page = form.Page?.Trim();
        form.Contact = form.Contact?.Trim();
        if (string.IsNullOrEmpty(form.Description))
        {
            ModelState.AddModelError(nameof(form.Description), localizer["Beskriv vad som inte fungerade."]);
        }
        else if (form.Description.Length > BarrierReport.DescriptionLength)
        {
            ModelState.AddModelError(nameof(form.Description), localizer["Beskrivningen får vara högst {0} tecken (nu {1}).", BarrierReport.DescriptionLength, form.Description.Length]);
        }

        if (form.Page?.Length > BarrierReport.PageLength)
        {
            ModelState.AddModelError(nameof(form.Page), localizer["Sidan får vara högst {0} tecken (nu {1}).", BarrierReport.PageLength, form.Page.Length]);
        }

        if (form.Contact?.Length > BarrierReport.ContactLength)
        {
            ModelState.AddModelError(nameof(form.Contact), localizer["Kontaktuppgiften får vara högst {0} tecken (nu {1}).", BarrierReport.ContactLength, form.Contact.Length]);
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", await PageAsync(form, cancellationToken));
        }

        await store.ReportAsync(form.Description!, form.Page ?? "", form.Contact ?? "", cancellationToken);
        logger.LogInformation("Accessibility barrier reported");
        TempData["Message"] = localizer["Tack! Din rapport har skickats till portalens administratörer."].Value;
        return Redirect("/tillganglighet#rapportera");
    }

    private async Task<StatementPage> PageAsync(BarrierReportForm form, CancellationToken cancellationToken)
    {
        var (text, updated) = await store.ReadAsync(cancellationToken);
        return new StatementPage(StatementBlock.Parse(text), updated, form);
    }
}

public sealed record StatementPage(IReadOnlyList<StatementBlock> Blocks, DateTime? UpdatedUtc, BarrierReportForm Form);

public sealed class BarrierReportForm
{
    public string? Description { get; set; }

    public string? Page { get; set; }

    public string? Contact { get; set; }
}
