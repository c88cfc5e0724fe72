using System.Globalization;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Idesluss.ActionPlan;

/// <summary>What the row form posts; every field as typed, so that a refused form comes back unchanged.</summary>
public sealed class ActionPlanForm
{
    public string? Opportunity { get; set; }

    public string? Action { get; set; }

    public string? Assessment { get; set; }

    public string? Responsible { get; set; }

    public string? DueDate { get; set; }

    public string? FollowUpDate { get; set; }

    public string? FollowUp { get; set; }

    public bool Done { get; set; }

    public int Revision { get; set; }
}

public sealed class ActionPlanEditModel
{
    public required ContentItem Idea { get; init; }

    public required ActionPlanForm Form { get; init; }

    /// <summary>Null for a new row.</summary>
    public long? RowId { get; init; }

    /// <summary>Whether the user may change every part of the row (a responsible person changes the follow-up and whether it is done).</summary>
    public bool MayRun { get; init; }
}

/// <summary>Adds, edits and removes rows of an idea's action plan; the plan itself is shown on the idea page.</summary>
[Authorize]
public sealed class ActionPlanController(
    ActionPlans plans,
    IdeaQueries queries,
    IContentManager contents,
    ContentAuthorizer authorizer,
    UserManager<PortalUser> users,
    IStringLocalizer<ActionPlanController> localizer) : Controller
{
    public static readonly PickQuadrant[] Assessments = [PickQuadrant.Implement, PickQuadrant.Possible, PickQuadrant.Challenge];

    private string UserId => ContentAuthorizer.UserId(User)!;

    [HttpGet("ideer/{id:length(32)}/handlingsplan/ny")]
    public async Task<IActionResult> Create(string id, CancellationToken cancellationToken)
    {
        var idea = await VisibleAsync(id, cancellationToken);
        if (idea is null || !await plans.MayRunAsync(User, cancellationToken))
        {
            return NotFound();
        }

        return View("Edit", new ActionPlanEditModel { Idea = idea, Form = new ActionPlanForm(), MayRun = true });
    }

    [HttpPost("ideer/{id:length(32)}/handlingsplan/ny")]
    public async Task<IActionResult> Create(string id, ActionPlanForm form, CancellationToken cancellationToken)
    {
        var idea = await VisibleAsync(id, cancellationToken);
        if (idea is null || !await plans.MayRunAsync(User, cancellationToken))
        {
            return NotFound();
        }

        var input = await ReadAsync(form, null, cancellationToken);
        if (input is null)
        {
            return View("Edit", new ActionPlanEditModel { Idea = idea, Form = form, MayRun = true });
        }

        await plans.AddAsync(idea, input, UserId, cancellationToken);
        TempData["Message"] = localizer["Åtgärden är tillagd i handlingsplanen."].Value;
        return Redirect(IdeaUrls.ActionPlan(id));
    }

    [HttpGet("ideer/{id:length(32)}/handlingsplan/{rowId:long}")]
    public async Task<IActionResult> Edit(string id, long rowId, CancellationToken cancellationToken)
    {
        var (idea, row) = await EditableAsync(id, rowId, cancellationToken);
        if (idea is null || row is null)
        {
            return NotFound();
        }

        var email = (await users.FindByIdAsync(row.ResponsibleId))?.Email;
        var form = new ActionPlanForm
        {
            Opportunity = row.Opportunity,
            Action = row.Action,
            Assessment = row.Assessment.ToString(),
            Responsible = email,
            DueDate = row.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            FollowUpDate = row.FollowUpDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            FollowUp = row.FollowUp,
            Done = row.Done,
            Revision = row.Revision,
        };
        return View(new ActionPlanEditModel { Idea = idea, Form = form, RowId = rowId, MayRun = await plans.MayRunAsync(User, cancellationToken) });
    }

    [HttpPost("ideer/{id:length(32)}/handlingsplan/{rowId:long}")]
    public async Task<IActionResult> Edit(string id, long rowId, ActionPlanForm form, CancellationToken cancellationToken)
    {
        var (idea, row) = await EditableAsync(id, rowId, cancellationToken);
        if (idea is null || row is null)
        {
            return NotFound();
        }

        var mayRun = await plans.MayRunAsync(User, cancellationToken);
        var input = await ReadAsync(form, mayRun ? null : row, cancellationToken);
        var model = new ActionPlanEditModel { Idea = idea, Form = form, RowId = rowId, MayRun = mayRun };
        if (input is null)
        {
            return View(model);
        }

        try
        {
            await plans.UpdateAsync(idea, row, form.Revision, input, UserId, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Åtgärden ändrades av någon annan medan du skrev. Det du skrev finns kvar; spara igen för att ersätta deras ändring."]);
            form.Revision = (await plans.RowAsync(id, rowId, cancellationToken) is { } fresh ? fresh.Revision : form.Revision);
            return View(model);
        }

        TempData["Message"] = localizer["Åtgärden är sparad."].Value;
        return Redirect(IdeaUrls.ActionPlan(id));
    }

    [HttpPost("ideer/{id:length(32)}/handlingsplan/{rowId:long}/ta-bort")]
    public async Task<IActionResult> Remove(string id, long rowId, CancellationToken cancellationToken)
    {
        var (idea, row) = await EditableAsync(id, rowId, cancellationToken);
        if (idea is null || row is null || !await plans.MayRunAsync(User, cancellationToken))
        {
            return NotFound();
        }

        await plans.RemoveAsync(idea, row, UserId, cancellationToken);
        TempData["Message"] = localizer["Åtgärden är borttagen ur handlingsplanen."].Value;
        return Redirect(IdeaUrls.ActionPlan(id));
    }

    /// <summary>
    /// The checked row, or null with Swedish errors in ModelState (keys are the fields' ids). A
    /// responsible person who does not run the plan changes only the follow-up and whether it is
    /// done: the rest is taken from <paramref name="keep"/>.
    /// </summary>
    private async Task<ActionPlanInput?> ReadAsync(ActionPlanForm form, ActionPlanRow? keep, CancellationToken cancellationToken)
    {
        var opportunity = Text(form.Opportunity, nameof(form.Opportunity), localizer["Möjlighet"], required: keep is null);
        var action = Text(form.Action, nameof(form.Action), localizer["Idé/åtgärd"], required: keep is null);
        PickQuadrant? assessment = keep?.Assessment;
        string? responsibleId = keep?.ResponsibleId;
        DateOnly? due = keep?.DueDate;
        if (keep is null)
        {
            assessment = Enum.TryParse<PickQuadrant>(form.Assessment, out var q) && Assessments.Contains(q) ? q : null;
            if (assessment is null)
            {
                ModelState.AddModelError(nameof(form.Assessment), localizer["Välj en bedömning: genomför, möjligt eller utmana."]);
            }

            var email = (form.Responsible ?? "").Trim();
            var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
            responsibleId = user?.Id;
            if (user is null)
            {
                ModelState.AddModelError(nameof(form.Responsible), email.Length == 0
                    ? localizer["Skriv e-postadressen till den som är ansvarig."]
                    : localizer["Det finns ingen användare med e-postadressen {0}. Kontrollera stavningen.", email]);
            }

            due = Date(form.DueDate, nameof(form.DueDate), localizer["Klart-datum"], required: true);
        }

        var followUpDate = Date(form.FollowUpDate, nameof(form.FollowUpDate), localizer["Uppföljningsdatum"], required: false);
        var followUp = Text(form.FollowUp, nameof(form.FollowUp), localizer["Uppföljning"], required: false);
        if (!ModelState.IsValid)
        {
            return null;
        }

        return new ActionPlanInput(keep?.Opportunity ?? opportunity!, keep?.Action ?? action!, assessment!.Value, responsibleId!, due!.Value, followUpDate, followUp, form.Done);
    }

    private string? Text(string? value, string key, string label, bool required)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                ModelState.AddModelError(key, localizer["{0} måste fyllas i.", label]);
            }

            return null;
        }

        if (text.Length > ActionPlanRow.TextLength)
        {
            ModelState.AddModelError(key, localizer["{0} får vara högst {1} tecken (nu {2}). Korta texten och spara igen.", label, ActionPlanRow.TextLength, text.Length]);
        }

        return text;
    }

    private DateOnly? Date(string? value, string key, string label, bool required)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                ModelState.AddModelError(key, localizer["{0} måste fyllas i.", label]);
            }

            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year is < 2000 or > 2200)
        {
            ModelState.AddModelError(key, localizer["{0} måste vara ett datum, till exempel 2026-05-31.", label]);
            return null;
        }

        return date;
    }

    private async Task<(ContentItem? Idea, ActionPlanRow? Row)> EditableAsync(string id, long rowId, CancellationToken cancellationToken)
    {
        var idea = await VisibleAsync(id, cancellationToken);
        var row = idea is null ? null : await plans.RowAsync(id, rowId, cancellationToken);
        return row is not null && await plans.MayEditAsync(User, row, cancellationToken) ? (idea, row) : (null, null);
    }

    /// <summary>The idea, if the user may see it: the plan is never reached past the idea's own access rules.</summary>
    private async Task<ContentItem?> VisibleAsync(string id, CancellationToken cancellationToken)
    {
        var idea = ContentItemIds.IsWellFormed(id) ? await contents.GetLatestAsync(id, cancellationToken) : null;
        return idea is { ContentType: IdeaTypes.Idea, Published: true }
            && await authorizer.CanAsync(User, await queries.TypeAsync(IdeaTypes.Idea, cancellationToken), idea, ContentAction.ViewOwn, cancellationToken)
            ? idea
            : null;
    }
}
