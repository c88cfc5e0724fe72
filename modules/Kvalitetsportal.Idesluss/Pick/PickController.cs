using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.Pick;

/// <summary>An idea several assessors placed without a final placement yet, with where each of them put it.</summary>
public sealed record UnplacedIdea(IdeaCard Card, IReadOnlyList<PickQuadrant> Suggestions);

public sealed record PickViewModel(IReadOnlyDictionary<PickQuadrant, IReadOnlyList<IdeaCard>> Quadrants, IReadOnlyList<UnplacedIdea> Unplaced);

/// <summary>
/// The coordinator's PICK chart (handbook p. 28): assessed ideas in a 2×2 of effort × effect, and the
/// same as a table. An idea sits where the coordinator finally placed it, or where its only
/// assessment put it; ideas with several assessments and no final placement are listed apart.
/// </summary>
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

        var waiting = await queries.WithRecordsAsync(visible.Where(i => records.Any(r => r.ContentItemId == i.ContentItemId && r.Pick == null && r.Assessments > 1))
            .OrderByDescending(i => i.ModifiedUtc).Take(MaxPerQuadrant), cancellationToken);
        var ids = waiting.Select(c => c.Item.ContentItemId).ToList();
        var suggestions = (await db.Set<IdeaAssessmentRecord>().AsNoTracking().Where(a => ids.Contains(a.IdeaId) && a.Pick != null).Select(a => new { a.IdeaId, a.Pick }).ToListAsync(cancellationToken))
            .ToLookup(a => a.IdeaId, a => a.Pick!.Value);
        return View(new PickViewModel(quadrants, [.. waiting.Select(c => new UnplacedIdea(c, [.. suggestions[c.Item.ContentItemId].Order()]))]));
    }
}
