using System.Diagnostics;
using System.Globalization;

namespace Kvalitetsportal.Bench;

/// <summary>Result of hammering one URL: latencies in milliseconds and throughput.</summary>
public sealed record LoadResult(string Name, int Requests, int Errors, double Seconds, double P50, double P95, double P99)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// A bounded load: <c>clients</c> concurrent loops against one loopback URL for a fixed time,
/// after a short warm-up. Every response must be 200; anything else counts as an error.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(HttpClient client, string name, Func<int, string> url, int clients, TimeSpan duration, TimeSpan warmup)
    {
        await Loop(client, url, clients, warmup, record: null);
        var latencies = new List<double>[clients];
        var errors = new int[clients];
        var watch = Stopwatch.StartNew();
        await Loop(client, url, clients, duration, (worker, ms, ok) =>
        {
            (latencies[worker] ??= []).Add(ms);
            if (!ok)
            {
                errors[worker]++;
            }
        });
        var seconds = watch.Elapsed.TotalSeconds;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, all.Length, errors.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    private static async Task Loop(HttpClient client, Func<int, string> url, int clients, TimeSpan duration, Action<int, double, bool>? record)
    {
        var end = DateTime.UtcNow + duration;
        var tasks = Enumerable.Range(0, clients).Select(async worker =>
        {
            var i = 0;
            while (DateTime.UtcNow < end)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri(url(worker * 100_000 + i++), UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                _ = await response.Content.ReadAsByteArrayAsync();
                record?.Invoke(worker, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode);
            }
        });
        await Task.WhenAll(tasks);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static void Print(IEnumerable<LoadResult> results, LoadResult baseline)
    {
        Console.WriteLine();
        Console.WriteLine($"{"endpoint",-34} {"requests",9} {"errors",7} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"p95 / trivial",14}");
        foreach (var r in results.Prepend(baseline))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-34} {r.Requests,9} {r.Errors,7} {r.RequestsPerSecond,8:0} {r.P50,8:0.0} {r.P95,8:0.0} {r.P99,8:0.0} {r.P95 / baseline.P95,14:0.0}"));
        }
    }
}
