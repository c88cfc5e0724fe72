using System.Globalization;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Idesluss.StartPage;

/// <summary>What the Idésluss puts on the start page: its way in, the unit's pulse figures and the newest good examples.</summary>
public sealed record IdeaPulseModel(
    bool MaySubmit,
    string? UnitName,
    int InProgress,
    int ImplementedThisYear,
    int Year,
    IReadOnlyList<IdeaCard> GoodExamples);

/// <summary>
/// The start page's Idésluss block: "Dela en idé", the pulse of the user's own unit (ideas in
/// progress, implemented this year, as on Göingemodellen's pulse board) and the idea bank's newest
/// good examples. Every figure counts only ideas the user may see (the same access clause as the
/// board and the statistics), so a figure never tells of an idea its reader could not open.
/// </summary>
public sealed class IdeaPulseViewComponent(
    IdeaQueries queries,
    PortalDbContext db,
    IUnitDirectory unitDirectory,
    IPermissionService permissions,
    IOptions<IdeslussOptions> options,
    TimeProvider clock) : ViewComponent
{
    public const string Name = "IdeaPulse";
    public const int ExamplesShown = 3;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var user = HttpContext.User;
        var maySubmit = await permissions.HasPermissionAsync(user, Contents.Permissions.ContentPermissions.Name(IdeaTypes.Idea, Contents.Permissions.ContentAction.Create), cancellationToken);
        var visible = await queries.VisibleIdeasAsync(user, new BoardFilter(null, null, null, null), cancellationToken);

        var unitId = int.TryParse(user.FindFirst(Users.Setup.PortalClaimsPrincipalFactory.UnitClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var unit) ? unit : (int?)null;
        var (states, _) = await queries.StatesAsync(cancellationToken);
        // "In progress" is neither done (a final state) nor implemented (Genomförd may still be spread on).
        var implementedStates = options.Value.ImplementedStates;
        var finalStates = states.Where(s => s.Final).Select(s => s.Name).Concat(implementedStates).Distinct().ToList();
        var now = clock.GetUtcNow();
        var yearStart = new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        int inProgress = 0, implemented = 0;
        string? unitName = null;
        if (unitId is { } own)
        {
            unitName = (await unitDirectory.LoadAsync(cancellationToken)).NameOf(own);
            var ofUnit = visible.Where(i => i.OrganisationUnitId == own);
            inProgress = await ofUnit.CountAsync(i => i.WorkflowState == null || !finalStates.Contains(i.WorkflowState), cancellationToken);
            var history = db.Set<WorkflowHistoryEntry>().AsNoTracking();
            implemented = await ofUnit.CountAsync(i => history.Any(h => h.ContentItemId == i.ContentItemId && implementedStates.Contains(h.ToState) && h.OccurredUtc >= yearStart), cancellationToken);
        }

        var records = db.Set<IdeaRecord>();
        var examples = await queries.WithRecordsAsync(
            visible.Where(i => records.Any(r => r.ContentItemId == i.ContentItemId && r.GoodExample)).OrderByDescending(i => i.ModifiedUtc).Take(ExamplesShown),
            cancellationToken);
        return View("~/StartPage/Default.cshtml", new IdeaPulseModel(maySubmit, unitName, inProgress, implemented, now.Year, examples));
    }
}

/// <summary>Puts the Idésluss block first on the start page: the way in comes before the lists.</summary>
public sealed class IdeaPulseSectionProvider : IStartPageSectionProvider
{
    public IEnumerable<StartPageSection> GetSections() => [new StartPageSection(IdeaPulseViewComponent.Name, 1)];
}
