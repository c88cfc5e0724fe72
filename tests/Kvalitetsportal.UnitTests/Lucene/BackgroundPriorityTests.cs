using System.Globalization;
using Kvalitetsportal.Lucene.Indexing;

namespace Kvalitetsportal.UnitTests.Lucene;

/// <summary>The indexer's own thread: its work stays there, at a priority that gives way to requests.</summary>
public sealed class BackgroundPriorityTests
{
    [Fact]
    public async Task Every_await_of_the_loop_comes_back_to_its_own_named_thread()
    {
        var seen = new List<(int Thread, string? Name)>();
        void Note() => seen.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.Name));

        await BackgroundPriority.RunOnOwnThread("Test loop", async () =>
        {
            Note();
            await Task.Delay(20);
            Note();
            await Task.Run(() => Thread.Sleep(5)); // completes on the thread pool
            Note();
            await Task.Yield();
            Note();
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, seen.Count);
        Assert.Single(seen.Distinct());
        Assert.Equal("Test loop", seen[0].Name);
        Assert.NotEqual(Environment.CurrentManagedThreadId, seen[0].Thread);
    }

    [Fact]
    public async Task The_loop_runs_at_a_lower_priority_than_requests_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // lowered on Linux only, where the portal runs in production and in CI
        }

        int? nice = null;
        await BackgroundPriority.RunOnOwnThread("Test loop", async () =>
        {
            await Task.Yield();
            nice = NiceOfThisThread();
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(NiceOfThisThread() + 10, nice);
    }

    [Fact]
    public async Task A_failure_after_an_await_reaches_whoever_waits_for_the_loop()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundPriority.RunOnOwnThread("Test loop", async () =>
        {
            await Task.Delay(10);
            throw new InvalidOperationException("index folder gone");
        }).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("index folder gone", failure.Message);
    }

    /// <summary>The calling thread's nice value: field 19 of /proc/thread-self/stat (after the command name in parentheses).</summary>
    private static int NiceOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture); // field 19 counted from pid; fields[0] is field 3
    }
}
