using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Kvalitetsportal.Contents.TypeAdmin;

/// <summary>Technical names derived from Swedish display names: "Förbättringsförslag" → "Forbattringsforslag".</summary>
public static class TechnicalNames
{
    public static string ForType(string displayName) => Derive(displayName, upperFirst: true);

    public static string ForField(string label) => Derive(label, upperFirst: false);

    private static string Derive(string text, bool upperFirst)
    {
        // å, ä, ö (and é, ü …) lose their marks; everything but letters and digits separates words.
        var plain = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c);
            }
        }

        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in plain.ToString())
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        var name = new StringBuilder();
        foreach (var word in words)
        {
            name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }

        if (name.Length == 0)
        {
            return "";
        }

        if (char.IsDigit(name[0]))
        {
            name.Insert(0, upperFirst ? "T" : "f");
        }

        name[0] = upperFirst ? char.ToUpperInvariant(name[0]) : char.ToLowerInvariant(name[0]);
        return name.Length > 64 ? name.ToString(0, 64) : name.ToString();
    }
}

public static class FieldKinds
{
    public static string SwedishName(FieldKind kind) => kind switch
    {
        FieldKind.ShortText => "Kort text",
        FieldKind.LongText => "Lång text",
        FieldKind.RichText => "Formaterad text",
        FieldKind.Number => "Tal",
        FieldKind.Date => "Datum",
        FieldKind.Choice => "Val",
        FieldKind.YesNo => "Ja/nej",
        FieldKind.User => "Användare",
        FieldKind.OrganisationUnit => "Organisationsenhet",
        FieldKind.ContentReference => "Hänvisning till innehåll",
        FieldKind.Files => "Filer",
        _ => kind.ToString(),
    };

    public static string SwedishName(ContentAction action) => action switch
    {
        ContentAction.Create => "Skapa",
        ContentAction.ViewOwn => "Se egna",
        ContentAction.ViewAll => "Se alla",
        ContentAction.EditOwn => "Ändra egna",
        ContentAction.EditAll => "Ändra alla",
        ContentAction.DeleteOwn => "Ta bort egna",
        _ => "Ta bort alla",
    };
}

public sealed record TypeRow(string Name, string DisplayName, int FieldCount, string? DefinedBy);

/// <summary>The settings of a type; the technical name is chosen once, when the type is created.</summary>
public sealed class TypeSettingsForm
{
    [Display(Name = "Namn")]
    [Required(ErrorMessage = "Skriv typens namn.")]
    [StringLength(200, ErrorMessage = "Namnet får vara högst {1} tecken.")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Tekniskt namn")]
    [StringLength(64, ErrorMessage = "Det tekniska namnet får vara högst {1} tecken.")]
    public string? Name { get; set; }

    [Display(Name = "Beskrivning")]
    [StringLength(1000, ErrorMessage = "Beskrivningen får vara högst {1} tecken.")]
    public string? Description { get; set; }

    [Display(Name = "Vad titeln kallas i formuläret")]
    [StringLength(200, ErrorMessage = "Titelns namn får vara högst {1} tecken.")]
    public string? TitleLabel { get; set; }

    [Display(Name = "Utkast: ett ärende kan sparas innan det skickas in")]
    public bool Drafts { get; set; }

    [Display(Name = "Versioner: varje ändring sparar den tidigare versionen")]
    public bool Versioned { get; set; }

    [Display(Name = "Ärendet hör till inskickarens enhet (formuläret frågar inte efter enhet)")]
    public bool UnitFromSubmitter { get; set; }

    [BindNever, ValidateNever]
    public bool IsNew { get; set; }
}

/// <summary>A field's settings. Name and kind are chosen once, when the field is added.</summary>
public sealed class FieldForm
{
    [Display(Name = "Etikett")]
    public string? Label { get; set; }

    [Display(Name = "Tekniskt namn")]
    public string? Name { get; set; }

    [Display(Name = "Typ av fält")]
    public FieldKind? Kind { get; set; }

    [Display(Name = "Hjälptext")]
    public string? Hint { get; set; }

    [Display(Name = "Obligatoriskt")]
    public bool Required { get; set; }

    [Display(Name = "Visas i listan")]
    public bool ShowInList { get; set; }

    [Display(Name = "Sökbart")]
    public bool Searchable { get; set; }

    [Display(Name = "Största antal tecken")]
    public int? MaxLength { get; set; }

    [Display(Name = "Minsta värde")]
    public decimal? Min { get; set; }

    [Display(Name = "Största värde")]
    public decimal? Max { get; set; }

    [Display(Name = "Alternativ, ett per rad")]
    public string? ChoicesText { get; set; }

    [Display(Name = "Flera alternativ får väljas")]
    public bool Multiple { get; set; }

    [Display(Name = "Innehållstyp som hänvisas till")]
    public string? ReferencedType { get; set; }

    [Display(Name = "Tillåtna filtyper")]
    public List<string> AllowedExtensions { get; set; } = [];

    [Display(Name = "Största filstorlek i MB")]
    public int? MaxFileSizeMb { get; set; }

    [Display(Name = "Högst antal filer")]
    public int? MaxFiles { get; set; }

    [BindNever, ValidateNever]
    public bool IsNew { get; set; }

    /// <summary>The field belongs to a module's type: only label, hint and "required" may change.</summary>
    [BindNever, ValidateNever]
    public bool ModuleField { get; set; }

    [BindNever, ValidateNever]
    public ContentTypeDefinition Type { get; set; } = null!;

    [BindNever, ValidateNever]
    public IReadOnlyList<(string Name, string DisplayName)> OtherTypes { get; set; } = [];

    public static FieldForm From(ContentFieldDefinition field) => new()
    {
        Label = field.Label,
        Name = field.Name,
        Kind = field.Kind,
        Hint = field.Hint,
        Required = field.Required,
        ShowInList = field.ShowInList,
        Searchable = field.Searchable,
        MaxLength = field.MaxLength,
        Min = field.Min,
        Max = field.Max,
        ChoicesText = string.Join("\n", field.Choices),
        Multiple = field.Multiple,
        ReferencedType = field.ReferencedType,
        AllowedExtensions = [.. field.AllowedExtensions],
        MaxFileSizeMb = field.MaxFileSizeKb is int kb ? Math.Max(1, kb / 1024) : null,
        MaxFiles = field.MaxFiles,
    };

    public List<string> Choices() =>
        [.. (ChoicesText ?? "").Split('\n').Select(c => c.Trim()).Where(c => c.Length > 0)];
}

public sealed record RoleGrants(string Role, bool IsAdministrator, IReadOnlySet<ContentAction> Actions);

public sealed class TypeDetailsModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required IReadOnlyList<RoleGrants> Roles { get; init; }
}

public sealed class PreviewModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required IReadOnlyList<Kvalitetsportal.Organisation.Data.UnitOption> Units { get; init; }
}

public sealed class TypeListModel
{
    public required IReadOnlyList<TypeRow> Types { get; init; }
}

public sealed class ImportForm
{
    public const long MaxBytes = 1024 * 1024;

    [Display(Name = "Receptfil (JSON)")]
    public IFormFile? File { get; set; }
}

/// <summary>A recipe file read and checked, listed for the user to confirm before anything runs.</summary>
public sealed class ImportConfirmation
{
    /// <summary>The file as base64, posted back on confirmation (and checked again then).</summary>
    public string? Recipe { get; set; }

    public string? FileName { get; set; }

    public IReadOnlyList<Kvalitetsportal.Recipes.RecipeStepPreview> Steps { get; set; } = [];
}
