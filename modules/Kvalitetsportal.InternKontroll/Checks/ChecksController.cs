using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Editing;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Kvalitetsportal.InternKontroll.Checks;

public sealed class CheckViewModel
{
    public required ContentItem Check { get; init; }

    public ContentItem? Point { get; init; }

    public required ContentFormModel Form { get; init; }

    /// <summary>The check's state when it can still be reported (a transition leaves it), else null.</summary>
    public bool Reportable { get; init; }

    public string? StateDescription { get; init; }
}

/// <summary>
/// Reporting a check: outcome, comment and evidence. Which outcome needs what is the workflow's data:
/// the transition whose conditions the posted values meet is taken, and its required fields are
/// asked for here, with the Swedish message beside the field, before anything is saved; what the
/// user typed and uploaded comes back with the message. No state or outcome name is code.
/// </summary>
// No module permission: the check itself decides. Whoever the item access lets see it may open it
// (the holder too: the control point's responsible person need not work with internal control otherwise).
[Authorize]
public sealed class ChecksController(
    InternalControl control,
    VisibleContentItems visible,
    ContentAuthorizer authorizer,
    IWorkflowDefinitionStore workflows,
    WorkflowEngine engine,
    EditWithConflictCheck edit,
    IFileStore files,
    IDataProtectionProvider protection,
    ILogger<ChecksController> logger) : Controller
{
    [HttpGet("internkontroll/kontroll/{id:length(32)}")]
    public async Task<IActionResult> Index(string id, CancellationToken cancellationToken)
    {
        var type = await control.TypeAsync(ControlTypes.Check, cancellationToken);
        if (await visible.FindAsync(User, type, id, cancellationToken) is not { } check)
        {
            return NotFound();
        }

        return View(await ModelAsync(check, ContentForms.For(ReportType(type), check, []), cancellationToken));
    }

    [HttpPost("internkontroll/kontroll/{id:length(32)}")]
    public async Task<IActionResult> Report(string id, CancellationToken cancellationToken)
    {
        var type = await control.TypeAsync(ControlTypes.Check, cancellationToken);
        if (await visible.FindAsync(User, type, id, cancellationToken) is not { } check)
        {
            return NotFound();
        }

        if (!await authorizer.CanAsync(User, type, check, Contents.Permissions.ContentAction.EditOwn, cancellationToken))
        {
            return Forbid();
        }

        // Only the report's fields are read; the title and unit stay what the schedule gave.
        var posted = await Request.ReadFormAsync(cancellationToken);
        var values = posted.ToDictionary(p => p.Key, p => p.Value);
        values[ContentFormModel.TitleInput] = check.DisplayText;
        values[ContentFormModel.UnitInput] = check.OrganisationUnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var reportType = ReportType(type);
        var read = await new ContentFormReader(files, protection).ReadAsync(reportType, new FormCollection(values, posted.Files), check, ModelState, cancellationToken);

        var data = check.GetData();
        foreach (var field in ControlTypes.ReportFields)
        {
            data.Remove(field);
            if (read.Change?.Data[field] is { } value)
            {
                data[field] = value.DeepClone();
            }
        }

        var workflow = (await workflows.GetCurrentAsync(ControlTypes.Check, cancellationToken))?.Definition;
        var transition = ModelState.IsValid ? Choose(workflow, check, type, data) : null;
        if (!ModelState.IsValid || transition is null)
        {
            return View(nameof(Index), await ModelAsync(check, read.Form, cancellationToken));
        }

        var saved = await edit.SaveAsync(type, check.ContentItemId, read.Form.Revision, new ContentChange(check.DisplayText, check.OrganisationUnitId, data), ContentAuthorizer.UserId(User)!, publish: true, cancellationToken);
        if (saved.Outcome != EditOutcome.Saved)
        {
            ModelState.AddModelError("", "Någon annan har ändrat kontrollen medan du fyllde i den. Ditt utfall är kvar nedan: kontrollera och skicka igen.");
            read.Form.Revision = saved.Item?.Revision ?? read.Form.Revision;
            return View(nameof(Index), await ModelAsync(saved.Item ?? check, read.Form, cancellationToken));
        }

        var moved = await engine.TakeAsync(User, check.ContentItemId, transition.Id, null, null, ControlTypes.Check, cancellationToken);
        if (!moved.Succeeded)
        {
            ModelState.AddModelError("", moved.Message);
            read.Form.Revision = saved.Item!.Revision;
            return View(nameof(Index), await ModelAsync(saved.Item, read.Form, cancellationToken));
        }

        logger.LogInformation("Internal control check {ContentItemId} reported by {UserId}: transition {TransitionId}", check.ContentItemId, ContentAuthorizer.UserId(User), transition.Id);
        TempData["Message"] = $"Kontrollen är rapporterad. {workflow!.State(moved.State)?.Description}";
        var plan = await PlanOfAsync(check, cancellationToken);
        return Redirect(plan is null ? InternKontrollUrls.Check(check.ContentItemId) : InternKontrollUrls.Plan(plan));
    }

    /// <summary>The transition from the check's state whose conditions the values meet; its missing fields become errors.</summary>
    private WorkflowTransition? Choose(WorkflowDefinition? workflow, ContentItem check, ContentTypeDefinition type, System.Text.Json.Nodes.JsonObject data)
    {
        var leaving = workflow is null || check.WorkflowState is null ? [] : workflow.TransitionsFrom(check.WorkflowState).ToList();
        if (leaving.Count == 0)
        {
            ModelState.AddModelError("", "Kontrollen är redan rapporterad och kan inte ändras.");
            return null;
        }

        var outcome = type.Field(ControlTypes.Outcome);
        if (!WorkflowConditions.HasValue(data[ControlTypes.Outcome]))
        {
            ModelState.AddModelError(ContentFormModel.InputName(outcome!), $"Välj {outcome!.Label.ToLowerInvariant()}.");
            return null;
        }

        if (leaving.FirstOrDefault(t => WorkflowConditions.AllHold(t, type, data)) is not { } transition)
        {
            ModelState.AddModelError(ContentFormModel.InputName(outcome!), $"{outcome!.Label} \"{ControlTypes.Text(data[ControlTypes.Outcome])}\" kan inte rapporteras i läget \"{check.WorkflowState}\".");
            return null;
        }

        var when = string.Join(" och ", transition.Conditions.Select(c => $"{(type.Field(c.Field)?.Label ?? c.Field).ToLowerInvariant()} är \"{c.Value}\""));
        foreach (var name in transition.RequiredFields.Where(f => !WorkflowConditions.HasValue(data[f])))
        {
            if (type.Field(name) is { } field)
            {
                ModelState.AddModelError(ContentFormModel.InputName(field), when.Length > 0
                    ? $"{field.Label} måste fyllas i när {when}."
                    : $"{field.Label} måste fyllas i.");
            }
        }

        return ModelState.IsValid ? transition : null;
    }

    private static ContentTypeDefinition ReportType(ContentTypeDefinition type)
    {
        var copy = type.Copy();
        copy.Fields.RemoveAll(f => !ControlTypes.ReportFields.Contains(f.Name));
        return copy;
    }

    private async Task<CheckViewModel> ModelAsync(ContentItem check, ContentFormModel form, CancellationToken cancellationToken)
    {
        var pointType = await control.TypeAsync(ControlTypes.Point, cancellationToken);
        var point = await visible.FindAsync(User, pointType, ControlTypes.Text(check.GetData()[ControlTypes.PointField]), cancellationToken);
        var workflow = (await workflows.GetCurrentAsync(ControlTypes.Check, cancellationToken))?.Definition;
        return new CheckViewModel
        {
            Check = check,
            Point = point,
            Form = form,
            Reportable = workflow is not null && check.WorkflowState is { } state && workflow.TransitionsFrom(state).Any(),
            StateDescription = workflow?.State(check.WorkflowState)?.Description,
        };
    }

    private async Task<string?> PlanOfAsync(ContentItem check, CancellationToken cancellationToken)
    {
        var pointType = await control.TypeAsync(ControlTypes.Point, cancellationToken);
        var point = await visible.FindAsync(User, pointType, ControlTypes.Text(check.GetData()[ControlTypes.PointField]), cancellationToken);
        return point is null ? null : ControlTypes.Text(point.GetData()[ControlTypes.PlanField]);
    }
}
