using System.Globalization;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Editing;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.MyItems;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Contents.Queries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using FormFactory = Kvalitetsportal.Contents.ContentForms.ContentForms;

namespace Kvalitetsportal.Contents.ContentItems;

/// <summary>
/// What employees do with content items: list, create, read, edit (with conflict handling),
/// remove, download attachments and autosave drafts. Every action asks <see cref="ContentAuthorizer"/>;
/// an item the user may not see answers 404 so that its existence is not revealed. The work is
/// done by the use cases (<see cref="CreateWithFormToken"/>, <see cref="EditWithConflictCheck"/>)
/// and <see cref="ContentEditorForms"/> and <see cref="ContentItemViews"/>; this class speaks HTTP.
/// </summary>
[Authorize]
[Route("innehall")]
public sealed class ContentItemsController(
    IContentDefinitionStore definitions,
    ContentAuthorizer authorizer,
    VisibleContentItems visible,
    ContentEditorForms forms,
    ContentItemViews views,
    ContentItemPages pages,
    IStringLocalizer<ContentItemsController> localizer,
    ILogger<ContentItemsController> logger) : Controller
{
    public const string SaveAsInput = "SaveAs";
    public const string SaveAsDraft = "utkast";
    public const string SaveAsSubmit = "skicka";
    public const int PageSize = 25;
    private const int MaxPage = 1_000_000;

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private string CurrentUserId => ContentAuthorizer.UserId(User) ?? throw new InvalidOperationException("No signed-in user.");

    /// <summary>The signed-in user's organisation unit (from the sign-in claims), if any.</summary>
    private int? SubmitterUnitId =>
        int.TryParse(User.FindFirst(Kvalitetsportal.Users.Setup.PortalClaimsPrincipalFactory.UnitClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var unit) ? unit : null;

    [HttpGet("")]
    public async Task<IActionResult> Types(CancellationToken cancellationToken)
    {
        var links = new List<ContentTypeLink>();
        foreach (var type in (await definitions.GetAllAsync(cancellationToken)).Values.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture))
        {
            var canCreate = await authorizer.CanCreateAsync(User, type, cancellationToken);
            if (canCreate || await authorizer.CanViewAnyAsync(User, type, cancellationToken))
            {
                links.Add(new ContentTypeLink(type, canCreate));
            }
        }

        return View(new ContentTypesViewModel { Types = links });
    }

    [HttpGet("mina")]
    public async Task<IActionResult> Mine(string? sida, [FromServices] ContentListQuery listQuery, [FromServices] ContentItemPages pages, CancellationToken cancellationToken)
    {
        var page = await listQuery.MineAsync(User, ParsePage(sida), PageSize, cancellationToken);
        return View(await MyItemsViewModel.FromAsync(page, await definitions.GetAllAsync(cancellationToken), pages, showAllLink: false, cancellationToken));
    }

    [HttpGet("{type}")]
    public async Task<IActionResult> List(string type, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(type, cancellationToken);
        if (definition is null)
        {
            return NotFound();
        }

        var canCreate = await authorizer.CanCreateAsync(User, definition, cancellationToken);
        var canList = await authorizer.CanViewAnyAsync(User, definition, cancellationToken);
        if (!canCreate && !canList)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return View(await views.ListAsync(User, definition, Request.Query, PageSize, canCreate, canList, cancellationToken));
    }

    [HttpGet("{type}/ny")]
    public async Task<IActionResult> Create(string type, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(type, cancellationToken);
        if (definition is null)
        {
            return NotFound();
        }

        if (!await authorizer.CanCreateAsync(User, definition, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var form = FormFactory.For(definition, null, []);
        if (definition.UnitFromSubmitter)
        {
            form.UnitId = SubmitterUnitId;
        }

        form = await forms.PrepareAsync(User, form, cancellationToken);
        return View(new ContentEditorViewModel { Form = form, FormToken = CreateWithFormToken.NewFormToken() });
    }

    [HttpPost("{type}/ny")]
    [ActionName(nameof(Create))]
    public async Task<IActionResult> CreatePost(string type, [FromServices] CreateWithFormToken create, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(type, cancellationToken);
        if (definition is null)
        {
            return NotFound();
        }

        if (!await authorizer.CanCreateAsync(User, definition, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var posted = await Request.ReadFormAsync(cancellationToken);
        var userId = CurrentUserId;
        var draft = definition.Drafts && posted[SaveAsInput] == SaveAsDraft;
        ContentFormModel? form = null;
        var result = await create.CreateAsync(definition, userId, posted[CreateWithFormToken.FormTokenInput], publish: !draft, async () =>
        {
            var read = await forms.ReadAsync(definition, posted, null, draft, ModelState, cancellationToken);
            form = read.Form;
            return read.Change is null || !definition.UnitFromSubmitter ? read.Change : read.Change with { OrganisationUnitId = SubmitterUnitId };
        }, cancellationToken);

        switch (result.Outcome)
        {
            case CreateOutcome.AlreadyCreated:
                TempData["Message"] = localizer["Formuläret var redan skickat och sparades bara en gång. Referens: {0}.", ContentItemUrls.Reference(result.EarlierId!)].Value;
                return Redirect(ContentItemUrls.Detail(definition.Name, result.EarlierId!));
            case CreateOutcome.InProgress:
                TempData["Message"] = localizer["Formuläret håller på att sparas. Det visas här när det är klart."].Value;
                return Redirect(ContentItemUrls.Mine);
            case CreateOutcome.Invalid:
                return View(nameof(Create), new ContentEditorViewModel { Form = await forms.PrepareAsync(User, form!, cancellationToken), FormToken = result.FormToken });
        }

        var item = result.Item!;
        logger.LogInformation("Content item {ContentItemId} of type {ContentType} created by user {UserId} (published: {Published})", item.ContentItemId, item.ContentType, userId, item.Published);
        var reference = ContentItemUrls.Reference(item.ContentItemId);
        TempData["Message"] = item.Published
            ? localizer["Tack! \"{0}\" är inskickat. Referens: {1}.", item.DisplayText, reference].Value
            : localizer["Utkastet \"{0}\" är sparat. Det är inte inskickat ännu. Referens: {1}.", item.DisplayText, reference].Value;
        return Redirect(ContentItemUrls.Detail(definition.Name, item.ContentItemId));
    }

    [HttpGet("{type}/{id}")]
    public async Task<IActionResult> Display(string type, string id, CancellationToken cancellationToken)
    {
        var (definition, item) = await FindVisibleAsync(type, id, cancellationToken);
        return definition is null || item is null
            ? NotFound()
            : View(await views.DetailAsync(User, definition, item, cancellationToken));
    }

    [HttpGet("{type}/{id}/redigera")]
    public async Task<IActionResult> Edit(string type, string id, CancellationToken cancellationToken)
    {
        var (definition, item, denied) = await FindPermittedAsync(type, id, ContentAction.EditOwn, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (await pages.OwnEditorForAsync(User, definition!.Name, item!.ContentItemId, cancellationToken) is { } ownEditor)
        {
            return Redirect(ownEditor);
        }

        var form = await forms.PrepareAsync(User, FormFactory.For(definition!, item, []), cancellationToken);
        return View(new ContentEditorViewModel { Form = form, Item = item, Autosave = CanAutosave(definition!, item!) });
    }

    [HttpPost("{type}/{id}/redigera")]
    [ActionName(nameof(Edit))]
    public async Task<IActionResult> EditPost(string type, string id, [FromServices] EditWithConflictCheck edit, CancellationToken cancellationToken)
    {
        var (definition, item, denied) = await FindPermittedAsync(type, id, ContentAction.EditOwn, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (await pages.OwnEditorForAsync(User, definition!.Name, item!.ContentItemId, cancellationToken) is not null)
        {
            return StatusCode(StatusCodes.Status403Forbidden); // this type is edited on its module's own form
        }

        var posted = await Request.ReadFormAsync(cancellationToken);
        var wasDraft = !item!.Published;
        var keepDraft = definition!.Drafts && wasDraft && posted[SaveAsInput] == SaveAsDraft;
        var read = await forms.ReadAsync(definition, posted, item, keepDraft, ModelState, cancellationToken);
        if (read.Change is null)
        {
            return View(nameof(Edit), new ContentEditorViewModel { Form = await forms.PrepareAsync(User, read.Form, cancellationToken), Item = item, Autosave = CanAutosave(definition, item) });
        }

        var result = await edit.SaveAsync(definition, item.ContentItemId, read.Form.Revision, read.Change, CurrentUserId, publish: !keepDraft, cancellationToken);
        if (result.Outcome == EditOutcome.Removed)
        {
            return NotFound(); // removed while the user was editing
        }

        if (result.Outcome == EditOutcome.Conflict)
        {
            // Nothing is lost: the user's input stays in the form, the table shows what differs, and the
            // form now carries the current revision so that saving again deliberately overwrites.
            var current = result.Item!;
            read.Form.Revision = current.Revision;
            var (conflicts, author, bySelf) = await views.ConflictAsync(User, definition, current, read.Change, cancellationToken);
            logger.LogInformation("Edit conflict on content item {ContentItemId} for user {UserId}", item.ContentItemId, CurrentUserId);
            return View(nameof(Edit), new ContentEditorViewModel
            {
                Form = await forms.PrepareAsync(User, read.Form, cancellationToken),
                Item = current,
                Conflicts = conflicts,
                ConflictAuthor = author,
                ConflictBySelf = bySelf,
                Autosave = CanAutosave(definition, current),
            });
        }

        var saved = result.Item!;
        logger.LogInformation("Content item {ContentItemId} updated by user {UserId} (version {Version})", saved.ContentItemId, CurrentUserId, saved.Version);
        TempData["Message"] = keepDraft
            ? localizer["Utkastet är sparat. Det är inte inskickat ännu."].Value
            : wasDraft && saved.Published
                ? localizer["Tack! \"{0}\" är inskickat. Referens: {1}.", saved.DisplayText, ContentItemUrls.Reference(saved.ContentItemId)].Value
                : localizer["Ändringarna är sparade."].Value;
        return Redirect(ContentItemUrls.Detail(definition.Name, saved.ContentItemId));
    }

    [HttpPost("{type}/{id}/autospara")]
    public async Task<IActionResult> Autosave(string type, string id, [FromServices] EditWithConflictCheck edit, CancellationToken cancellationToken)
    {
        var (definition, item) = await FindVisibleAsync(type, id, cancellationToken);
        if (definition is null || item is null)
        {
            return NotFound();
        }

        if (item.OwnerId != CurrentUserId || !await authorizer.CanAsync(User, definition, item, ContentAction.EditOwn, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden, new { message = localizer["Bara den som skapade utkastet kan spara det automatiskt."].Value });
        }

        if (!CanAutosave(definition, item))
        {
            return Conflict(new { message = localizer["Ärendet är inte längre ett utkast och sparas inte automatiskt. Spara med knappen."].Value, revision = item.Revision });
        }

        var read = await forms.ReadAsync(definition, await Request.ReadFormAsync(cancellationToken), item, draft: true, ModelState, cancellationToken);
        if (read.Change is null)
        {
            var errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return BadRequest(new { message = localizer["Utkastet kunde inte sparas automatiskt: {0}", errors.FirstOrDefault() ?? ""].Value, errors });
        }

        var result = await edit.SaveAsync(definition, item.ContentItemId, read.Form.Revision, read.Change, CurrentUserId, publish: false, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Removed:
                return NotFound();
            case EditOutcome.Conflict:
                return Conflict(new
                {
                    message = (result.Item!.AuthorId == CurrentUserId
                        ? localizer["Du själv har sparat ärendet i en annan flik kl. {0}. Tryck på Spara utkast för att se skillnaderna.", ContentDates.Time(result.Item.ModifiedUtc)]
                        : localizer["Någon annan har sparat ärendet under tiden. Tryck på Spara utkast för att se skillnaderna."]).Value,
                    revision = result.Item.Revision,
                });
        }

        var saved = result.Item!;
        var time = ContentDates.Time(saved.ModifiedUtc);
        return Json(new
        {
            revision = saved.Revision,
            savedAt = ContentDates.Iso(saved.ModifiedUtc),
            savedAtText = time,
            message = localizer["Utkastet sparades kl. {0}", time].Value,
        });
    }

    [HttpGet("{type}/{id}/ta-bort")]
    public async Task<IActionResult> Delete(string type, string id, CancellationToken cancellationToken)
    {
        var (definition, item, denied) = await FindPermittedAsync(type, id, ContentAction.DeleteOwn, cancellationToken);
        return denied ?? View(new ContentDeleteViewModel { Type = definition!, Item = item! });
    }

    [HttpPost("{type}/{id}/ta-bort")]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeletePost(string type, string id, [FromServices] IContentManager contents, CancellationToken cancellationToken)
    {
        var (definition, item, denied) = await FindPermittedAsync(type, id, ContentAction.DeleteOwn, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        await contents.RemoveAsync(definition!, item!.ContentItemId, CurrentUserId, cancellationToken);
        logger.LogInformation("Content item {ContentItemId} removed by user {UserId}", item.ContentItemId, CurrentUserId);
        TempData["Message"] = localizer["\"{0}\" är borttaget.", item.DisplayText].Value;
        return Redirect(ContentItemUrls.List(definition!.Name));
    }

    [HttpGet("{type}/{id}/fil/{fileId}")]
    public async Task<IActionResult> Download(string type, string id, string fileId, [FromServices] IFileStore files, CancellationToken cancellationToken)
    {
        var (definition, item) = await FindVisibleAsync(type, id, cancellationToken);
        if (definition is null || item is null)
        {
            return NotFound();
        }

        var file = ContentItemViews.FileOf(definition, item, fileId);
        if (file is null || await files.OpenReadAsync(file.Id, cancellationToken) is not { } stream)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        var contentType = ContentTypes.TryGetContentType(file.Name, out var known) ? known : "application/octet-stream";
        return File(stream, contentType, file.Name); // Content-Disposition: attachment
    }

    /// <summary>The type and the item, when both exist and the user may see the item; otherwise the item is null.</summary>
    private async Task<(ContentTypeDefinition? Type, ContentItem? Item)> FindVisibleAsync(string type, string id, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(type, cancellationToken);
        return definition is null ? (null, null) : (definition, await visible.FindAsync(User, definition, id, cancellationToken));
    }

    /// <summary>404 when the user may not see the item (or it does not exist), 403 when they see it but may not do <paramref name="action"/>.</summary>
    private async Task<(ContentTypeDefinition? Type, ContentItem? Item, IActionResult? Denied)> FindPermittedAsync(string type, string id, ContentAction action, CancellationToken cancellationToken)
    {
        var (definition, item) = await FindVisibleAsync(type, id, cancellationToken);
        if (definition is null || item is null)
        {
            return (null, null, NotFound());
        }

        return await authorizer.CanAsync(User, definition, item, action, cancellationToken)
            ? (definition, item, null)
            : (definition, item, StatusCode(StatusCodes.Status403Forbidden));
    }

    private bool CanAutosave(ContentTypeDefinition type, ContentItem item) =>
        type.Drafts && !item.Published && item.OwnerId == ContentAuthorizer.UserId(User);

    private static int ParsePage(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? Math.Min(page, MaxPage) : 1;
}
