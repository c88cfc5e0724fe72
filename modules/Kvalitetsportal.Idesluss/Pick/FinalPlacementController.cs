using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Idesluss.Pick;

/// <summary>The coordinator sets an idea's final PICK placement (a form on the idea page); only those who run the sluice may.</summary>
[Authorize(Policy = Kvalitetsportal.Permissions.Permission.PolicyPrefix + IdeslussPermissions.ManageName)]
public sealed class FinalPlacementController(FinalPlacements placements, IContentManager contents, IStringLocalizer<FinalPlacementController> localizer) : Controller
{
    public const string Anchor = "#slutplacering";

    [HttpPost("ideer/{id:length(32)}/slutplacering")]
    public async Task<IActionResult> Set(string id, [FromForm] string? quadrant, [FromForm] string? motivation, CancellationToken cancellationToken)
    {
        var idea = ContentItemIds.IsWellFormed(id) ? await contents.GetLatestAsync(id, cancellationToken) : null;
        if (idea is not { ContentType: IdeaTypes.Idea, Published: true })
        {
            return NotFound();
        }

        var text = (motivation ?? "").Trim();
        var chosen = Enum.TryParse<PickQuadrant>(quadrant, out var q) && Enum.IsDefined(q) ? q : (PickQuadrant?)null;
        if (chosen is null || text.Length > IdeaRecord.MotivationLength)
        {
            // The motivation goes back into the box, so nothing typed is lost.
            TempData["Error"] = chosen is null
                ? localizer["Välj en ruta i PICK för slutplaceringen."].Value
                : localizer["Motiveringen får vara högst {0} tecken (nu {1}). Korta den och spara igen.", IdeaRecord.MotivationLength, text.Length].Value;
            TempData["PlacementDraft"] = text.Length > 0 ? text[..Math.Min(text.Length, 20_000)] : null;
            TempData["PlacementChoice"] = chosen?.ToString();
            return Redirect(IdeaUrls.Detail(id) + Anchor);
        }

        await placements.SetAsync(idea, chosen.Value, text, ContentAuthorizer.UserId(User)!, cancellationToken);
        TempData["Message"] = localizer["Idén är slutplacerad i {0}. PICK-diagrammet och tavlan visar den där.", IdeaTypes.PickName(chosen.Value)].Value;
        return Redirect(IdeaUrls.Detail(id) + Anchor);
    }
}
