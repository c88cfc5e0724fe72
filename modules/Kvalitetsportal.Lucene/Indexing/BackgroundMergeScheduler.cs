using System.Runtime.InteropServices;
using Lucene.Net.Index;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// Lucene's concurrent merges, on threads that give way to the portal's requests: on Linux each
/// merge thread lowers its own scheduling priority (nice 10) before its first merge. Merging is
/// housekeeping that can wait a moment; under a stream of changes it would otherwise take a full
/// share of the cores from the people waiting for a page. (.NET's Thread.Priority has no effect
/// on Linux, hence the system call.)
/// </summary>
internal sealed partial class BackgroundMergeScheduler : ConcurrentMergeScheduler
{
    private const int Nice = 10;

    [ThreadStatic]
    private static bool t_lowered;

    protected override void DoMerge(MergePolicy.OneMerge merge)
    {
        if (!t_lowered)
        {
            t_lowered = true;
            if (OperatingSystem.IsLinux())
            {
                // PRIO_PROCESS with who = 0 is the calling thread on Linux; raising nice needs no privilege.
                _ = SetPriority(0, 0, Nice);
            }
        }

        base.DoMerge(merge);
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
