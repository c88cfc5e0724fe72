using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Idesluss.Pick;

public sealed record PickViewModel(IReadOnlyDictionary<PickQuadrant, IReadOnlyList<IdeaCard>> Quadrants);

/// <summary>The coordinator's PICK chart (handbook p. 28): assessed ideas in a 2×2 of effort × effect, and the same as a table.</summary>
[Authorize(Policy = Kvalitetsportal.Permissions.Permission.PolicyPrefix + IdeslussPermissions.ManageName)]
public sealed class PickController(IdeaQueries queries, Kvalitetsportal.Data.PortalDbContext db) : Controller
{
    public const int MaxPerQuadrant = 200;

    [HttpGet("ideer/pick")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var visible = await queries.VisibleIdeasAsync(User, new BoardFilter(null, null, null, null), cancellationToken);
        var records = db.Set<IdeaRecord>();
        var quadrants = new Dictionary<PickQuadrant, IReadOnlyList<IdeaCard>>();
        foreach (var quadrant in Enum.GetValues<PickQuadrant>())
        {
            var inQuadrant = visible.Where(i => records.Any(r => r.ContentItemId == i.ContentItemId && r.Pick == quadrant))
                .OrderByDescending(i => i.ModifiedUtc).Take(MaxPerQuadrant);
            quadrants[quadrant] = await queries.WithRecordsAsync(inQuadrant, cancellationToken);
        }

        return View(new PickViewModel(quadrants));
    }
}
