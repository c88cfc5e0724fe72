using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Files;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Contents.TypeAdmin;

/// <summary>The rules of a field's settings form: each problem under its input, in Swedish.</summary>
public sealed class FieldRules(IStringLocalizer<FieldRules> localizer)
{
    public void CheckLabelAndHint(FieldForm form, ModelStateDictionary modelState)
    {
        if (string.IsNullOrWhiteSpace(form.Label))
        {
            modelState.AddModelError(nameof(form.Label), localizer["Skriv fältets etikett."]);
        }
        else if (form.Label.Length > 200)
        {
            modelState.AddModelError(nameof(form.Label), localizer["Etiketten får vara högst 200 tecken."]);
        }

        if (form.Hint is { Length: > 500 })
        {
            modelState.AddModelError(nameof(form.Hint), localizer["Hjälptexten får vara högst 500 tecken."]);
        }
    }

    /// <summary>Checks the posted settings field by field (errors under each input) and copies them to the field.</summary>
    public void CheckAndApply(FieldForm form, ContentFieldDefinition field, ContentTypeDefinition type, ModelStateDictionary modelState)
    {
        CheckLabelAndHint(form, modelState);
        field.Label = form.Label?.Trim() ?? "";
        field.Hint = form.Hint?.Trim() ?? "";
        field.Required = form.Required;
        field.ShowInList = form.ShowInList;
        field.Searchable = form.Searchable;
        field.MaxLength = null;
        field.Min = field.Max = null;
        field.Choices = [];
        field.Multiple = false;
        field.ReferencedType = null;
        field.AllowedExtensions = [];
        field.MaxFileSizeKb = field.MaxFiles = null;

        switch (field.Kind)
        {
            case FieldKind.ShortText or FieldKind.LongText or FieldKind.RichText:
                if (form.MaxLength is <= 0 or > 100_000)
                {
                    modelState.AddModelError(nameof(form.MaxLength), localizer["Största antal tecken måste vara mellan 1 och 100 000, eller tomt."]);
                }

                field.MaxLength = form.MaxLength;
                break;
            case FieldKind.Number:
                if (form.Min is decimal min && form.Max is decimal max && min > max)
                {
                    modelState.AddModelError(nameof(form.Max), localizer["Största värdet får inte vara mindre än minsta värdet."]);
                }

                field.Min = form.Min;
                field.Max = form.Max;
                break;
            case FieldKind.Choice:
                var choices = form.Choices();
                if (choices.Count == 0)
                {
                    modelState.AddModelError(nameof(form.ChoicesText), localizer["Skriv minst ett alternativ, ett per rad."]);
                }
                else if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
                {
                    modelState.AddModelError(nameof(form.ChoicesText), localizer["Samma alternativ står två gånger."]);
                }
                else if (choices.Any(c => c.Length > 200))
                {
                    modelState.AddModelError(nameof(form.ChoicesText), localizer["Ett alternativ får vara högst 200 tecken."]);
                }

                field.Choices = choices;
                field.Multiple = form.Multiple;
                break;
            case FieldKind.ContentReference:
                if (string.IsNullOrEmpty(form.ReferencedType) || (form.ReferencedType != type.Name && form.OtherTypes.All(t => t.Name != form.ReferencedType)))
                {
                    modelState.AddModelError(nameof(form.ReferencedType), localizer["Välj vilken innehållstyp fältet hänvisar till."]);
                }

                field.ReferencedType = form.ReferencedType;
                break;
            case FieldKind.Files:
                var extensions = form.AllowedExtensions.Where(e => !string.IsNullOrEmpty(e)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (extensions.Count == 0)
                {
                    modelState.AddModelError(nameof(form.AllowedExtensions), localizer["Välj minst en tillåten filtyp."]);
                }
                else if (extensions.Any(e => !UploadCheck.KnownExtensions.Contains(e, StringComparer.OrdinalIgnoreCase)))
                {
                    modelState.AddModelError(nameof(form.AllowedExtensions), localizer["Välj bara filtyper i listan."]);
                }

                if (form.MaxFileSizeMb is <= 0 or > 100)
                {
                    modelState.AddModelError(nameof(form.MaxFileSizeMb), localizer["Största filstorlek måste vara mellan 1 och 100 MB, eller tomt."]);
                }

                if (form.MaxFiles is <= 0 or > 50)
                {
                    modelState.AddModelError(nameof(form.MaxFiles), localizer["Högst antal filer måste vara mellan 1 och 50, eller tomt."]);
                }

                field.AllowedExtensions = [.. extensions.Select(e => e.ToLowerInvariant())];
                field.MaxFileSizeKb = form.MaxFileSizeMb * 1024;
                field.MaxFiles = form.MaxFiles;
                break;
        }
    }
}
