using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Organisation.Data;

namespace Kvalitetsportal.Contents.ContentForms;

/// <summary>Everything the generated form needs: the type, what the user has entered, and the choices to offer.</summary>
public sealed class ContentFormModel
{
    public const string TitleInput = "Title";

    /// <summary>The title's limit; the form says it rather than cutting a pasted text silently (no maxlength).</summary>
    public const int MaxTitleLength = 300;
    public const string UnitInput = "UnitId";
    public const string RevisionInput = "Revision";

    public required ContentTypeDefinition Type { get; init; }

    public string? ContentItemId { get; set; }

    /// <summary>The revision the user started from; a save against a newer one is refused.</summary>
    public int Revision { get; set; }

    public string Title { get; set; } = "";

    public int? UnitId { get; set; }

    public Dictionary<string, IReadOnlyList<string>> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Files already attached (saved, or uploaded with a form that had errors).</summary>
    public Dictionary<string, IReadOnlyList<StoredFile>> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Uploads kept across a validation error, as a protected token so they cannot be forged.</summary>
    public Dictionary<string, string> PendingFileTokens { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<UnitOption> Units { get; set; } = [];

    /// <summary>Options for content reference fields: item id → title.</summary>
    public Dictionary<string, IReadOnlyList<(string Id, string Title)>> ReferenceOptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Display names for user fields' current values: user id → name.</summary>
    public Dictionary<string, string> UserNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The administrator's preview: inputs work, but there is nothing to submit to.</summary>
    public bool IsPreview { get; init; }

    public static string InputName(ContentFieldDefinition field) => "f." + field.Name;

    public static string InputId(ContentFieldDefinition field) => "f_" + field.Name;

    public IReadOnlyList<string> ValuesOf(ContentFieldDefinition field) => Values.GetValueOrDefault(field.Name) ?? [];

    public string ValueOf(ContentFieldDefinition field) => ValuesOf(field) is [var first, ..] ? first : "";
}
