using System.Globalization;
using System.Text;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Contents.Queries;

/// <summary>
/// Remembers list totals. Counting is the one part of a list page whose cost grows with the number
/// of items (a filtered COUNT reads every matching index entry: ~8 ms at 50 000), so a total is
/// kept until an item of the type changes (<see cref="Invalidate"/>, which reaches every node
/// through the cache's tags), and at most <see cref="MaxAge"/>, which bounds how long a change
/// that was not announced can go unseen.
/// </summary>
public sealed class ContentCountCache(IFusionCache cache)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>Totals across all types (e.g. "Mina ärenden") carry this tag: any item's change forgets them.</summary>
    public const string AnyTypeTag = "contents:items";

    /// <summary>A type's totals and list pages carry this tag.</summary>
    public static string TypeTag(string contentType) => "contents:type:" + contentType;

    /// <summary>Forgets every total and list page of the type; call it whenever an item of the type changes.</summary>
    public void Invalidate(string contentType) => cache.RemoveByTag([TypeTag(contentType), AnyTypeTag]);

    /// <summary>As <see cref="Invalidate"/>, without blocking on the backplane when the cache has one.</summary>
    public ValueTask InvalidateAsync(string contentType, CancellationToken cancellationToken) =>
        cache.RemoveByTagAsync([TypeTag(contentType), AnyTypeTag], token: cancellationToken);

    /// <summary>A total across all types (e.g. "Mina ärenden"), forgotten when any item changes.</summary>
    public Task<int> GetOrCountAcrossTypesAsync(string key, Func<Task<int>> count) =>
        GetOrAddAsync("contents:count:*|" + key, [AnyTypeTag], count);

    public Task<int> GetOrCountAsync(string contentType, ContentAccessScope scope, ContentFilter filter, string? userId, Func<Task<int>> count) =>
        GetOrAddAsync("contents:count:" + Key(contentType, scope, filter, userId), [TypeTag(contentType)], count);

    private async Task<int> GetOrAddAsync(string key, string[] tags, Func<Task<int>> count) =>
        await cache.GetOrSetAsync<int>(key, async (_, _) => await count(), options => options.SetDuration(MaxAge), tags);

    /// <summary>
    /// What a list shows depends on: the type, the reader's access clauses, and the filter. Pages
    /// add their sort, number and size to it.
    /// </summary>
    internal static string Key(string contentType, ContentAccessScope scope, ContentFilter filter, string? userId)
    {
        var key = new StringBuilder(contentType).Append("|c:").Append(scope.Key);
        return key.Append("|t:").Append(filter.Text?.Trim().ToLowerInvariant())
            .Append("|u:").Append(filter.UnitId?.ToString(CultureInfo.InvariantCulture))
            .Append("|s:").Append(filter.WorkflowState)
            .Append("|m:").Append(filter.OnlyMine ? userId : null)
            .Append("|f:").Append(filter.ModifiedFromUtc?.Ticks.ToString(CultureInfo.InvariantCulture))
            .Append("|to:").Append(filter.ModifiedToUtc?.Ticks.ToString(CultureInfo.InvariantCulture))
            .ToString();
    }
}

/// <summary>Keeps <see cref="ContentCountCache"/> honest: any committed change to an item forgets its type's totals.</summary>
internal sealed class ContentCountInvalidator(ContentCountCache counts) : IContentCommittedHandler
{
    public async Task CommittedAsync(ContentCommitted committed, CancellationToken cancellationToken) =>
        await counts.InvalidateAsync(committed.Item.ContentType, cancellationToken);
}
