using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Contents.Items;

/// <summary>What a user changes in an item: the title, the unit and the field values.</summary>
public sealed record ContentChange(string DisplayText, int? OrganisationUnitId, JsonObject Data);

public interface IContentManager
{
    Task<ContentItem?> GetLatestAsync(string contentItemId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default);

    Task<ContentItem> CreateAsync(ContentTypeDefinition type, ContentChange change, string ownerId, bool publish, CancellationToken cancellationToken = default);

    /// <summary>Saves a change made to the version with <paramref name="expectedRevision"/>; throws <see cref="ContentConcurrencyException"/> if it is stale.</summary>
    Task<ContentItem> UpdateAsync(ContentTypeDefinition type, string contentItemId, int expectedRevision, ContentChange change, string actorId, bool publish, CancellationToken cancellationToken = default);

    /// <summary>Removes the item from every list. Its versions stay in the database (public records).</summary>
    Task RemoveAsync(ContentTypeDefinition type, string contentItemId, string actorId, CancellationToken cancellationToken = default);
}

public sealed class ContentManager(PortalDbContext db, IEnumerable<IContentHandler> handlers, TimeProvider clock) : IContentManager
{
    private DbSet<ContentItem> Items => db.Set<ContentItem>();

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
        var now = clock.GetUtcNow().UtcDateTime;
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
        var context = new ContentContext(item, type, null, ownerId);
        foreach (var handler in handlers)
        {
            await handler.CreatedAsync(context, cancellationToken);
            if (item.Published)
            {
                await handler.PublishedAsync(context, cancellationToken);
            }
        }

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

        var previous = Snapshot(latest);
        var now = clock.GetUtcNow().UtcDateTime;
        var becomesPublished = publish || latest.Published || !type.Drafts;
        ContentItem saved;

        // A draft that was never submitted is the author's scratch pad: its saves (autosave every
        // few seconds) change it in place. Versions start with what others have seen.
        var keepsVersions = type.Versioned && (latest.Published || becomesPublished);
        if (keepsVersions)
        {
            // The old row stops being latest; its revision check makes a concurrent save fail here.
            latest.Latest = false;
            latest.Revision++;
            if (becomesPublished)
            {
                await Items.Where(i => i.ContentItemId == contentItemId && i.Published && i.Id != latest.Id)
                    .ForEachAsync(i => i.Published = false, cancellationToken);
                latest.Published = false;
            }

            saved = new ContentItem
            {
                ContentItemId = latest.ContentItemId,
                ContentType = latest.ContentType,
                Version = latest.Version + 1,
                OwnerId = latest.OwnerId,
                AuthorId = actorId,
                Latest = true,
                Published = becomesPublished || previous.Published,
                CreatedUtc = latest.CreatedUtc,
                ModifiedUtc = now,
                PublishedUtc = latest.PublishedUtc,
                WorkflowState = latest.WorkflowState,
                AssignedTo = latest.AssignedTo,
                Revision = latest.Revision + 1,
            };
            Items.Add(saved);
        }
        else
        {
            saved = latest;
            saved.AuthorId = actorId;
            saved.ModifiedUtc = now;
            saved.Revision++;
            saved.Published = becomesPublished;
        }

        Apply(saved, change);
        var newlyPublished = saved.Published && !previous.Published;
        if (newlyPublished)
        {
            saved.PublishedUtc = now;
        }

        var context = new ContentContext(saved, type, previous, actorId);
        foreach (var handler in handlers)
        {
            await handler.UpdatedAsync(context, cancellationToken);
            if (newlyPublished)
            {
                await handler.PublishedAsync(context, cancellationToken);
            }
        }

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

    private async Task RemoveCoreAsync(ContentTypeDefinition type, string contentItemId, string actorId, CancellationToken cancellationToken)
    {
        var versions = await Items.Where(i => i.ContentItemId == contentItemId).ToListAsync(cancellationToken);
        var latest = versions.FirstOrDefault(v => v.Latest);
        if (latest is null)
        {
            return;
        }

        var previous = Snapshot(latest);
        foreach (var version in versions)
        {
            version.Latest = false;
            version.Published = false;
        }

        latest.Revision++;
        foreach (var handler in handlers)
        {
            await handler.RemovedAsync(new ContentContext(latest, type, previous, actorId), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Apply(ContentItem item, ContentChange change)
    {
        item.DisplayText = change.DisplayText.Trim();
        item.NormalizedTitle = item.DisplayText.ToLowerInvariant();
        item.OrganisationUnitId = change.OrganisationUnitId;
        item.SetData(change.Data);
    }

    private static ContentItem Snapshot(ContentItem item) => new()
    {
        Id = item.Id,
        ContentItemId = item.ContentItemId,
        ContentType = item.ContentType,
        Version = item.Version,
        Latest = item.Latest,
        Published = item.Published,
        DisplayText = item.DisplayText,
        NormalizedTitle = item.NormalizedTitle,
        OwnerId = item.OwnerId,
        AuthorId = item.AuthorId,
        OrganisationUnitId = item.OrganisationUnitId,
        WorkflowState = item.WorkflowState,
        AssignedTo = item.AssignedTo,
        CreatedUtc = item.CreatedUtc,
        ModifiedUtc = item.ModifiedUtc,
        PublishedUtc = item.PublishedUtc,
        Revision = item.Revision,
        Data = item.Data,
    };
}
