using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>
/// Keeps figures whose cost grows with the number of ideas, per access scope: the board's columns
/// (counts and oldest cards per state, per filter) and the statistics' database part (per year), so neither page reads all
/// ideas on every request. Everything is forgotten as soon as an idea changes (created, edited,
/// moved by its workflow, removed, merged: see <see cref="IdeaFiguresInvalidator"/>; on every node,
/// through the cache's tag), and an entry lives at most <see cref="MaxAge"/> (statistics
/// <see cref="StatisticsMaxAge"/>), which bounds how long a change that was not announced can go
/// unseen (as the content lists' <c>ContentCountCache</c> does). What depends on the
/// organisation or the workflow definition is applied on every request, outside the cache.
/// </summary>
public sealed class IdeaFiguresCache(IFusionCache cache)
{
    /// <summary>How long the board's columns live at most (another node's change shows within this).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a year's statistics live at most: management figures over thousands of ideas, where
    /// a change that was not announced may take a few minutes to show (an announced one shows at once).
    /// </summary>
    public static readonly TimeSpan StatisticsMaxAge = TimeSpan.FromMinutes(5);

    /// <summary>The tag of every idea figure.</summary>
    public const string Tag = "idesluss:figures";

    /// <summary>Forgets every cached figure; call it whenever an idea changes.</summary>
    public void Invalidate() => cache.RemoveByTag(Tag);

    public ValueTask InvalidateAsync(CancellationToken cancellationToken) => cache.RemoveByTagAsync(Tag, token: cancellationToken);

    /// <summary>
    /// The cached counts, or <paramref name="compute"/>'s. One request per key computes at a time
    /// (the cache's stampede protection: the others wait for its result instead of all reading the
    /// year at once), and a result is not kept if an idea changed while it was being computed (its
    /// start is older than the tag's forgetting).
    /// </summary>
    public async Task<T> GetOrComputeAsync<T>(string what, ContentAccessScope scope, Func<Task<T>> compute, CancellationToken cancellationToken, TimeSpan? maxAge = null)
        where T : class =>
        await cache.GetOrSetAsync<T>($"idesluss:figures:{what}|{scope.Key}", async (_, _) => await compute(), options => options.SetDuration(maxAge ?? MaxAge), [Tag], cancellationToken);
}

/// <summary>Keeps <see cref="IdeaFiguresCache"/> honest: any committed change to an idea or an assessment (which moves it in PICK) forgets the cached figures.</summary>
internal sealed class IdeaFiguresInvalidator(IdeaFiguresCache cache) : IContentCommittedHandler
{
    public async Task CommittedAsync(ContentCommitted committed, CancellationToken cancellationToken)
    {
        if (committed.Item.ContentType is IdeaTypes.Idea or IdeaTypes.Assessment)
        {
            await cache.InvalidateAsync(cancellationToken);
        }
    }
}
