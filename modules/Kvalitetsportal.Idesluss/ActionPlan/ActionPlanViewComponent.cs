using Kvalitetsportal.Contents.Items;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Idesluss.ActionPlan;

public sealed class ActionPlanSectionModel
{
    public required ContentItem Idea { get; init; }

    public required IReadOnlyList<ActionPlanLine> Lines { get; init; }

    /// <summary>Whether the reader adds and removes rows.</summary>
    public bool MayRun { get; init; }
}

/// <summary>The action plan's section on the idea page (the page has already checked that the reader may see the idea).</summary>
public sealed class ActionPlanViewComponent(ActionPlans plans) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem idea) =>
        View("~/ActionPlan/Section.cshtml", new ActionPlanSectionModel
        {
            Idea = idea,
            Lines = await plans.LinesAsync(UserClaimsPrincipal, idea.ContentItemId, HttpContext.RequestAborted),
            MayRun = await plans.MayRunAsync(UserClaimsPrincipal, HttpContext.RequestAborted),
        });
}
