using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.Contents.ContentApi;

/// <summary>A content type as the API describes it: enough for a client to build a form.</summary>
public sealed record ContentTypeResponse(
    string Name,
    string DisplayName,
    string Description,
    string TitleLabel,
    bool Drafts,
    bool CanCreate,
    bool CanViewAll,
    IReadOnlyList<ContentFieldResponse> Fields)
{
    public static ContentTypeResponse From(ContentTypeDefinition type, bool canCreate, bool canViewAll) => new(
        type.Name,
        type.DisplayName,
        type.Description,
        type.TitleLabel,
        type.Drafts,
        canCreate,
        canViewAll,
        [.. type.OrderedFields.Select(ContentFieldResponse.From)]);
}

/// <summary>One field: its key in <c>data</c>, its label and what is allowed. File fields are read-only in the API.</summary>
public sealed record ContentFieldResponse(
    string Name,
    string Label,
    string Kind,
    string Hint,
    bool Required,
    bool ReadOnly,
    IReadOnlyList<string>? Choices,
    bool Multiple,
    int? MaxLength,
    decimal? Min,
    decimal? Max,
    string? ReferencedType,
    IReadOnlyList<string>? AllowedExtensions,
    int? MaxFileSizeKb,
    int? MaxFiles)
{
    public static ContentFieldResponse From(ContentFieldDefinition field)
    {
        var isFiles = field.Kind == FieldKind.Files;
        return new(
            field.Name,
            field.Label,
            field.Kind.ToString(),
            field.Hint,
            field.Required,
            isFiles,
            field.Kind == FieldKind.Choice ? field.Choices : null,
            field.Multiple,
            field.MaxLength,
            field.Min,
            field.Max,
            field.ReferencedType,
            isFiles ? field.AllowedExtensions : null,
            isFiles ? field.MaxFileSizeKb : null,
            isFiles ? field.MaxFiles : null);
    }
}

/// <summary>The latest version of an item. Times are UTC; <c>revision</c> goes in <c>If-Match</c> when the item is changed.</summary>
public sealed record ContentItemResponse(
    string Id,
    string Type,
    string Title,
    int? UnitId,
    string? State,
    bool Published,
    string? OwnerId,
    DateTime Created,
    DateTime Modified,
    int Revision,
    JsonObject Data)
{
    /// <param name="revealOwner">False where <see cref="Access.ContentIdentityVisibility"/> hides who submitted it: no owner id.</param>
    public static ContentItemResponse From(ContentItem item, bool revealOwner) => new(
        item.ContentItemId,
        item.ContentType,
        item.DisplayText,
        item.OrganisationUnitId,
        item.WorkflowState,
        item.Published,
        revealOwner ? item.OwnerId : null,
        DateTime.SpecifyKind(item.CreatedUtc, DateTimeKind.Utc),
        DateTime.SpecifyKind(item.ModifiedUtc, DateTimeKind.Utc),
        item.Revision,
        item.GetData());
}

/// <summary>One page of a list.</summary>
public sealed record ContentPageResponse(IReadOnlyList<ContentItemResponse> Items, int Total, int Page, int PageSize);

/// <summary>
/// What a client sends to create or change an item. <c>data</c> holds the fields by technical
/// name: text as strings, numbers as numbers (or "3,5"), dates as "2026-03-15", yes/no as
/// true/false, multiple choices as arrays, users as id or e-mail. A PUT replaces every field
/// (a field left out is emptied), except file fields, which only the form can change.
/// </summary>
public sealed class ContentWriteRequest
{
    public string? Title { get; set; }

    public int? UnitId { get; set; }

    public JsonObject? Data { get; set; }

    /// <summary>For PUT, when the client cannot send <c>If-Match</c>.</summary>
    public int? Revision { get; set; }

    /// <summary>Submit (publish) instead of saving a draft.</summary>
    public bool Publish { get; set; }
}

/// <summary>The antiforgery token a client sends in the <c>RequestVerificationToken</c> header of every POST and PUT.</summary>
public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);
