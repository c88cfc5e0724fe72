using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Contents.Queries;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Contents.ContentItems;

/// <summary>
/// What the item pages show: a list page, an item with its fields named for a reader, and the
/// differences after an edit conflict. Users, units and referenced items are shown by name.
/// </summary>
public sealed class ContentItemViews(
    IUnitDirectory unitDirectory,
    ContentListQuery listQuery,
    ContentAuthorizer authorizer,
    ContentIdentityVisibility identity,
    FieldDisplay fieldDisplay,
    UserManager<PortalUser> users,
    ContentItemPages pages,
    IStringLocalizer<ContentItemViews> localizer)
{
    public async Task<ContentListViewModel> ListAsync(ClaimsPrincipal user, ContentTypeDefinition type, IQueryCollection query, int pageSize, bool canCreate, bool canList, CancellationToken cancellationToken)
    {
        // The same parameters as the export and the API, so "Exportera" exports exactly this list.
        var filter = ContentListParameters.Parse(query, pageSize);

        // A user who may create but not view gets an empty list, never their items through "mina".
        var page = canList ? await listQuery.PageAsync(user, type, filter, cancellationToken) : new ContentPage([], 0, 1, filter.PageSize);
        var states = canList ? await listQuery.StatesAsync(type, cancellationToken) : [];

        var units = await unitDirectory.LoadAsync(cancellationToken);
        var listFields = type.OrderedFields.Where(f => f.ShowInList && f.Kind != FieldKind.RichText).ToList();
        var data = page.Items.Select(i => i.GetData()).ToList();
        var display = await fieldDisplay.ForAsync(user, data, listFields, units, cancellationToken);
        var rows = page.Items.Select((item, n) =>
            new ContentListRow(item, [.. listFields.Select(f => display(f, data[n][f.Name]))], units.NameOf(item.OrganisationUnitId), StateOf(item))).ToList();

        return new ContentListViewModel
        {
            Type = type,
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
        };
    }

    public async Task<ContentDetailViewModel> DetailAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem item, CancellationToken cancellationToken)
    {
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var data = item.GetData();
        var fields = type.OrderedFields.ToList();
        var display = await fieldDisplay.ForAsync(user, [data], fields, units, cancellationToken);
        var shown = fields.Select(field => field.Kind switch
        {
            // Stored sanitised; sanitised again on the way out in case the sanitiser's rules tightened since.
            FieldKind.RichText => new ContentFieldDisplay(field, "", data[field.Name]?.ToString() is { Length: > 0 } html ? FieldValues.SanitizeHtml(html) : null, []),
            FieldKind.Files => new ContentFieldDisplay(field, "", null, [.. FilesOf(data, field).Select(f => (f.Name, ContentItemUrls.File(type.Name, item.ContentItemId, f.Id), f.Size))]),
            _ => new ContentFieldDisplay(field, display(field, data[field.Name]), null, []),
        }).ToList();

        // Pseudonymised types hide who submitted (and so who wrote a version) from some readers.
        var owner = await identity.MayRevealOwnerAsync(user, type, item, cancellationToken) ? await users.FindByIdAsync(item.OwnerId) : null;
        return new ContentDetailViewModel
        {
            Type = type,
            Item = item,
            Fields = shown,
            UnitName = units.NameOf(item.OrganisationUnitId),
            State = StateOf(item),
            OwnerName = owner is null ? null : FieldDisplay.NameOf(owner),
            CanEdit = await authorizer.CanAsync(user, type, item, ContentAction.EditOwn, cancellationToken),
            EditUrl = await pages.OwnEditorForAsync(user, type.Name, item.ContentItemId, cancellationToken) ?? ContentItemUrls.Edit(type.Name, item.ContentItemId),
            CanDelete = await authorizer.CanAsync(user, type, item, ContentAction.DeleteOwn, cancellationToken),
        };
    }

    /// <summary>What differs between the saved version and the user's change, field by field, and who saved it (unless that would reveal a hidden submitter).</summary>
    public async Task<(IReadOnlyList<ContentConflictRow> Rows, string? Author, bool BySelf)> ConflictAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem current, ContentChange change, CancellationToken cancellationToken)
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
        var display = await fieldDisplay.ForAsync(user, [saved, change.Data], fields, units, cancellationToken);
        foreach (var field in fields.Where(f => !JsonNode.DeepEquals(saved[f.Name], change.Data[f.Name])))
        {
            rows.Add(new ContentConflictRow(field.Label, display(field, saved[field.Name]), display(field, change.Data[field.Name])));
        }

        // The same person saving in another tab is told so, not that "someone else" saved.
        if (current.AuthorId == ContentAuthorizer.UserId(user))
        {
            return (rows, null, true);
        }

        var author = current.AuthorId == current.OwnerId && !await identity.MayRevealOwnerAsync(user, type, current, cancellationToken) ? null : await users.FindByIdAsync(current.AuthorId);
        return (rows, author is null ? null : FieldDisplay.NameOf(author), false);
    }

    /// <summary>An attached file of the item, by its id.</summary>
    public static StoredFile? FileOf(ContentTypeDefinition type, ContentItem item, string fileId)
    {
        var data = item.GetData();
        return type.Fields.Where(f => f.Kind == FieldKind.Files).SelectMany(f => FilesOf(data, f)).FirstOrDefault(f => f.Id == fileId);
    }

    private static List<StoredFile> FilesOf(JsonObject data, ContentFieldDefinition field) =>
        data[field.Name] is JsonArray array ? array.Deserialize<List<StoredFile>>(JsonSerializerOptions.Web) ?? [] : [];

    private string StateOf(ContentItem item) => item.WorkflowState ?? (item.Published ? localizer["Inskickad"].Value : localizer["Utkast"].Value);
}
