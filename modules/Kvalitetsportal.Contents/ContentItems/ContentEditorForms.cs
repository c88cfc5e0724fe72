using System.Security.Claims;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Queries;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Contents.ContentItems;

/// <summary>The create and edit forms of the item pages: reading what was posted, and filling in what the form offers.</summary>
public sealed class ContentEditorForms(
    IUnitDirectory unitDirectory,
    IContentDefinitionStore definitions,
    ContentListQuery listQuery,
    IFileStore files,
    IDataProtectionProvider protection,
    UserManager<PortalUser> users)
{
    /// <summary>Reads the posted form; problems go to <paramref name="modelState"/>. A draft may be incomplete: required fields are not required yet, but formats and limits still apply.</summary>
    public async Task<ContentFormResult> ReadAsync(ContentTypeDefinition type, IFormCollection posted, ContentItem? existing, bool draft, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var reader = new ContentFormReader(files, protection)
        {
            ResolveUserByEmail = async email => (await users.FindByEmailAsync(email))?.Id,
        };
        var result = await reader.ReadAsync(draft ? type.WithoutRequired() : type, posted, existing, modelState, cancellationToken);
        return draft ? result with { Form = WithType(result.Form, type) } : result;
    }

    /// <summary>Fills in what the form offers: units, items to refer to, and e-mail addresses for user fields.</summary>
    public async Task<ContentFormModel> PrepareAsync(ClaimsPrincipal user, ContentFormModel form, CancellationToken cancellationToken)
    {
        form.Units = (await unitDirectory.LoadAsync(cancellationToken)).Options(form.UnitId);
        foreach (var field in form.Type.Fields.Where(f => f.Kind == FieldKind.ContentReference && f.ReferencedType is not null))
        {
            if (await definitions.GetAsync(field.ReferencedType!, cancellationToken) is not { } referenced)
            {
                continue;
            }

            var options = await listQuery.PageAsync(user, referenced, new ContentFilter { Sort = ContentSort.Title, PageSize = ContentListQuery.MaxPageSize }, cancellationToken);
            form.ReferenceOptions[field.Name] = [.. options.Items.Where(i => i.ContentItemId != form.ContentItemId).Select(i => (i.ContentItemId, i.DisplayText))];
        }

        var userIds = form.Type.Fields.Where(f => f.Kind == FieldKind.User).Select(form.ValueOf).Where(v => v.Length > 0).Distinct().ToList();
        if (userIds.Count > 0)
        {
            foreach (var known in await users.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken))
            {
                form.UserNames[known.Id] = known.Email ?? "";
            }
        }

        return form;
    }

    /// <summary>The form read against the draft's relaxed copy, shown again with the real type (its required marks).</summary>
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
}
