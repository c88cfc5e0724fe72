using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Workflows.Decisions;
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
    IDecisionQuery decisions,
    IFileStore files,
    ContentItemPages pages,
    IStringLocalizer<ItemWorkflowController> localizer) : Controller
{
    [HttpPost("")]
    [RequestSizeLimit(DecisionRules.MaxAttachments * DecisionRules.MaxAttachmentBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = DecisionRules.MaxAttachments * DecisionRules.MaxAttachmentBytes)]
    public async Task<IActionResult> Take(string type, string id, TransitionForm form, List<IFormFile>? attachments, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(type, cancellationToken);
        if (definition is null || !ContentItemIds.IsWellFormed(id))
        {
            return NotFound();
        }

        // A file that fails its check stops the move before anything is stored; the typed text is kept.
        var uploaded = attachments?.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList() ?? [];
        var fileErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in uploaded)
        {
            await using var stream = file.OpenReadStream();
            if (await UploadCheck.CheckAsync(stream, file.FileName, file.Length, DecisionRules.AttachmentExtensions, DecisionRules.MaxAttachmentBytes, cancellationToken) is { } problem)
            {
                fileErrors[DecisionRules.Prefix + "Attachments"] = problem + " " + localizer["Välj filerna igen."].Value;
                break;
            }
        }

        // The engine checks that the user may see the item (not found otherwise) and everything else.
        TransitionResult result;
        if (fileErrors.Count > 0)
        {
            result = new TransitionResult(TransitionOutcome.Invalid, fileErrors.Values.First()) { Errors = fileErrors };
        }
        else
        {
            var stored = new List<StoredFile>();
            foreach (var file in uploaded)
            {
                await using var stream = file.OpenReadStream();
                stored.Add(await files.SaveAsync(stream, file.FileName, file.ContentType, cancellationToken));
            }

            result = await engine.TakeWithDecisionAsync(User, id, form.Transition ?? "", form.Comment, form.Decision.ToInput(stored), form.Revision, definition.Name, cancellationToken);
        }

        if (result.Outcome == TransitionOutcome.Done)
        {
            // Back to where the item is read: a module's own page (the idea page) holds the workflow too.
            TempData["Message"] = result.Message;
            return Redirect(await pages.ReadUrlAsync(definition.Name, id, cancellationToken));
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

                return View("Transition", new ItemWorkflowModel { Type = definition, Item = item, View = view, Comment = form.Comment, Decision = form.Decision, Outcomes = await decisions.OutcomesAsync(cancellationToken) });
            case TransitionOutcome.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return View("Refused", new RefusedModel(localizer["Du kan inte ta det här steget"], result.Message, await pages.ReadUrlAsync(definition.Name, item.ContentItemId, cancellationToken)));
            case TransitionOutcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Refused", new RefusedModel(localizer["Ärendet har redan flyttats"], result.Message, await pages.ReadUrlAsync(definition.Name, item.ContentItemId, cancellationToken)));
            default:
                return NotFound();
        }
    }

    /// <summary>An attachment of a decision (the signed protocol): for whoever may open the item.</summary>
    [HttpGet("beslut/{decisionId:long}/filer/{fileId}")]
    public async Task<IActionResult> Attachment(string type, string id, long decisionId, string fileId, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(type, cancellationToken);
        if (definition is null || !ContentItemIds.IsWellFormed(id) || await visible.FindAsync(User, definition, id, cancellationToken) is null)
        {
            return NotFound();
        }

        var file = (await decisions.ForItemAsync(id, cancellationToken)).FirstOrDefault(d => d.Id == decisionId)?.Attachments.FirstOrDefault(f => f.Id == fileId);
        if (file is null || await files.OpenReadAsync(file.Id, cancellationToken) is not { } stream)
        {
            return NotFound();
        }

        return File(stream, "application/octet-stream", file.Name);
    }
}
