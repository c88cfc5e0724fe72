using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// Work that gives way to the portal's requests: indexing and merging can wait a moment, the
/// people waiting for a page cannot. On Linux the thread lowers its own scheduling priority
/// (nice 10: about a tenth of a core's share while requests want the cores, all of an idle one).
/// .NET's Thread.Priority has no effect on Linux, hence the system call.
/// </summary>
internal static partial class BackgroundPriority
{
    private const int Nice = 10;

    /// <summary>Lowers the calling thread's priority (Linux; elsewhere nothing happens).</summary>
    public static void LowerCurrentThread()
    {
        if (OperatingSystem.IsLinux())
        {
            // PRIO_PROCESS with who = 0 is the calling thread on Linux; raising nice needs no privilege.
            _ = SetPriority(0, 0, Nice);
        }
    }

    /// <summary>
    /// Runs an asynchronous loop on a thread of its own at lowered priority. Its awaits come back to
    /// that thread (a single-threaded synchronisation context), so the loop's CPU work never runs
    /// on the thread pool that serves requests. The task ends when the loop does.
    /// </summary>
    public static Task RunOnOwnThread(string name, Func<Task> loop)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            LowerCurrentThread();
            var context = new SingleThreadContext();
            SynchronizationContext.SetSynchronizationContext(context);
            Task task;
            try
            {
                task = loop();
            }
#pragma warning disable CA1031 // Handed to the caller through the task.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                finished.TrySetException(exception);
                return;
            }

            task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            context.RunUntilComplete();
            if (task.IsFaulted)
            {
                finished.TrySetException(task.Exception!.InnerExceptions);
            }
            else if (task.IsCanceled)
            {
                finished.TrySetCanceled();
            }
            else
            {
                finished.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return finished.Task;
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    /// <summary>Runs posted continuations one by one on the thread that calls <see cref="RunUntilComplete"/>.</summary>
    private sealed class SingleThreadContext : SynchronizationContext
    {
        private readonly Channel<(SendOrPostCallback Callback, object? State)> _queue = Channel.CreateUnbounded<(SendOrPostCallback, object?)>(new UnboundedChannelOptions { SingleReader = true });

        public override void Post(SendOrPostCallback d, object? state)
        {
            if (!_queue.Writer.TryWrite((d, state)))
            {
                // The loop has ended; whatever still comes back runs on the thread pool rather than nowhere.
                ThreadPool.QueueUserWorkItem(s => d(s), state, preferLocal: false);
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("This thread takes posted work only.");

        public override SynchronizationContext CreateCopy() => this;

        public void Complete() => _queue.Writer.TryComplete();

        public void RunUntilComplete()
        {
            var reader = _queue.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var work))
                {
                    work.Callback(work.State);
                }
            }
        }
    }
}
