using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.InternKontroll.Plans;

public sealed class PlansViewModel
{
    public IReadOnlyList<PlanSummary> Plans { get; init; } = [];

    public bool CanCreate { get; init; }
}

public sealed class PlanViewModel
{
    public required PlanView View { get; init; }

    /// <summary>Control points marked confidential: id → legal ground.</summary>
    public IReadOnlyDictionary<string, string> Secret { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the reader may change the plan's control points (and so mark them confidential).</summary>
    public bool CanMark { get; init; }

    public IReadOnlyDictionary<string, string> People { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The internkontrollansvarig's way in: the plans the reader may see, and one plan put together
/// (process register, control points with the quarter's checks and their traffic light, actions).
/// A plan of another nämnd is "not found": the same access clauses as every other path.
/// </summary>
[Authorize]
[RequirePermission(InternKontrollPermissions.UseName)]
public sealed class PlansController(InternalControl control, VisibleContentItems visible, IPersonDirectory people, ContentAuthorizer authorizer, IContentMembers members, ILogger<PlansController> logger) : Controller
{
    [HttpGet("internkontroll")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var type = await control.TypeAsync(ControlTypes.Plan, cancellationToken);
        return View(new PlansViewModel
        {
            Plans = await control.OverviewAsync(User, cancellationToken),
            CanCreate = await authorizer.CanCreateAsync(User, type, cancellationToken),
        });
    }

    [HttpGet("internkontroll/plan/{id:length(32)}")]
    public async Task<IActionResult> Plan(string id, CancellationToken cancellationToken)
    {
        var type = await control.TypeAsync(ControlTypes.Plan, cancellationToken);
        if (await visible.FindAsync(User, type, id, cancellationToken) is not { } plan)
        {
            return NotFound();
        }

        var view = await control.PlanAsync(User, plan, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var personId in view.Points.Select(p => p.ResponsibleId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await people.FindByIdAsync(personId, cancellationToken) is { } person)
            {
                names[personId] = person.Name;
            }
        }

        var secret = new Dictionary<string, string>(StringComparer.Ordinal);
        var canMark = false;
        var pointType = await control.TypeAsync(ControlTypes.Point, cancellationToken);
        foreach (var point in view.Points)
        {
            if (await members.GetSecrecyAsync(point.Point.ContentItemId, cancellationToken) is { } marking)
            {
                secret[point.Point.ContentItemId] = marking.LegalGround;
            }

            canMark |= await authorizer.CanAsync(User, pointType, point.Point, ContentAction.EditOwn, cancellationToken);
        }

        return View(new PlanViewModel { View = view, People = names, Secret = secret, CanMark = canMark });
    }

    /// <summary>
    /// Marks a (security-related) control point confidential on a legal ground, or lifts the marking
    /// with an empty ground: the access block then keeps it from everyone but its members and the
    /// roles the type names (ADR 22). Only someone who may change the point may do it.
    /// </summary>
    [HttpPost("internkontroll/kontrollmoment/{id:length(32)}/sekretess")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Secrecy(string id, [FromForm(Name = "grund")] string? ground, CancellationToken cancellationToken)
    {
        var type = await control.TypeAsync(ControlTypes.Point, cancellationToken);
        if (await visible.FindAsync(User, type, id, cancellationToken) is not { } point)
        {
            return NotFound();
        }

        if (!await authorizer.CanAsync(User, type, point, ContentAction.EditOwn, cancellationToken))
        {
            return Forbid();
        }

        ground = ground?.Trim();
        if (ground is { Length: > 200 })
        {
            TempData["Message"] = "Sekretessgrunden får vara högst 200 tecken.";
        }
        else
        {
            await members.SetSecrecyAsync(type, id, string.IsNullOrEmpty(ground) ? null : ground, ContentAuthorizer.UserId(User)!, cancellationToken);
            logger.LogInformation("Control point {ContentItemId} secrecy {Marked} by {UserId}", id, string.IsNullOrEmpty(ground) ? "lifted" : "set", ContentAuthorizer.UserId(User));
            TempData["Message"] = string.IsNullOrEmpty(ground)
                ? $"Sekretessmarkeringen av \"{point.DisplayText}\" är borttagen."
                : $"\"{point.DisplayText}\" är sekretessmarkerat ({ground}). Bara den internkontrollansvarige och Kommunstyrelsens controller når det.";
        }

        return Redirect(ControlTypes.Text(point.GetData()[ControlTypes.PlanField]) is { } plan ? InternKontrollUrls.Plan(plan) : InternKontrollUrls.Start);
    }

    [HttpGet("internkontroll/oversikt")]
    [RequirePermission(InternKontrollPermissions.OverseeName)]
    public async Task<IActionResult> Overview(CancellationToken cancellationToken) =>
        View(new PlansViewModel { Plans = await control.OverviewAsync(User, cancellationToken) });
}
