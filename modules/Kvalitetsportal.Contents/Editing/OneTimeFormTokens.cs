using System.Collections.Concurrent;

namespace Kvalitetsportal.Contents.Editing;

/// <summary>
/// Stops a create form from being saved twice (a double click, a reload after a slow answer).
/// The form carries a random token; the first post claims it, and a second post with the same
/// token is sent to the item the first one created. Tokens live for a few hours on this node;
/// a token the node does not know (expired, another node) is simply claimed.
/// </summary>
public sealed class OneTimeFormTokens(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public static string NewToken() => Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? token) => token is { Length: 32 } && token.All(Uri.IsHexDigit);

    /// <summary>
    /// Claims the token for the user. Returns <see cref="Claim.New"/> when this post may save,
    /// <see cref="Claim.InProgress"/> while an earlier post with it is still saving, or
    /// <see cref="Claim.Done"/> with the id the earlier post created.
    /// </summary>
    public (Claim Claim, string? ContentItemId) TryClaim(string userId, string token)
    {
        Sweep();
        var key = userId + ":" + token;
        var fresh = new Entry(null, clock.GetUtcNow());
        var entry = _entries.GetOrAdd(key, fresh);
        if (ReferenceEquals(entry, fresh))
        {
            return (Claim.New, null);
        }

        return entry.ContentItemId is null ? (Claim.InProgress, null) : (Claim.Done, entry.ContentItemId);
    }

    /// <summary>The post that claimed the token saved an item.</summary>
    public void Complete(string userId, string token, string contentItemId) =>
        _entries[userId + ":" + token] = new Entry(contentItemId, clock.GetUtcNow());

    /// <summary>The post that claimed the token did not save (a validation error): the form may be sent again.</summary>
    public void Release(string userId, string token) => _entries.TryRemove(userId + ":" + token, out _);

    private void Sweep()
    {
        var limit = clock.GetUtcNow() - Lifetime;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Created < limit)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    public enum Claim
    {
        New,
        InProgress,
        Done,
    }

    private sealed record Entry(string? ContentItemId, DateTimeOffset Created);
}
