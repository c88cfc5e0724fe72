using System.Security.Claims;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>Who takes a transition: a signed-in user, or the portal itself (a timer).</summary>
public sealed record WorkflowActor(string? UserId, string Name, IReadOnlySet<string> Roles, ClaimsPrincipal? Principal)
{
    /// <summary>The author id written on a content version the portal itself saves.</summary>
    public const string SystemAuthorId = "system";

    public static WorkflowActor System { get; } = new(null, "Kvalitetsportalen", new HashSet<string>(), null);

    public bool IsSystem => UserId is null;

    public string AuthorId => UserId ?? SystemAuthorId;

    public static WorkflowActor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user."),
        user.FindFirst("name")?.Value ?? user.Identity?.Name ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user);
}

/// <summary>
/// One move of one item (a start, a transition, a timer) while it is being applied: the rows it
/// changes, the working copy of its fields and holder, and what it queued. Everything here is
/// added to the caller's unit of work; nothing is saved by the activities themselves.
/// </summary>
public sealed class RunContext
{
    public required ContentTypeDefinition Type { get; init; }

    public required WorkflowDefinition Definition { get; init; }

    public required WorkflowInstance Instance { get; init; }

    /// <summary>The item's latest row as it was before this move (the row being saved, when the workflow starts).</summary>
    public required ContentItem Item { get; init; }

    /// <summary>The content manager of this unit of work: activities that save items (a linked item) go through it.</summary>
    public required IContentManager Contents { get; init; }

    /// <summary>The item's fields as activities see and set them.</summary>
    public required JsonObject Data { get; init; }

    public bool DataChanged { get; set; }

    /// <summary>The holder as activities see and set it.</summary>
    public string? AssignedTo { get; set; }

    public required WorkflowActor Actor { get; init; }

    public WorkflowTransition? Transition { get; init; }

    public string? FromState { get; init; }

    public required string ToState { get; init; }

    public string? Comment { get; init; }

    /// <summary>The history entry of this move, once <see cref="WorkflowEntry.EnterAsync"/> wrote it (a decision points to it).</summary>
    public WorkflowHistoryEntry? HistoryEntry { get; set; }

    public DateTime Now { get; init; }

    /// <summary>Absolute base of links in mail, e.g. https://kvalitet.kommun.se.</summary>
    public required string BaseUrl { get; init; }

    public bool QueuedMessages { get; set; }

    public bool StartedTimers { get; set; }

    /// <summary>Where the item is read (its type's own page when a module has one, e.g. /ideer/{id}): links in mail and notices.</summary>
    public required string ItemPath { get; init; }

    /// <summary>What modules add to <c>item</c> for templates (<see cref="IWorkflowItemValues"/>).</summary>
    public Dictionary<string, object?> ItemValues { get; } = new(StringComparer.Ordinal);

    /// <summary>The template model, with the item as it is now (after earlier activities).</summary>
    public TemplateModel Model(Person? recipient = null)
    {
        var item = ItemModel(Type, Item, Data, ToState, Definition.State(ToState)?.Description, BaseUrl.TrimEnd('/') + ItemPath);
        foreach (var (name, value) in ItemValues)
        {
            item.TryAdd(name, value);
        }

        return new TemplateModel(item, Comment, Transition?.Label, Actor.Name) { RecipientName = recipient?.Name };
    }

    /// <summary><c>item</c> in a template: what a mail, a notice or the editor's preview shows of an item.</summary>
    public static Dictionary<string, object?> ItemModel(ContentTypeDefinition type, ContentItem item, JsonObject data, string state, string? stateDescription, string url)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            fields[field.Name] = FieldValues.ToDisplayText(field, data[field.Name]);
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = item.ContentItemId,
            ["title"] = item.DisplayText,
            ["url"] = url,
            ["reference"] = ContentItemUrls.Reference(item.ContentItemId),
            ["type"] = type.DisplayName,
            ["state"] = state,
            ["state_description"] = stateDescription ?? "",
            ["fields"] = fields,
        };
    }
}
