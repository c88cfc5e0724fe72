using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Contents.Queries;

public enum ContentSort
{
    Newest,
    Oldest,
    Title,
    TitleDescending,
}

/// <summary>
/// The filters a list, an export and the API share. Only indexed columns are filtered on, so a
/// page costs the same at 100 000 items as at 100.
/// </summary>
public sealed record ContentFilter
{
    public string? Text { get; init; }

    public int? UnitId { get; init; }

    public string? WorkflowState { get; init; }

    /// <summary>Only items the user owns, even when they may see all.</summary>
    public bool OnlyMine { get; init; }

    public DateTime? ModifiedFromUtc { get; init; }

    public DateTime? ModifiedToUtc { get; init; }

    public ContentSort Sort { get; init; } = ContentSort.Newest;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;
}

public sealed record ContentPage(IReadOnlyList<ContentItem> Items, int TotalCount, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>Lists the latest versions of a type's items that the user may see, trimmed on the server.</summary>
public sealed class ContentListQuery(PortalDbContext db, ContentAccessService access, ContentCountCache counts, ContentPageCache pages, IFusionCache cache)
{
    /// <summary>
    /// The workflow states a type's items are in, for the list's filter. Names only, never counts;
    /// cached for a minute because finding them reads every item of the type (and deliberately not
    /// forgotten on every save: a new state in the filter may wait that minute).
    /// </summary>
    public async Task<IReadOnlyList<string>> StatesAsync(ContentTypeDefinition type, CancellationToken cancellationToken = default) =>
        await cache.GetOrSetAsync<IReadOnlyList<string>>("contents:states:" + type.Name, async (_, ct) =>
            await db.Set<ContentItem>().AsNoTracking()
                .Where(i => i.ContentType == type.Name && i.Latest && i.WorkflowState != null)
                .Select(i => i.WorkflowState!)
                .Distinct()
                .OrderBy(s => s)
                .Take(50)
                .ToListAsync(ct),
            options => options.SetDuration(TimeSpan.FromMinutes(1)), token: cancellationToken);

    public const int MaxPageSize = 200;

    /// <summary>The query for everything the user may see of the type with the filter applied, unpaged (exports use it).</summary>
    public async Task<IQueryable<ContentItem>?> VisibleAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentFilter filter, CancellationToken cancellationToken = default) =>
        (await VisibleWithScopeAsync(user, type, filter, cancellationToken)).Query;

    private async Task<(IQueryable<ContentItem>? Query, ContentAccessScope Scope)> VisibleWithScopeAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentFilter filter, CancellationToken cancellationToken)
    {
        var userId = ContentAuthorizer.UserId(user);
        if (userId is null)
        {
            return (null, ContentAccessScope.None);
        }

        var scope = await access.ScopeAsync(user, type, ContentAccessKind.View, cancellationToken);
        if (scope.IsEmpty)
        {
            return (null, scope); // "only mine" does not open the list to someone who may not view the type at all
        }

        var query = db.Set<ContentItem>().AsNoTracking().Where(i => i.ContentType == type.Name && i.Latest).Where(scope.ToPredicate());
        if (filter.OnlyMine)
        {
            query = query.Where(i => i.OwnerId == userId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLowerInvariant();
            query = query.Where(i => i.NormalizedTitle.Contains(text));
        }

        if (filter.UnitId is int unitId)
        {
            query = query.Where(i => i.OrganisationUnitId == unitId);
        }

        if (!string.IsNullOrWhiteSpace(filter.WorkflowState))
        {
            query = query.Where(i => i.WorkflowState == filter.WorkflowState);
        }

        if (filter.ModifiedFromUtc is DateTime from)
        {
            query = query.Where(i => i.ModifiedUtc >= from);
        }

        if (filter.ModifiedToUtc is DateTime to)
        {
            query = query.Where(i => i.ModifiedUtc < to);
        }

        return (filter.Sort switch
        {
            ContentSort.Oldest => query.OrderBy(i => i.ModifiedUtc).ThenBy(i => i.Id),
            ContentSort.Title => query.OrderBy(i => i.DisplayText).ThenBy(i => i.Id),
            ContentSort.TitleDescending => query.OrderByDescending(i => i.DisplayText).ThenByDescending(i => i.Id),
            _ => query.OrderByDescending(i => i.ModifiedUtc).ThenByDescending(i => i.Id),
        }, scope);
    }

    /// <summary>One page; an empty page (not an error) when the user may see nothing.</summary>
    public async Task<ContentPage> PageAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentFilter filter, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, filter.Page);
        var (query, scope) = await VisibleWithScopeAsync(user, type, filter, cancellationToken);
        if (query is null)
        {
            return new ContentPage([], 0, 1, pageSize);
        }

        var userId = ContentAuthorizer.UserId(user);
        var total = await counts.GetOrCountAsync(type.Name, scope, filter, userId, () => query.CountAsync(cancellationToken));
        var items = await pages.GetOrReadAsync(type.Name, scope, filter, userId, page, pageSize, () => PageOfAsync(query, page, pageSize, cancellationToken));
        if (items.Count < pageSize && total != (page - 1) * pageSize + items.Count && (items.Count > 0 || page == 1))
        {
            // The remembered total is visibly wrong (another node changed items): read both afresh.
            counts.Invalidate(type.Name);
            total = await counts.GetOrCountAsync(type.Name, scope, filter, userId, () => query.CountAsync(cancellationToken));
            items = await pages.GetOrReadAsync(type.Name, scope, filter, userId, page, pageSize, () => PageOfAsync(query, page, pageSize, cancellationToken));
        }

        return new ContentPage(items, total, page, pageSize);
    }

    /// <summary>
    /// A "deferred join": the offset walks the index for ids only, then just the page's rows are
    /// read. Page 500 then costs little more than page 1, whatever the size of the rows' JSON.
    /// </summary>
    private async Task<List<ContentItem>> PageOfAsync(IQueryable<ContentItem> query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var ids = await query.Select(i => i.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Set<ContentItem>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id])];
    }

    /// <summary>"Mina ärenden": the user's own items across all types, newest first.</summary>
    public async Task<ContentPage> MineAsync(ClaimsPrincipal user, int page = 1, int pageSize = 10, CancellationToken cancellationToken = default)
    {
        var userId = ContentAuthorizer.UserId(user);
        if (userId is null)
        {
            return new ContentPage([], 0, 1, pageSize);
        }

        var query = db.Set<ContentItem>().AsNoTracking().Where(i => i.OwnerId == userId && i.Latest);
        var total = await counts.GetOrCountAcrossTypesAsync("mine:" + userId, () => query.CountAsync(cancellationToken));
        var ordered = query.OrderByDescending(i => i.ModifiedUtc).ThenByDescending(i => i.Id);
        return new ContentPage(await PageOfAsync(ordered, Math.Max(1, page), pageSize, cancellationToken), total, page, pageSize);
    }
}
