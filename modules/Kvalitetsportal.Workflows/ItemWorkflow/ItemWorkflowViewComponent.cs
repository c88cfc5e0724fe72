using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Workflows.Decisions;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Workflows.ItemWorkflow;

/// <summary>On every item's page (the <see cref="PageSlots.ContentDetail"/> slot): state, holder, the user's transitions and the history.</summary>
public sealed class ItemWorkflowViewComponent(ItemWorkflowQuery query, IDecisionQuery decisions) : ViewComponent
{
    public const string Name = "ItemWorkflow";

    public async Task<IViewComponentResult> InvokeAsync(ContentTypeDefinition type, ContentItem item)
    {
        var view = await query.DescribeAsync(HttpContext.User, type, item, HttpContext.RequestAborted);
        if (view is null)
        {
            return Content("");
        }

        var outcomes = view.Transitions.Any(t => t.RequiresDecision) ? await decisions.OutcomesAsync(HttpContext.RequestAborted) : [];
        return View("~/ItemWorkflow/Panel.cshtml", new ItemWorkflowModel { Type = type, Item = item, View = view, Outcomes = outcomes });
    }
}

/// <summary>Puts the workflow block on item pages.</summary>
public sealed class WorkflowPageSections : IPageSectionProvider
{
    public IEnumerable<PageSection> GetSections(string slot) => slot switch
    {
        PageSlots.ContentDetail => [new PageSection(ItemWorkflowViewComponent.Name, 10)],
        _ => [],
    };
}
