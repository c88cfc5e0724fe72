using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.MyItems;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Contents.Queries;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using FormFactory = Kvalitetsportal.Contents.ContentForms.ContentForms;

namespace Kvalitetsportal.Contents.ContentItems;

/// <summary>
/// What employees do with content items: list, create, read, edit (with conflict handling),
/// remove, download attachments and autosave drafts. Every action asks <see cref="ContentAuthorizer"/>;
/// an item the user may not see answers 404 so that its existence is not revealed.
/// </summary>
[Authorize]
[Route("innehall")]
public sealed class ContentItemsController(
    IContentDefinitionStore definitions,
    IContentManager contents,
    ContentAuthorizer authorizer,
    ContentListQuery listQuery,
    IUnitDirectory unitDirectory,
    IFileStore files,
    IDataProtectionProvider protection,
    UserManager<PortalUser> users,
    OneTimeFormTokens formTokens,
    Access.ContentIdentityVisibility identity,
    FieldDisplay fieldDisplay,
    IStringLocalizer<ContentItemsController> localizer,
    ILogger<ContentItemsController> logger) : Controller
{
    public const string SaveAsInput = "SaveAs";
    public const string SaveAsDraft = "utkast";
    public const string SaveAsSubmit = "skicka";
    public const string FormTokenInput = "FormToken";
    public const int PageSize = 25;
    private const int MaxPage = 1_000_000;

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private string CurrentUserId => ContentAuthorizer.UserId(User) ?? throw new InvalidOperationException("No signed-in user.");

    /// <summary>The signed-in user's organisation unit (from the sign-in claims), if any.</summary>
    private int? SubmitterUnitId =>
        int.TryParse(User.FindFirst(Kvalitetsportal.Users.Setup.PortalClaimsPrincipalFactory.UnitClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var unit) ? unit : null;

    [HttpGet("")]
    public async Task<IActionResult> Types(CancellationToken cancellationToken)
    {
        var links = new List<ContentTypeLink>();
        foreach (var type in (await definitions.GetAllAsync(cancellationToken)).Values.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture))
        {
            var canCreate = await authorizer.CanCreateAsync(User, type, cancellationToken);
            if (canCreate || await CanListAsync(type, cancellationToken))
            {
                links.Add(new ContentTypeLink(type, canCreate));
            }
        }

        return View(new ContentTypesViewModel { Types = links });
    }

    [HttpGet("mina")]
    public async Task<IActionResult> Mine(string? sida, [FromServices] ContentItemPages pages, CancellationToken cancellationToken)
    {
        var page = await listQuery.MineAsync(User, ParsePage(sida), PageSize, cancellationToken);
        return View(await MyItemsViewModel.FromAsync(page, await definitions.GetAllAsync(cancellationToken), pages, showAllLink: false, cancellationToken));
    }

    [HttpGet("{type}")]
    public async Task<IActionResult> List(string type, CancellationToken cancellationToken)
    {
        var definition = await TypeAsync(type, cancellationToken);
        if (definition is null)
        {
            return NotFound();
        }

        var canCreate = await authorizer.CanCreateAsync(User, definition, cancellationToken);
        var canList = await CanListAsync(definition, cancellationToken);
        if (!canCreate && !canList)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        // The same parameters as the export and the API, so "Exportera" exports exactly this list.
        var filter = ContentListParameters.Parse(Request.Query, PageSize);

        // A user who may create but not view gets an empty list, never their items through "mina".
        var page = canList ? await listQuery.PageAsync(User, definition, filter, cancellationToken) : new ContentPage([], 0, 1, filter.PageSize);
        var states = canList ? await listQuery.StatesAsync(definition, cancellationToken) : [];

        var units = await unitDirectory.LoadAsync(cancellationToken);
        var listFields = definition.OrderedFields.Where(f => f.ShowInList && f.Kind != FieldKind.RichText).ToList();
        var data = page.Items.Select(i => i.GetData()).ToList();
        var display = await DisplayerAsync(data, listFields, units, cancellationToken);
        var rows = page.Items.Select((item, n) =>
            new ContentListRow(item, [.. listFields.Select(f => display(f, data[n][f.Name]))], units.NameOf(item.OrganisationUnitId), StateOf(item))).ToList();

        return View(new ContentListViewModel
        {
            Type = definition,
            ListFields = listFields,
            Rows = rows,
            Page = page,
            Units = units.Options(filter.UnitId),
            States = states,
            CanCreate = canCreate,
            CanList = canList,
            Text = filter.Text,
            UnitId = filter.UnitId,
            State = filter.WorkflowState,
            OnlyMine = filter.OnlyMine,
            Sort = ContentListParameters.SortName(filter.Sort),
        });
    }

    [HttpGet("{type}/ny")]
    public async Task<IActionResult> Create(string type, CancellationToken cancellationToken)
    {
        var definition = await TypeAsync(type, cancellationToken);
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

        form = await PrepareAsync(form, cancellationToken);
        return View(new ContentEditorViewModel { Form = form, FormToken = OneTimeFormTokens.NewToken() });
    }

    [HttpPost("{type}/ny")]
    [ActionName(nameof(Create))]
    public async Task<IActionResult> CreatePost(string type, CancellationToken cancellationToken)
    {
        var definition = await TypeAsync(type, cancellationToken);
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
        var token = posted[FormTokenInput].ToString();
        var hasToken = OneTimeFormTokens.IsWellFormed(token);
        if (hasToken)
        {
            var (claim, earlierId) = formTokens.TryClaim(userId, token);
            if (claim == OneTimeFormTokens.Claim.Done)
            {
                TempData["Message"] = localizer["Formuläret var redan skickat och sparades bara en gång. Referens: {0}.", ContentItemUrls.Reference(earlierId!)].Value;
                return Redirect(ContentItemUrls.Detail(definition.Name, earlierId!));
            }

            if (claim == OneTimeFormTokens.Claim.InProgress)
            {
                TempData["Message"] = localizer["Formuläret håller på att sparas. Det visas här när det är klart."].Value;
                return Redirect(ContentItemUrls.Mine);
            }
        }

        ContentItem item;
        try
        {
            var result = await ReadAsync(definition, null, draft, cancellationToken);
            if (result.Change is null)
            {
                if (hasToken)
                {
                    formTokens.Release(userId, token);
                }

                return View(nameof(Create), new ContentEditorViewModel
                {
                    Form = await PrepareAsync(result.Form, cancellationToken),
                    FormToken = hasToken ? token : OneTimeFormTokens.NewToken(),
                });
            }

            var change = definition.UnitFromSubmitter ? result.Change with { OrganisationUnitId = SubmitterUnitId } : result.Change;
            item = await contents.CreateAsync(definition, change, userId, publish: !draft, cancellationToken);
        }
        catch
        {
            if (hasToken)
            {
                formTokens.Release(userId, token);
            }

            throw;
        }

        if (hasToken)
        {
            formTokens.Complete(userId, token, item.ContentItemId);
        }

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
        if (definition is null || item is null)
        {
            return NotFound();
        }

        var units = await unitDirectory.LoadAsync(cancellationToken);
        var data = item.GetData();
        var fields = definition.OrderedFields.ToList();
        var display = await DisplayerAsync([data], fields, units, cancellationToken);
        var shown = fields.Select(field => field.Kind switch
        {
            // Stored sanitised; sanitised again on the way out in case the sanitiser's rules tightened since.
            FieldKind.RichText => new ContentFieldDisplay(field, "", data[field.Name]?.ToString() is { Length: > 0 } html ? FieldValues.SanitizeHtml(html) : null, []),
            FieldKind.Files => new ContentFieldDisplay(field, "", null, [.. FilesOf(data, field).Select(f => (f.Name, ContentItemUrls.File(definition.Name, item.ContentItemId, f.Id), f.Size))]),
            _ => new ContentFieldDisplay(field, display(field, data[field.Name]), null, []),
        }).ToList();

        // Pseudonymised types hide who submitted (and so who wrote a version) from some readers.
        var owner = await identity.MayRevealOwnerAsync(User, definition, item, cancellationToken) ? await users.FindByIdAsync(item.OwnerId) : null;
        return View(new ContentDetailViewModel
        {
            Type = definition,
            Item = item,
            Fields = shown,
            UnitName = units.NameOf(item.OrganisationUnitId),
            State = StateOf(item),
            OwnerName = owner is null ? null : NameOf(owner),
            CanEdit = await authorizer.CanAsync(User, definition, item, ContentAction.EditOwn, cancellationToken),
            CanDelete = await authorizer.CanAsync(User, definition, item, ContentAction.DeleteOwn, cancellationToken),
        });
    }

    [HttpGet("{type}/{id}/redigera")]
    public async Task<IActionResult> Edit(string type, string id, CancellationToken cancellationToken)
    {
        var (definition, item, denied) = await FindPermittedAsync(type, id, ContentAction.EditOwn, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var form = await PrepareAsync(FormFactory.For(definition!, item, []), cancellationToken);
        return View(new ContentEditorViewModel { Form = form, Item = item, Autosave = CanAutosave(definition!, item!) });
    }

    [HttpPost("{type}/{id}/redigera")]
    [ActionName(nameof(Edit))]
    public async Task<IActionResult> EditPost(string type, string id, CancellationToken cancellationToken)
    {
        var (definition, item, denied) = await FindPermittedAsync(type, id, ContentAction.EditOwn, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var posted = await Request.ReadFormAsync(cancellationToken);
        var wasDraft = !item!.Published;
        var keepDraft = definition!.Drafts && wasDraft && posted[SaveAsInput] == SaveAsDraft;
        var result = await ReadAsync(definition, item, keepDraft, cancellationToken);
        if (result.Change is null)
        {
            return View(nameof(Edit), new ContentEditorViewModel { Form = await PrepareAsync(result.Form, cancellationToken), Item = item, Autosave = CanAutosave(definition, item) });
        }

        ContentItem saved;
        try
        {
            saved = await contents.UpdateAsync(definition, item.ContentItemId, result.Form.Revision, result.Change, CurrentUserId, publish: !keepDraft, cancellationToken);
        }
        catch (ContentConcurrencyException conflict)
        {
            // Nothing is lost: the user's input stays in the form, the table shows what differs, and the
            // form now carries the current revision so that saving again deliberately overwrites.
            var current = conflict.Current;
            result.Form.Revision = current.Revision;
            var author = current.AuthorId == current.OwnerId && !await identity.MayRevealOwnerAsync(User, definition, current, cancellationToken) ? null : await users.FindByIdAsync(current.AuthorId);
            logger.LogInformation("Edit conflict on content item {ContentItemId} for user {UserId}", item.ContentItemId, CurrentUserId);
            return View(nameof(Edit), new ContentEditorViewModel
            {
                Form = await PrepareAsync(result.Form, cancellationToken),
                Item = current,
                Conflicts = await ConflictsAsync(definition, current, result.Change, cancellationToken),
                ConflictAuthor = author is null ? null : NameOf(author),
                Autosave = CanAutosave(definition, current),
            });
        }
        catch (InvalidOperationException)
        {
            if (await contents.GetLatestAsync(item.ContentItemId, cancellationToken) is null)
            {
                return NotFound(); // removed while the user was editing
            }

            throw;
        }

        logger.LogInformation("Content item {ContentItemId} updated by user {UserId} (version {Version})", saved.ContentItemId, CurrentUserId, saved.Version);
        TempData["Message"] = keepDraft
            ? localizer["Utkastet är sparat. Det är inte inskickat ännu."].Value
            : wasDraft && saved.Published
                ? localizer["Tack! \"{0}\" är inskickat. Referens: {1}.", saved.DisplayText, ContentItemUrls.Reference(saved.ContentItemId)].Value
                : localizer["Ändringarna är sparade."].Value;
        return Redirect(ContentItemUrls.Detail(definition.Name, saved.ContentItemId));
    }

    [HttpPost("{type}/{id}/autospara")]
    public async Task<IActionResult> Autosave(string type, string id, CancellationToken cancellationToken)
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

        var result = await ReadAsync(definition, item, draft: true, cancellationToken);
        if (result.Change is null)
        {
            var errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return BadRequest(new { message = localizer["Utkastet kunde inte sparas automatiskt: {0}", errors.FirstOrDefault() ?? ""].Value, errors });
        }

        try
        {
            var saved = await contents.UpdateAsync(definition, item.ContentItemId, result.Form.Revision, result.Change, CurrentUserId, publish: false, cancellationToken);
            var time = ContentDates.Time(saved.ModifiedUtc);
            return Json(new
            {
                revision = saved.Revision,
                savedAt = ContentDates.Iso(saved.ModifiedUtc),
                savedAtText = time,
                message = localizer["Utkastet sparades kl. {0}", time].Value,
            });
        }
        catch (ContentConcurrencyException conflict)
        {
            return Conflict(new { message = localizer["Någon annan har sparat ärendet under tiden. Tryck på Spara utkast för att se skillnaderna."].Value, revision = conflict.Current.Revision });
        }
    }

    [HttpGet("{type}/{id}/ta-bort")]
    public async Task<IActionResult> Delete(string type, string id, CancellationToken cancellationToken)
    {
        var (definition, item, denied) = await FindPermittedAsync(type, id, ContentAction.DeleteOwn, cancellationToken);
        return denied ?? View(new ContentDeleteViewModel { Type = definition!, Item = item! });
    }

    [HttpPost("{type}/{id}/ta-bort")]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeletePost(string type, string id, CancellationToken cancellationToken)
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
    public async Task<IActionResult> Download(string type, string id, string fileId, CancellationToken cancellationToken)
    {
        var (definition, item) = await FindVisibleAsync(type, id, cancellationToken);
        if (definition is null || item is null)
        {
            return NotFound();
        }

        var data = item.GetData();
        var file = definition.Fields.Where(f => f.Kind == FieldKind.Files).SelectMany(f => FilesOf(data, f)).FirstOrDefault(f => f.Id == fileId);
        if (file is null || await files.OpenReadAsync(file.Id, cancellationToken) is not { } stream)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        var contentType = ContentTypes.TryGetContentType(file.Name, out var known) ? known : "application/octet-stream";
        return File(stream, contentType, file.Name); // Content-Disposition: attachment
    }

    private async Task<ContentTypeDefinition?> TypeAsync(string name, CancellationToken cancellationToken)
    {
        var all = await definitions.GetAllAsync(cancellationToken);
        return all.GetValueOrDefault(name) ?? all.Values.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<bool> CanListAsync(ContentTypeDefinition type, CancellationToken cancellationToken) =>
        await authorizer.CanViewAnyAsync(User, type, cancellationToken);

    /// <summary>The type and the item, when both exist and the user may see the item; otherwise the item is null.</summary>
    private async Task<(ContentTypeDefinition? Type, ContentItem? Item)> FindVisibleAsync(string type, string id, CancellationToken cancellationToken)
    {
        var definition = await TypeAsync(type, cancellationToken);
        if (definition is null || id.Length != 32 || !id.All(Uri.IsHexDigit))
        {
            return (definition, null);
        }

        var item = await contents.GetLatestAsync(id, cancellationToken);
        if (item is null || item.ContentType != definition.Name || !await authorizer.CanAsync(User, definition, item, ContentAction.ViewOwn, cancellationToken))
        {
            return (definition, null);
        }

        return (definition, item);
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

    private async Task<ContentFormResult> ReadAsync(ContentTypeDefinition type, ContentItem? existing, bool draft, CancellationToken cancellationToken)
    {
        var reader = new ContentFormReader(files, protection)
        {
            ResolveUserByEmail = async email => (await users.FindByEmailAsync(email))?.Id,
        };
        var posted = await Request.ReadFormAsync(cancellationToken);

        // A draft may be incomplete: required fields are not required yet, but formats and limits still apply.
        var result = await reader.ReadAsync(draft ? WithoutRequired(type) : type, posted, existing, ModelState, cancellationToken);
        return draft ? result with { Form = WithType(result.Form, type) } : result;
    }

    private static ContentTypeDefinition WithoutRequired(ContentTypeDefinition type)
    {
        var copy = JsonSerializer.Deserialize<ContentTypeDefinition>(JsonSerializer.Serialize(type, ContentDefinitionCache.Json), ContentDefinitionCache.Json)!;
        foreach (var field in copy.Fields)
        {
            field.Required = false;
        }

        return copy;
    }

    private static ContentFormModel WithType(ContentFormModel form, ContentTypeDefinition type)
    {
        var copy = new ContentFormModel { Type = type, ContentItemId = form.ContentItemId, Revision = form.Revision, Title = form.Title, UnitId = form.UnitId, Units = form.Units };
        foreach (var (key, value) in form.Values)
        {
            copy.Values[key] = value;
        }

        foreach (var (key, value) in form.Files)
        {
            copy.Files[key] = value;
        }

        foreach (var (key, value) in form.PendingFileTokens)
        {
            copy.PendingFileTokens[key] = value;
        }

        return copy;
    }

    /// <summary>Fills in what the form offers: units, items to refer to, and e-mail addresses for user fields.</summary>
    private async Task<ContentFormModel> PrepareAsync(ContentFormModel form, CancellationToken cancellationToken)
    {
        form.Units = (await unitDirectory.LoadAsync(cancellationToken)).Options(form.UnitId);
        foreach (var field in form.Type.Fields.Where(f => f.Kind == FieldKind.ContentReference && f.ReferencedType is not null))
        {
            if (await definitions.GetAsync(field.ReferencedType!, cancellationToken) is not { } referenced)
            {
                continue;
            }

            var options = await listQuery.PageAsync(User, referenced, new ContentFilter { Sort = ContentSort.Title, PageSize = ContentListQuery.MaxPageSize }, cancellationToken);
            form.ReferenceOptions[field.Name] = [.. options.Items.Where(i => i.ContentItemId != form.ContentItemId).Select(i => (i.ContentItemId, i.DisplayText))];
        }

        var userIds = form.Type.Fields.Where(f => f.Kind == FieldKind.User).Select(form.ValueOf).Where(v => v.Length > 0).Distinct().ToList();
        if (userIds.Count > 0)
        {
            foreach (var user in await users.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken))
            {
                form.UserNames[user.Id] = user.Email ?? "";
            }
        }

        return form;
    }

    /// <summary>A function that shows a field's value as text, with users, units and referenced items named.</summary>
    private Task<FieldDisplayer> DisplayerAsync(IEnumerable<JsonObject> data, IReadOnlyList<ContentFieldDefinition> fields, UnitDirectory units, CancellationToken cancellationToken) =>
        fieldDisplay.ForAsync(User, data, fields, units, cancellationToken);

    private async Task<IReadOnlyList<ContentConflictRow>> ConflictsAsync(ContentTypeDefinition type, ContentItem current, ContentChange change, CancellationToken cancellationToken)
    {
        var rows = new List<ContentConflictRow>();
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var title = change.DisplayText.Trim();
        if (!string.Equals(current.DisplayText, title, StringComparison.Ordinal))
        {
            rows.Add(new ContentConflictRow(type.TitleLabel, current.DisplayText, title));
        }

        if (current.OrganisationUnitId != change.OrganisationUnitId)
        {
            rows.Add(new ContentConflictRow(localizer["Enhet"].Value, units.NameOf(current.OrganisationUnitId) ?? "", units.NameOf(change.OrganisationUnitId) ?? ""));
        }

        var saved = current.GetData();
        var fields = type.OrderedFields.ToList();
        var display = await DisplayerAsync([saved, change.Data], fields, units, cancellationToken);
        foreach (var field in fields.Where(f => !JsonNode.DeepEquals(saved[f.Name], change.Data[f.Name])))
        {
            rows.Add(new ContentConflictRow(field.Label, display(field, saved[field.Name]), display(field, change.Data[field.Name])));
        }

        return rows;
    }

    private static List<StoredFile> FilesOf(JsonObject data, ContentFieldDefinition field) =>
        data[field.Name] is JsonArray array ? array.Deserialize<List<StoredFile>>(JsonSerializerOptions.Web) ?? [] : [];

    private static string NameOf(PortalUser user) => FieldDisplay.NameOf(user);

    private static string StateOf(ContentItem item) => item.WorkflowState ?? (item.Published ? "Inskickad" : "Utkast");

    private static int ParsePage(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? Math.Min(page, MaxPage) : 1;
}
