using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;

namespace Kvalitetsportal.Contents.Items;

/// <summary>
/// What happens to an item in one save, for handlers. <see cref="Previous"/> is the version before
/// an update. A handler that runs while the item is created or published may shape the item being
/// saved (the workflow's first state, holder and fields) through <see cref="SetWorkflow"/> and
/// <see cref="SetData"/>, and may save other items in the same unit of work through
/// <see cref="Contents"/> (a workflow that creates a linked item).
/// </summary>
public sealed class ContentContext(ContentItem item, ContentTypeDefinition type, ContentItem? previous, string actorId, IContentManager contents)
{
    public ContentItem Item { get; } = item;

    public ContentTypeDefinition Type { get; } = type;

    public ContentItem? Previous { get; } = previous;

    public string ActorId { get; } = actorId;

    /// <summary>The content manager doing this save: nested saves join its unit of work.</summary>
    public IContentManager Contents { get; } = contents;

    public void SetWorkflow(string? state, string? assignedTo)
    {
        Item.WorkflowState = state;
        Item.AssignedTo = assignedTo;
    }

    public void SetData(JsonObject data) => Item.SetData(data);
}

/// <summary>
/// The one integration point for workflows, indexing, audit and projections. Handlers run inside
/// the save, before it commits, and each hook runs once per save: whatever they add to the
/// database commits with the item or not at all. Work outside the database (nudges, caches,
/// notices to other nodes) belongs in an <see cref="IContentCommittedHandler"/>; mail and webhooks
/// in the outbox.
/// </summary>
public interface IContentHandler
{
    Task CreatedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task UpdatedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task PublishedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task RemovedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A workflow moved the item (its state or holder changed, and perhaps fields a step set), see
    /// <see cref="IContentManager.MoveAsync"/>; <see cref="ContentContext.Previous"/> has the item
    /// before. By default handled as an update, so a handler that knows nothing of workflows (an
    /// indexer) still sees the new state. Runs instead of <see cref="UpdatedAsync"/>, never besides it.
    /// </summary>
    Task TransitionedAsync(ContentContext context, CancellationToken cancellationToken) => UpdatedAsync(context, cancellationToken);
}

/// <summary>What one save did to an item.</summary>
[Flags]
public enum ContentEvents
{
    None = 0,
    Created = 1,
    Updated = 2,
    Published = 4,
    Removed = 8,
    Transitioned = 16,

    /// <summary>Who may reach the item changed: its members or its secrecy marking (see <c>IContentMembers</c>).</summary>
    AccessChanged = 32,
}

/// <summary>A save that has committed: the item as saved and what happened to it.</summary>
public sealed record ContentCommitted(ContentTypeDefinition Type, ContentItem Item, ContentEvents Events, string ActorId);

/// <summary>
/// Reacts to a committed save, once per save, after the commit (search nudges, caches, signals to
/// other nodes). Never called for a save that rolled back. A failure is logged; the save stands.
/// </summary>
public interface IContentCommittedHandler
{
    Task CommittedAsync(ContentCommitted committed, CancellationToken cancellationToken);
}

/// <summary>A stale edit: someone saved the item after the user opened it.</summary>
public sealed class ContentConcurrencyException(ContentItem current) : Exception("Innehållet har ändrats av någon annan.")
{
    public ContentItem Current { get; } = current;
}
