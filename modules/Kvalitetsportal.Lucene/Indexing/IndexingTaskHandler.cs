using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// Writes an <see cref="IndexingTask"/> for every content change. Runs inside the content save
/// (see <see cref="IContentHandler"/>): the task commits with the item or not at all. After the
/// commit this node's indexer is nudged, so a user finds what they just saved within moments;
/// other nodes find it on their next poll.
/// </summary>
public sealed class IndexingTaskHandler(PortalDbContext db, TimeProvider clock) : IContentHandler
{

    public Task CreatedAsync(ContentContext context, CancellationToken cancellationToken) => AddAsync(context, IndexingTask.Update);

    public Task UpdatedAsync(ContentContext context, CancellationToken cancellationToken) => AddAsync(context, IndexingTask.Update);

    // Created/Updated already logged the change; publishing is part of the same save.
    public Task PublishedAsync(ContentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemovedAsync(ContentContext context, CancellationToken cancellationToken) => AddAsync(context, IndexingTask.Remove);

    private Task AddAsync(ContentContext context, string kind)
    {
        db.Set<IndexingTask>().Add(new IndexingTask { ContentItemId = context.Item.ContentItemId, Kind = kind, CreatedUtc = clock.GetUtcNow().UtcDateTime });
        return Task.CompletedTask;
    }
}

/// <summary>Wakes this node's indexer once a content change has committed.</summary>
public sealed class IndexingNudge(SearchIndexer indexer) : IContentCommittedHandler
{
    public Task CommittedAsync(ContentCommitted committed, CancellationToken cancellationToken)
    {
        indexer.Nudge();
        return Task.CompletedTask;
    }
}
