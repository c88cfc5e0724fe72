using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Contents.Items;

/// <summary>
/// How other modules read content rows (lists, joins with their own tables, search indexing).
/// Read-only: every query is untracked, so nothing read here can be saved back. Writes go through
/// <see cref="IContentManager"/>.
/// </summary>
public interface IContentQuery
{
    /// <summary>Every version row of every item, untracked. Filter on <see cref="ContentItem.Latest"/> or <see cref="ContentItem.Published"/>.</summary>
    IQueryable<ContentItem> Items { get; }

    /// <summary>The latest version of each item that has not been removed.</summary>
    IQueryable<ContentItem> Latest { get; }
}

public sealed class ContentQuery(PortalDbContext db) : IContentQuery
{
    public IQueryable<ContentItem> Items => db.Set<ContentItem>().AsNoTracking();

    public IQueryable<ContentItem> Latest => Items.Where(i => i.Latest);
}
