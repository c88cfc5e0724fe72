using System.Text.RegularExpressions;

namespace Kvalitetsportal.Contents.Definitions;

/// <summary>The kinds of field an administrator can put on a content type.</summary>
public enum FieldKind
{
    ShortText,
    LongText,
    RichText,
    Number,
    Date,
    Choice,
    YesNo,
    User,
    OrganisationUnit,
    ContentReference,
    Files,
}

/// <summary>One field of a content type: what it holds, how it is asked for and what is allowed.</summary>
public sealed class ContentFieldDefinition
{
    /// <summary>Technical name, stable across label changes; the key in the item's data.</summary>
    public required string Name { get; set; }

    public required string Label { get; set; }

    public FieldKind Kind { get; set; }

    public string Hint { get; set; } = "";

    public bool Required { get; set; }

    public int Order { get; set; }

    public bool ShowInList { get; set; }

    public bool Searchable { get; set; }

    /// <summary>Text fields: the most characters allowed.</summary>
    public int? MaxLength { get; set; }

    /// <summary>Number fields: the allowed range.</summary>
    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    /// <summary>Choice fields: the options, and whether more than one may be chosen.</summary>
    public List<string> Choices { get; set; } = [];

    public bool Multiple { get; set; }

    /// <summary>Content reference fields: the type referred to.</summary>
    public string? ReferencedType { get; set; }

    /// <summary>File fields: allowed extensions (".pdf") and the largest file in kilobytes.</summary>
    public List<string> AllowedExtensions { get; set; } = [];

    public int? MaxFileSizeKb { get; set; }

    public int? MaxFiles { get; set; }
}

/// <summary>A content type: its fields and how items of it behave.</summary>
public sealed partial class ContentTypeDefinition
{
    /// <summary>Technical name, e.g. "Forbattringsforslag": letters and digits, starting with a capital.</summary>
    public required string Name { get; set; }

    public required string DisplayName { get; set; }

    public string Description { get; set; } = "";

    /// <summary>What the title is called on this type's forms, e.g. "Rubrik på idén".</summary>
    public string TitleLabel { get; set; } = "Titel";

    /// <summary>Items can be saved as drafts before they are submitted.</summary>
    public bool Drafts { get; set; } = true;

    /// <summary>Every save keeps the earlier version.</summary>
    public bool Versioned { get; set; } = true;

    /// <summary>Items belong to the submitter's organisation unit; the form does not ask for one.</summary>
    public bool UnitFromSubmitter { get; set; }

    /// <summary>The module that defined the type, or null for types administrators created.</summary>
    public string? DefinedBy { get; set; }

    /// <summary>
    /// Roles that may reach an item marked confidential (sekretess), besides its members. Empty:
    /// only the members (and no one else, whatever their other rights). See ADR 22.
    /// </summary>
    public List<string> ConfidentialRoles { get; set; } = [];

    public List<ContentFieldDefinition> Fields { get; set; } = [];

    public IEnumerable<ContentFieldDefinition> OrderedFields => Fields.OrderBy(f => f.Order).ThenBy(f => f.Name, StringComparer.Ordinal);

    public ContentFieldDefinition? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    public static bool IsValidTypeName(string name) => TypeName().IsMatch(name);

    public static bool IsValidFieldName(string name) => FieldName().IsMatch(name);

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{1,63}$")]
    private static partial Regex TypeName();

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex FieldName();
}
