using System.Globalization;

namespace Kvalitetsportal.Bench;

/// <summary>
/// The CPU the portal's runtime spends re-compiling hot methods at its optimised tier (the threads
/// named ".NET Tiered Compilation Worker", which come and go): read from /proc every 100 ms and
/// summed per thread. A portal that has run for a while spends none; a benchmark that measures
/// while it is still compiling measures the compiler. Linux only; elsewhere it stays zero.
/// </summary>
internal sealed class CompilerWatch : IAsyncDisposable
{
    private const string ThreadName = ".NET Tiered Com"; // Linux keeps the first 15 characters of a thread's name
    private const double MillisecondsPerTick = 1000.0 / 100; // USER_HZ

    private readonly int _pid;
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _ticks;

    public CompilerWatch(int pid)
    {
        _pid = pid;
        _loop = OperatingSystem.IsLinux() ? Task.Run(LoopAsync) : Task.CompletedTask;
    }

    /// <summary>Compiler CPU since the watch started.</summary>
    public TimeSpan Cpu => TimeSpan.FromMilliseconds(Interlocked.Read(ref _ticks) * MillisecondsPerTick);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Sample()
    {
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_pid}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd() != ThreadName)
                    {
                        continue;
                    }

                    // Fields after the name in parentheses: utime and stime are the 12th and 13th.
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    var id = Path.GetFileName(task);
                    Interlocked.Add(ref _ticks, ticks - _seen.GetValueOrDefault(id));
                    _seen[id] = ticks;
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }
        catch (IOException)
        {
            // The portal has exited.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
