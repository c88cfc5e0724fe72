using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.InternKontroll.Plans;

public sealed class PlansViewModel
{
    public IReadOnlyList<PlanSummary> Plans { get; init; } = [];

    public bool CanCreate { get; init; }
}

public sealed class PlanViewModel
{
    public required PlanView View { get; init; }

    public IReadOnlyDictionary<string, string> People { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The internkontrollansvarig's way in: the plans the reader may see, and one plan put together
/// (process register, control points with the quarter's checks and their traffic light, actions).
/// A plan of another nämnd is "not found": the same access clauses as every other path.
/// </summary>
[Authorize]
[RequirePermission(InternKontrollPermissions.UseName)]
public sealed class PlansController(InternalControl control, VisibleContentItems visible, IPersonDirectory people, ContentAuthorizer authorizer) : Controller
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

        return View(new PlanViewModel { View = view, People = names });
    }

    [HttpGet("internkontroll/oversikt")]
    [RequirePermission(InternKontrollPermissions.OverseeName)]
    public async Task<IActionResult> Overview(CancellationToken cancellationToken) =>
        View(new PlansViewModel { Plans = await control.OverviewAsync(User, cancellationToken) });
}
