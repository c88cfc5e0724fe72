using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.Assessment;

public sealed class AssessmentViewModel
{
    public required ContentItem Idea { get; init; }

    public required IReadOnlyList<(string Label, string Text)> IdeaFields { get; init; }

    public required ContentFormModel Form { get; init; }
}

/// <summary>
/// The assessor's form: the idea without its giver (pseudonymised screening), and the assessment
/// type's fields. Saving places the idea in the PICK chart. One assessment per assessor and idea.
/// </summary>
[Authorize]
public sealed class AssessmentController(
    IdeaQueries queries,
    IContentManager contents,
    IPermissionService permissions,
    IContentQuery contentQuery,
    IFileStore files,
    IDataProtectionProvider protection,
    IStringLocalizer<AssessmentController> localizer) : Controller
{
    private string UserId => ContentAuthorizer.UserId(User)!;

    [HttpGet("ideer/{id:length(32)}/bedom")]
    public async Task<IActionResult> Index(string id, CancellationToken cancellationToken)
    {
        var idea = await AssessableAsync(id, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }

        var type = await FormTypeAsync(cancellationToken);
        var existing = await ExistingAsync(id, cancellationToken);
        var form = ContentForms.For(type, existing, []);
        if (form.Title.Length == 0)
        {
            form.Title = localizer["Bedömning: {0}", idea.DisplayText[..Math.Min(idea.DisplayText.Length, 280)]].Value;
        }
        return View(await ModelAsync(idea, form, cancellationToken));
    }

    [HttpPost("ideer/{id:length(32)}/bedom")]
    public async Task<IActionResult> Save(string id, CancellationToken cancellationToken)
    {
        var idea = await AssessableAsync(id, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }

        var type = await FormTypeAsync(cancellationToken);
        var posted = await Request.ReadFormAsync(cancellationToken);
        var existing = await ExistingAsync(id, cancellationToken);

        var result = await new ContentFormReader(files, protection).ReadAsync(type, posted, existing, ModelState, cancellationToken);
        if (result.Change is null)
        {
            return View(nameof(Index), await ModelAsync(idea, result.Form, cancellationToken));
        }

        var full = await queries.TypeAsync(IdeaTypes.Assessment, cancellationToken);
        var data = result.Change.Data;
        data[IdeaTypes.AssessedIdea] = idea.ContentItemId;
        var change = result.Change with { Data = data, OrganisationUnitId = idea.OrganisationUnitId };
        try
        {
            _ = existing is null
                ? await contents.CreateAsync(full, change, UserId, publish: true, cancellationToken)
                : await contents.UpdateAsync(full, existing.ContentItemId, result.Form.Revision, change, UserId, publish: true, cancellationToken);
        }
        catch (ContentConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Bedömningen ändrades någon annanstans medan du skrev. Dina svar finns kvar; spara igen för att ersätta den."]);
            result.Form.Revision = (await ExistingAsync(id, cancellationToken))?.Revision ?? 0;
            return View(nameof(Index), await ModelAsync(idea, result.Form, cancellationToken));
        }

        var pick = IdeaTypes.Pick(full, data);
        TempData["Message"] = pick is { } quadrant ? localizer["Bedömningen är sparad. Idén hamnar i PICK-rutan {0}.", IdeaTypes.PickName(quadrant)].Value : localizer["Bedömningen är sparad."].Value;
        return Redirect(IdeaUrls.Detail(id));
    }

    private async Task<AssessmentViewModel> ModelAsync(ContentItem idea, ContentFormModel form, CancellationToken cancellationToken)
    {
        var ideaType = await queries.TypeAsync(IdeaTypes.Idea, cancellationToken);
        var data = idea.GetData();

        // Only the idea's substance: nothing here names the giver.
        var fields = ideaType.OrderedFields
            .Where(f => f.Kind is FieldKind.ShortText or FieldKind.LongText or FieldKind.Choice && !IdeaTypes.CoordinatorFields.Contains(f.Name))
            .Select(f => (f.Label, FieldValues.ToDisplayText(f, data[f.Name])))
            .Where(f => f.Item2.Length > 0)
            .ToList();
        return new AssessmentViewModel { Idea = idea, IdeaFields = fields, Form = form };
    }

    /// <summary>The assessment type without the reference to the idea, which this page sets itself.</summary>
    private async Task<ContentTypeDefinition> FormTypeAsync(CancellationToken cancellationToken)
    {
        var type = await queries.TypeAsync(IdeaTypes.Assessment, cancellationToken);
        var copy = type.Copy();
        copy.Fields.RemoveAll(f => f.Name == IdeaTypes.AssessedIdea);
        copy.UnitFromSubmitter = true; // the assessment takes the idea's unit; the form does not ask

        return copy;
    }

    private async Task<ContentItem?> ExistingAsync(string ideaId, CancellationToken cancellationToken)
    {
        var mine = await contentQuery.Items
            .Where(i => i.ContentType == IdeaTypes.Assessment && i.Latest && i.OwnerId == UserId)
            .OrderByDescending(i => i.ModifiedUtc).Take(500).ToListAsync(cancellationToken);
        return mine.FirstOrDefault(i => IdeaTypes.Text(i.GetData()[IdeaTypes.AssessedIdea]) == ideaId);
    }

    /// <summary>The idea, if the user is its assessor (holds it, or was chosen) or runs the sluice.</summary>
    private async Task<ContentItem?> AssessableAsync(string id, CancellationToken cancellationToken)
    {
        var idea = ContentItemIds.IsWellFormed(id) ? await contents.GetLatestAsync(id, cancellationToken) : null;
        if (idea is not { ContentType: IdeaTypes.Idea, Published: true })
        {
            return null;
        }

        var record = await queries.RecordAsync(id, cancellationToken);
        var chosen = record?.AssessorId == UserId || idea.AssignedTo == Assignee.User(UserId);
        return chosen || await permissions.HasPermissionAsync(User, IdeslussPermissions.ManageName, cancellationToken) ? idea : null;
    }
}
