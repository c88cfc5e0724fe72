using System.Text.Json;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Organisation.Data;

namespace Kvalitetsportal.Contents.ContentForms;

public static class ContentForms
{
    /// <summary>The form for a new item (empty) or an existing one (its latest values).</summary>
    public static ContentFormModel For(ContentTypeDefinition type, ContentItem? item, IReadOnlyList<UnitOption> units, bool preview = false)
    {
        var form = new ContentFormModel { Type = type, IsPreview = preview, Units = units };
        if (item is null)
        {
            return form;
        }

        form.ContentItemId = item.ContentItemId;
        form.Revision = item.Revision;
        form.Title = item.DisplayText;
        form.UnitId = item.OrganisationUnitId;
        var data = item.GetData();
        foreach (var field in type.Fields)
        {
            if (field.Kind == FieldKind.Files)
            {
                form.Files[field.Name] = data[field.Name]?.Deserialize<List<StoredFile>>(JsonSerializerOptions.Web) ?? [];
            }
            else
            {
                form.Values[field.Name] = FieldValues.ToFormValues(field, data[field.Name]);
            }
        }

        return form;
    }
}
