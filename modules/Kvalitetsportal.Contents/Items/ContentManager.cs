using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Contents.Items;

/// <summary>What a user changes in an item: the title, the unit and the field values.</summary>
public sealed record ContentChange(string DisplayText, int? OrganisationUnitId, JsonObject Data);

/// <summary>What a workflow changes in an item: its state and holder, and the fields a step set (null: none).</summary>
public sealed record ContentMove(string? WorkflowState, string? AssignedTo, JsonObject? Data = null);

/// <summary>
/// The one writer of content items. Every change of an item (its fields, its state and holder, its
/// versions) goes through here, runs the <see cref="IContentHandler"/>s once and, after the
/// commit, the <see cref="IContentCommittedHandler"/>s. Other modules read through <see cref="IContentQuery"/>.
/// </summary>
public interface IContentManager
{
    Task<ContentItem?> GetLatestAsync(string contentItemId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default);

    Task<ContentItem> CreateAsync(ContentTypeDefinition type, ContentChange change, string ownerId, bool publish, CancellationToken cancellationToken = default);

    /// <summary>Saves a change made to the version with <paramref name="expectedRevision"/>; throws <see cref="ContentConcurrencyException"/> if it is stale.</summary>
    Task<ContentItem> UpdateAsync(ContentTypeDefinition type, string contentItemId, int expectedRevision, ContentChange change, string actorId, bool publish, CancellationToken cancellationToken = default);

    /// <summary>
    /// A workflow move (a transition, a timer, an assignment, a new definition version): the state
    /// and holder change on the item's current rows, and fields a step set make a new version as an
    /// edit would. Added to the unit of work, NOT saved: the caller commits it together with its own
    /// rows (history, outbox, timers). A stale <paramref name="expectedRevision"/> throws
    /// <see cref="ContentConcurrencyException"/>; a race lost at the save throws DbUpdateConcurrencyException.
    /// </summary>
    Task<ContentItem> MoveAsync(ContentTypeDefinition type, string contentItemId, int expectedRevision, ContentMove move, string actorId, CancellationToken cancellationToken = default);

    /// <summary>Removes the item from every list. Its versions stay in the database (public records).</summary>
    Task RemoveAsync(ContentTypeDefinition type, string contentItemId, string actorId, CancellationToken cancellationToken = default);
}

public sealed class ContentManager(
    PortalDbContext db,
    IEnumerable<IContentHandler> handlers,
    IEnumerable<IContentCommittedHandler> committedHandlers,
    TimeProvider clock) : IContentManager
{
    private DbSet<ContentItem> Items => db.Set<ContentItem>();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<ContentItem?> GetLatestAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        Items.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Latest, cancellationToken);

    public async Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        await Items.AsNoTracking().Where(i => i.ContentItemId == contentItemId).OrderByDescending(i => i.Version).ToListAsync(cancellationToken);

    public Task<ContentItem> CreateAsync(ContentTypeDefinition type, ContentChange change, string ownerId, bool publish, CancellationToken cancellationToken = default) =>
        InTransactionAsync(() => CreateCoreAsync(type, change, ownerId, publish, cancellationToken), cancellationToken);

    public Task<ContentItem> UpdateAsync(ContentTypeDefinition type, string contentItemId, int expectedRevision, ContentChange change, string actorId, bool publish, CancellationToken cancellationToken = default) =>
        InTransactionAsync(() => UpdateCoreAsync(type, contentItemId, expectedRevision, change, actorId, publish, cancellationToken), cancellationToken);

    public Task RemoveAsync(ContentTypeDefinition type, string contentItemId, string actorId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async () =>
        {
            await RemoveCoreAsync(type, contentItemId, actorId, cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<ContentItem> MoveAsync(ContentTypeDefinition type, string contentItemId, int expectedRevision, ContentMove move, string actorId, CancellationToken cancellationToken = default)
    {
        var rows = await Items.Where(i => i.ContentItemId == contentItemId && (i.Latest || i.Published)).ToListAsync(cancellationToken);
        var latest = rows.FirstOrDefault(r => r.Latest) ?? throw new InvalidOperationException($"Content item {contentItemId} does not exist.");
        if (latest.Revision != expectedRevision)
        {
            throw new ContentConcurrencyException(latest.Snapshot());
        }

        var previous = latest.Snapshot();
        ContentItem saved;
        if (move.Data is { } data)
        {
            // A field set by the workflow is a change of the item: a new version (when the type keeps
            // versions), with its author and audit entry, like any other save.
            saved = await ReviseAsync(type, latest, actorId, publish: false, cancellationToken);
            saved.SetData(data);
        }
        else
        {
            // The item changed (state, holder): an edit form opened before is now stale.
            saved = latest;
            saved.Revision++;
            saved.ModifiedUtc = Now;
        }

        foreach (var row in rows.Where(r => r.Latest || r.Published).Append(saved).Distinct())
        {
            row.WorkflowState = move.WorkflowState;
            row.AssignedTo = move.AssignedTo;
        }

        var context = new ContentContext(saved, type, previous, actorId, this);
        foreach (var handler in handlers)
        {
            await handler.TransitionedAsync(context, cancellationToken);
        }

        AfterCommit(context, ContentEvents.Transitioned);
        return saved;
    }

    /// <summary>
    /// A save and everything its handlers do commit together, even when a handler saves nested
    /// work of its own (a workflow that creates a linked item). Inside a caller's transaction
    /// (a workflow transition, a recipe) the caller commits.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<ContentItem> CreateCoreAsync(ContentTypeDefinition type, ContentChange change, string ownerId, bool publish, CancellationToken cancellationToken)
    {
        var now = Now;
        var item = new ContentItem
        {
            ContentItemId = Guid.NewGuid().ToString("N"),
            ContentType = type.Name,
            OwnerId = ownerId,
            AuthorId = ownerId,
            Latest = true,
            Published = publish || !type.Drafts,
            CreatedUtc = now,
            ModifiedUtc = now,
        };
        Apply(item, change);
        if (item.Published)
        {
            item.PublishedUtc = now;
        }

        Items.Add(item);
        var context = new ContentContext(item, type, null, ownerId, this);
        foreach (var handler in handlers)
        {
            await handler.CreatedAsync(context, cancellationToken);
            if (item.Published)
            {
                await handler.PublishedAsync(context, cancellationToken);
            }
        }

        AfterCommit(context, ContentEvents.Created | (item.Published ? ContentEvents.Published : ContentEvents.None));
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    private async Task<ContentItem> UpdateCoreAsync(ContentTypeDefinition type, string contentItemId, int expectedRevision, ContentChange change, string actorId, bool publish, CancellationToken cancellationToken)
    {
        var latest = await Items.FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Latest, cancellationToken)
            ?? throw new InvalidOperationException($"Content item {contentItemId} does not exist.");
        if (latest.Revision != expectedRevision)
        {
            throw new ContentConcurrencyException(latest);
        }

        var previous = latest.Snapshot();
        var saved = await ReviseAsync(type, latest, actorId, publish, cancellationToken);
        Apply(saved, change);
        var newlyPublished = saved.Published && !previous.Published;
        if (newlyPublished)
        {
            saved.PublishedUtc = saved.ModifiedUtc;
        }

        var context = new ContentContext(saved, type, previous, actorId, this);
        foreach (var handler in handlers)
        {
            await handler.UpdatedAsync(context, cancellationToken);
            if (newlyPublished)
            {
                await handler.PublishedAsync(context, cancellationToken);
            }
        }

        AfterCommit(context, ContentEvents.Updated | (newlyPublished ? ContentEvents.Published : ContentEvents.None));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ContentConcurrencyException(await GetLatestAsync(contentItemId, cancellationToken) ?? previous);
        }

        return saved;
    }

    /// <summary>
    /// The row a change is written to: a new version, or the latest row itself. A draft that was
    /// never submitted is the author's scratch pad: its saves (autosave every few seconds) change it
    /// in place. Versions start with what others have seen.
    /// </summary>
    private async Task<ContentItem> ReviseAsync(ContentTypeDefinition type, ContentItem latest, string actorId, bool publish, CancellationToken cancellationToken)
    {
        var now = Now;
        var wasPublished = latest.Published;
        var becomesPublished = publish || wasPublished || !type.Drafts;
        if (!type.Versioned || !(wasPublished || becomesPublished))
        {
            latest.AuthorId = actorId;
            latest.ModifiedUtc = now;
            latest.Revision++;
            latest.Published = becomesPublished;
            return latest;
        }

        // The old row stops being latest; its revision check makes a concurrent save fail here.
        latest.Latest = false;
        latest.Revision++;
        if (becomesPublished)
        {
            await Items.Where(i => i.ContentItemId == latest.ContentItemId && i.Published && i.Id != latest.Id)
                .ForEachAsync(i => i.Published = false, cancellationToken);
            latest.Published = false;
        }

        var saved = new ContentItem
        {
            ContentItemId = latest.ContentItemId,
            ContentType = latest.ContentType,
            Version = latest.Version + 1,
            OwnerId = latest.OwnerId,
            AuthorId = actorId,
            Latest = true,
            Published = becomesPublished || wasPublished,
            CreatedUtc = latest.CreatedUtc,
            ModifiedUtc = now,
            PublishedUtc = latest.PublishedUtc,
            DisplayText = latest.DisplayText,
            NormalizedTitle = latest.NormalizedTitle,
            OrganisationUnitId = latest.OrganisationUnitId,
            Data = latest.Data,
            WorkflowState = latest.WorkflowState,
            AssignedTo = latest.AssignedTo,
            Revision = latest.Revision + 1,
        };
        Items.Add(saved);
        return saved;
    }

    private async Task RemoveCoreAsync(ContentTypeDefinition type, string contentItemId, string actorId, CancellationToken cancellationToken)
    {
        var versions = await Items.Where(i => i.ContentItemId == contentItemId).ToListAsync(cancellationToken);
        var latest = versions.FirstOrDefault(v => v.Latest);
        if (latest is null)
        {
            return;
        }

        var previous = latest.Snapshot();
        foreach (var version in versions)
        {
            version.Latest = false;
            version.Published = false;
        }

        latest.Revision++;
        var context = new ContentContext(latest, type, previous, actorId, this);
        foreach (var handler in handlers)
        {
            await handler.RemovedAsync(context, cancellationToken);
        }

        AfterCommit(context, ContentEvents.Removed);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Tells the committed handlers once this unit of work has committed (never if it rolls back).</summary>
    private void AfterCommit(ContentContext context, ContentEvents events)
    {
        if (!committedHandlers.Any())
        {
            return;
        }

        var committed = new ContentCommitted(context.Type, context.Item, events, context.ActorId);
        db.AfterCommit.Add(async cancellationToken =>
        {
            foreach (var handler in committedHandlers)
            {
                await handler.CommittedAsync(committed, cancellationToken);
            }
        });
    }

    private static void Apply(ContentItem item, ContentChange change)
    {
        item.DisplayText = change.DisplayText.Trim();
        item.NormalizedTitle = item.DisplayText.ToLowerInvariant();
        item.OrganisationUnitId = change.OrganisationUnitId;
        item.SetData(change.Data);
    }
}
