using Kvalitetsportal.Contents.Definitions;

namespace Kvalitetsportal.Contents.Items;

/// <summary>What happened to an item, for handlers. <see cref="Previous"/> is the version before an update.</summary>
public sealed record ContentContext(ContentItem Item, ContentTypeDefinition Type, ContentItem? Previous, string ActorId);

/// <summary>
/// The one integration point for workflows, indexing, audit and notifications. Handlers run
/// inside the save, before it commits: whatever they add to the database commits with the item or
/// not at all. Side effects outside the database (mail, webhooks) belong in an outbox.
/// </summary>
public interface IContentHandler
{
    Task CreatedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task UpdatedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task PublishedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task RemovedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The item's workflow state or holder changed (a transition, a timer), in place on its current
    /// rows; <see cref="ContentContext.Previous"/> has the state before. By default handled as an
    /// update, so a handler that knows nothing of workflows (an indexer) still sees the new state.
    /// </summary>
    Task TransitionedAsync(ContentContext context, CancellationToken cancellationToken) => UpdatedAsync(context, cancellationToken);
}

/// <summary>A stale edit: someone saved the item after the user opened it.</summary>
public sealed class ContentConcurrencyException(ContentItem current) : Exception("Innehållet har ändrats av någon annan.")
{
    public ContentItem Current { get; } = current;
}
