using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Queries;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Organisation.Data;

namespace Kvalitetsportal.Contents.ContentItems;

/// <summary>A type the user may work with, on /innehall.</summary>
public sealed record ContentTypeLink(ContentTypeDefinition Type, bool CanCreate);

public sealed class ContentTypesViewModel
{
    public required IReadOnlyList<ContentTypeLink> Types { get; init; }
}

/// <summary>One column value of a list row.</summary>
public sealed record ContentListRow(ContentItem Item, IReadOnlyList<string> Columns, string? UnitName, string State);

public sealed class ContentListViewModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required IReadOnlyList<ContentFieldDefinition> ListFields { get; init; }

    public required IReadOnlyList<ContentListRow> Rows { get; init; }

    public required ContentPage Page { get; init; }

    public required IReadOnlyList<UnitOption> Units { get; init; }

    public required IReadOnlyList<string> States { get; init; }

    public bool CanCreate { get; init; }

    /// <summary>The user may see items of the type (own or all), and so may export the list.</summary>
    public bool CanList { get; init; }

    public string? Text { get; init; }

    public int? UnitId { get; init; }

    public string? State { get; init; }

    public bool OnlyMine { get; init; }

    public string Sort { get; init; } = ContentListParameters.SortNewest;

    /// <summary>The list's URL with the current filters and another page number.</summary>
    public string PageUrl(int page) => ContentItemUrls.List(Type.Name) + Query(page);

    /// <summary>The export (<c>xlsx</c> or <c>csv</c>) of the list with the current filters; an export has every page.</summary>
    public string ExportUrl(string extension) => ContentItemUrls.List(Type.Name) + "/export." + extension + Query(1);

    private string Query(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("q", Text);
        Add("enhet", UnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("status", State);
        Add("mina", OnlyMine ? "1" : null);
        Add("sortering", Sort == ContentListParameters.SortNewest ? null : Sort);
        Add("sida", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return query.Count > 0 ? "?" + string.Join("&", query) : "";
    }
}

/// <summary>A field as the detail page shows it.</summary>
public sealed record ContentFieldDisplay(ContentFieldDefinition Field, string Text, string? Html, IReadOnlyList<(string Name, string Url, long Size)> Files);

public sealed class ContentDetailViewModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required ContentItem Item { get; init; }

    public required IReadOnlyList<ContentFieldDisplay> Fields { get; init; }

    public string? UnitName { get; init; }

    public required string State { get; init; }

    public string? OwnerName { get; init; }

    public bool CanEdit { get; init; }

    /// <summary>Where "Ändra" leads: the generic edit page, or the module's own form for the user.</summary>
    public string EditUrl { get; init; } = "";

    public bool CanDelete { get; init; }

    public bool IsDraft => !Item.Published;

    public string Reference => ContentItemUrls.Reference(Item.ContentItemId);
}

/// <summary>A difference between what is saved now and what the user sent, shown after a conflict.</summary>
public sealed record ContentConflictRow(string Label, string Saved, string Yours);

public sealed class ContentEditorViewModel
{
    public required ContentFormModel Form { get; init; }

    /// <summary>The item being edited; null on the create page.</summary>
    public ContentItem? Item { get; init; }

    /// <summary>The one-time token of the create form.</summary>
    public string? FormToken { get; init; }

    /// <summary>Set after a save that lost against someone else's: what is saved now against the user's values.</summary>
    public IReadOnlyList<ContentConflictRow>? Conflicts { get; init; }

    public string? ConflictAuthor { get; init; }

    /// <summary>The conflicting save was the user's own, in another tab or window.</summary>
    public bool ConflictBySelf { get; init; }

    public ContentTypeDefinition Type => Form.Type;

    public bool IsDraft => Item is null ? Type.Drafts : !Item.Published;

    /// <summary>Autosave runs on the edit page of the user's own draft.</summary>
    public bool Autosave { get; init; }
}

public sealed class ContentDeleteViewModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required ContentItem Item { get; init; }
}
