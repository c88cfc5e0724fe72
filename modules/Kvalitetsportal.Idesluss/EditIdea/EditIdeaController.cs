using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Editing;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Organisation.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Idesluss.EditIdea;

public sealed class EditIdeaViewModel
{
    public required ContentItem Idea { get; init; }

    public required ContentFormModel Form { get; init; }

    /// <summary>Set after a save that lost against another: who saved (or "du själv, i en annan flik") and when.</summary>
    public string? Conflict { get; init; }
}

/// <summary>
/// The giver corrects her idea with the form she submitted it with, while the idea workflow's state
/// lets the owner edit (the same access rule as everywhere). The coordinator's fields and the
/// campaign are not in the form and are kept as they are.
/// </summary>
[Authorize]
public sealed class EditIdeaController(
    IdeaQueries queries,
    IContentManager contents,
    ContentAuthorizer authorizer,
    EditWithConflictCheck edit,
    IUnitDirectory unitDirectory,
    IFileStore files,
    IDataProtectionProvider protection,
    ContentIdentityVisibility identity,
    IStringLocalizer<EditIdeaController> localizer,
    ILogger<EditIdeaController> logger) : Controller
{
    private string UserId => ContentAuthorizer.UserId(User)!;

    [HttpGet("ideer/{id:length(32)}/andra")]
    public async Task<IActionResult> Index(string id, CancellationToken cancellationToken)
    {
        var (type, idea, denied) = await EditableAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var form = ContentForms.For(IdeaTypes.EmployeeForm(type!), idea, (await unitDirectory.LoadAsync(cancellationToken)).Options(idea!.OrganisationUnitId));
        return View(new EditIdeaViewModel { Idea = idea, Form = form });
    }

    [HttpPost("ideer/{id:length(32)}/andra")]
    public async Task<IActionResult> Post(string id, CancellationToken cancellationToken)
    {
        var (type, idea, denied) = await EditableAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var employeeForm = IdeaTypes.EmployeeForm(type!);
        var posted = await Request.ReadFormAsync(cancellationToken);
        var read = await new ContentFormReader(files, protection).ReadAsync(employeeForm, posted, idea, ModelState, cancellationToken);
        read.Form.Units = (await unitDirectory.LoadAsync(cancellationToken)).Options(read.Form.UnitId);
        if (read.Change is null)
        {
            return View(nameof(Index), new EditIdeaViewModel { Idea = idea!, Form = read.Form });
        }

        // What the form does not show stays as it is: the coordinator's fields and the campaign.
        var data = read.Change.Data;
        var saved = idea!.GetData();
        foreach (var field in type!.Fields.Where(f => employeeForm.Field(f.Name) is null))
        {
            data[field.Name] = saved[field.Name]?.DeepClone();
        }

        var result = await edit.SaveAsync(type, id, read.Form.Revision, read.Change with { Data = data }, UserId, publish: true, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Removed:
                return NotFound();
            case EditOutcome.Conflict:
                var current = result.Item!;
                read.Form.Revision = current.Revision;
                return View(nameof(Index), new EditIdeaViewModel { Idea = current, Form = read.Form, Conflict = await ConflictMessageAsync(type, current, cancellationToken) });
        }

        logger.LogInformation("Idea {ContentItemId} edited by user {UserId}", id, UserId);
        TempData["Message"] = localizer["Ändringarna är sparade."].Value;
        return Redirect(IdeaUrls.Detail(id));
    }

    private async Task<string> ConflictMessageAsync(ContentTypeDefinition type, ContentItem current, CancellationToken cancellationToken)
    {
        var when = ContentDates.DateAndTime(current.ModifiedUtc);
        if (current.AuthorId == UserId)
        {
            return localizer["Du själv, i en annan flik eller ett annat fönster, sparade idén {0}. Ändringarna här är inte sparade än, men de finns kvar i formuläret. Spara igen för att ersätta det sparade.", when].Value;
        }

        var name = current.AuthorId == current.OwnerId && !await identity.MayRevealOwnerAsync(User, type, current, cancellationToken)
            ? localizer[IdeasController.Giver].Value
            : (await queries.NamesAsync([current.AuthorId], cancellationToken)).GetValueOrDefault(current.AuthorId) ?? localizer["Någon annan"].Value;
        return localizer["{0} sparade idén {1}, efter att du öppnade den. Ändringarna här är inte sparade än, men de finns kvar i formuläret. Spara igen för att ersätta det sparade.", name, when].Value;
    }

    /// <summary>404 when the reader may not see the idea; 403 when she sees it but the workflow's state does not let her edit it.</summary>
    private async Task<(ContentTypeDefinition? Type, ContentItem? Idea, IActionResult? Denied)> EditableAsync(string id, CancellationToken cancellationToken)
    {
        var type = await queries.TypeAsync(IdeaTypes.Idea, cancellationToken);
        var idea = ContentItemIds.IsWellFormed(id) ? await contents.GetLatestAsync(id, cancellationToken) : null;
        if (idea is null || idea.ContentType != IdeaTypes.Idea || !idea.Published || !await authorizer.CanAsync(User, type, idea, ContentAction.ViewOwn, cancellationToken))
        {
            return (type, null, NotFound());
        }

        return await authorizer.CanAsync(User, type, idea, ContentAction.EditOwn, cancellationToken)
            ? (type, idea, null)
            : (type, idea, StatusCode(StatusCodes.Status403Forbidden));
    }
}
