using Lucene.Net.Index;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// Lucene's concurrent merges, on threads that give way to the portal's requests: each merge
/// thread lowers its own priority before its first merge (<see cref="BackgroundPriority"/>).
/// Under a stream of changes, merging would otherwise take a full share of the cores from the
/// people waiting for a page.
/// </summary>
internal sealed class BackgroundMergeScheduler : ConcurrentMergeScheduler
{
    [ThreadStatic]
    private static bool t_lowered;

    protected override void DoMerge(MergePolicy.OneMerge merge)
    {
        if (!t_lowered)
        {
            t_lowered = true;
            BackgroundPriority.LowerCurrentThread();
        }

        base.DoMerge(merge);
    }
}
