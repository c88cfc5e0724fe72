using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.Campaigns;

public sealed record CampaignRow(ContentItem Campaign, string? Question, DateOnly? Deadline, bool Open);

public sealed record CampaignsViewModel(IReadOnlyList<CampaignRow> Campaigns, bool CanCreate);

/// <summary>Idea challenges: open ones first, each with a link to submit an idea to it. Coordinators create them with the generic form.</summary>
[Authorize]
public sealed class CampaignsController(IdeaQueries queries, ContentAccessService access, ContentAuthorizer authorizer, IWorkflowDefinitionStore workflows, IContentQuery contentQuery, TimeProvider clock) : Controller
{
    [HttpGet("ideer/utmaningar")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var type = await queries.TypeAsync(IdeaTypes.Campaign, cancellationToken);
        var scope = await access.ScopeAsync(User, type, ContentAccessKind.View, cancellationToken);
        var campaigns = await contentQuery.Items
            .Where(i => i.ContentType == IdeaTypes.Campaign && i.Latest && i.Published).Where(scope.ToPredicate())
            .OrderByDescending(i => i.CreatedUtc).Take(100).ToListAsync(cancellationToken);
        var workflow = (await workflows.GetCurrentAsync(IdeaTypes.Campaign, cancellationToken))?.Definition;
        var now = clock.GetUtcNow();
        var rows = campaigns
            .Select(c => new CampaignRow(c, IdeaTypes.Text(c.GetData()[IdeaTypes.Question]), CampaignRules.Deadline(c), CampaignRules.IsOpen(c, workflow, now)))
            .OrderByDescending(r => r.Open).ThenBy(r => r.Deadline).ToList();
        return View(new CampaignsViewModel(rows, await authorizer.CanCreateAsync(User, type, cancellationToken)));
    }
}
