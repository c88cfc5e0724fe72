using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Workflows.ItemWorkflow;

/// <summary>
/// Takes a transition from the item's page. Everything is checked again on the server by the
/// engine; a missing comment shows the form again with the text kept, a refused or raced
/// transition answers 403 or 409 with a plain explanation.
/// </summary>
[Authorize]
[Route("innehall/{type}/{id}/arbetsflode")]
public sealed class ItemWorkflowController(
    IContentDefinitionStore definitions,
    VisibleContentItems visible,
    WorkflowEngine engine,
    ItemWorkflowQuery query,
    IStringLocalizer<ItemWorkflowController> localizer) : Controller
{
    [HttpPost("")]
    public async Task<IActionResult> Take(string type, string id, TransitionForm form, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(type, cancellationToken);
        if (definition is null || !ContentItemIds.IsWellFormed(id))
        {
            return NotFound();
        }

        // The engine checks that the user may see the item (not found otherwise) and everything else.
        var result = await engine.TakeAsync(User, id, form.Transition ?? "", form.Comment, form.Revision, definition.Name, cancellationToken);
        if (result.Outcome == TransitionOutcome.Done)
        {
            TempData["Message"] = result.Message;
            return Redirect(ContentItemUrls.Detail(definition.Name, id));
        }

        var item = await visible.FindAsync(User, definition, id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        switch (result.Outcome)
        {
            case TransitionOutcome.Invalid:
                foreach (var (key, message) in result.Errors)
                {
                    ModelState.AddModelError(key, message);
                }

                var view = await query.DescribeAsync(User, definition, item, cancellationToken);
                if (view is null)
                {
                    return NotFound();
                }

                return View("Transition", new ItemWorkflowModel { Type = definition, Item = item, View = view, Comment = form.Comment });
            case TransitionOutcome.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return View("Refused", new RefusedModel(localizer["Du kan inte ta det här steget"], result.Message, ContentItemUrls.Detail(definition.Name, item.ContentItemId)));
            case TransitionOutcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Refused", new RefusedModel(localizer["Ärendet har redan flyttats"], result.Message, ContentItemUrls.Detail(definition.Name, item.ContentItemId)));
            default:
                return NotFound();
        }
    }
}
