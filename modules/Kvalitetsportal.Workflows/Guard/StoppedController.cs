using System.Security.Claims;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.Guard;

/// <summary>What the runaway guard stopped, for administrators to look into and mark as handled.</summary>
[Admin]
[RequirePermission(WorkflowPermissions.ManageWorkflowsName)]
[Route("admin/arbetsfloden/stoppade")]
public sealed class StoppedController(PortalDbContext db, IContentQuery contentQuery, TimeProvider clock, IStringLocalizer<StoppedController> localizer, ILogger<StoppedController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var stopped = await db.Set<StoppedFiring>().AsNoTracking()
            .Where(s => s.HandledUtc == null)
            .OrderByDescending(s => s.StoppedUtc)
            .Take(500)
            .ToListAsync(cancellationToken);
        var ids = stopped.Select(s => s.ContentItemId).Distinct().ToList();
        var titles = await contentQuery.Items
            .Where(i => ids.Contains(i.ContentItemId) && i.Latest)
            .ToDictionaryAsync(i => i.ContentItemId, i => i.DisplayText, cancellationToken);
        var rows = stopped.Select(s => new StoppedRow(s, titles.GetValueOrDefault(s.ContentItemId) ?? ContentItemUrls.Reference(s.ContentItemId), ContentItemUrls.Detail(s.ContentType, s.ContentItemId))).ToList();
        return View(rows);
    }

    /// <summary>Marks a report handled and forgets the counted firings, so the activity may run again (a stopped timer stays stopped).</summary>
    [HttpPost("{id:long}/hanterad")]
    public async Task<IActionResult> Handled(long id, CancellationToken cancellationToken)
    {
        var stopped = await db.Set<StoppedFiring>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (stopped is null)
        {
            return NotFound();
        }

        stopped.HandledUtc = clock.GetUtcNow().UtcDateTime;
        stopped.HandledBy = User.FindFirstValue(ClaimTypes.NameIdentifier);
        await db.Set<WorkflowFiring>().Where(f => f.ContentItemId == stopped.ContentItemId && f.Key == stopped.Key).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Stopped firing {StoppedId} for content item {ContentItemId} marked handled by user {UserId}", id, stopped.ContentItemId, stopped.HandledBy);
        TempData["Message"] = localizer["\"{0}\" är markerad som hanterad.", stopped.Description].Value;
        return Redirect("/admin/arbetsfloden/stoppade");
    }
}

public sealed record StoppedRow(StoppedFiring Stopped, string Title, string Url);

public sealed class GuardNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Stoppade arbetsflöden", "/admin/arbetsfloden/stoppade", 311, WorkflowPermissions.ManageWorkflowsName, "Innehåll"));
        }
    }
}
