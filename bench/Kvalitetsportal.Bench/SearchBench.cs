using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kvalitetsportal.Bench;

/// <summary>
/// Search benchmark: N generated Swedish items are indexed through the change log (as if saved one
/// by one through the portal), then rebuilt from the database, then searched by 16 clients as an
/// administrator (sees all) and as an employee (trimmed to her own third), next to a trivial endpoint.
/// </summary>
internal static partial class SearchBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        foreach (var count in options.ItemCounts)
        {
            var dataFolder = Path.GetFullPath(Path.Combine("artifacts", "bench", $"search-{count}"));
            if (Directory.Exists(dataFolder))
            {
                Directory.Delete(dataFolder, recursive: true);
            }

            Directory.CreateDirectory(dataFolder);
            Console.WriteLine($"== search, {count:N0} items ({dataFolder})");

            // 1. Migrations and the setup recipe; then the type, and a start that indexes it (empty), so
            //    the items below arrive through the change log rather than by a rebuild.
            await using (var first = await PortalProcess.StartAsync(options.AppPath, dataFolder))
            {
                Console.WriteLine($"   first start ready in {first.ReadyAfter.TotalMilliseconds:0} ms");
            }

            await ContentSeeder.SeedTypeAsync(dataFolder);
            await using (var second = await PortalProcess.StartAsync(options.AppPath, dataFolder))
            {
                using var admin = await second.SignedInClientAsync(1);
                await WaitAsync(admin, s => s.Lag == 0 && !s.Rebuilding, TimeSpan.FromSeconds(60));
            }

            var seedWatch = Stopwatch.StartNew();
            var seeded = await ContentSeeder.SeedItemsAsync(dataFolder, count, logTasks: true);
            Console.WriteLine($"   seeded {count:N0} items and log entries in {seedWatch.Elapsed.TotalSeconds:0.0} s");

            // 2. Start: the indexer reads the log from its cursor and indexes every item.
            var started = Stopwatch.StartNew();
            await using var portal = await PortalProcess.StartAsync(options.AppPath, dataFolder);
            using var client = await portal.SignedInClientAsync(options.Clients);
            var caughtUp = await WaitAsync(client, s => s.Lag == 0 && s.Documents == count, TimeSpan.FromMinutes(5));
            var logSeconds = started.Elapsed.TotalSeconds - portal.ReadyAfter.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   change log: {caughtUp.Documents:N0} documents indexed {logSeconds:0.0} s after the app was ready ({count / logSeconds:0} items/s, batches of 500, one commit each)"));

            // 3. A full rebuild from the database, timed by the indexer itself.
            var before = caughtUp.RebuildMilliseconds;
            await client.PostAsync(new Uri("/admin/sok/bygg-om", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await TokenAsync(client, "/admin/sok") }));
            var rebuilt = await WaitAsync(client, s => !s.Rebuilding && s.RebuildMilliseconds is not null && s.RebuildMilliseconds != before, TimeSpan.FromMinutes(5));
            var rebuildSeconds = rebuilt.RebuildMilliseconds!.Value / 1000.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   full rebuild: {rebuilt.RebuildDocuments:N0} documents in {rebuildSeconds:0.0} s ({rebuilt.RebuildDocuments / rebuildSeconds:0} items/s)"));

            // 4. Searches at 16 clients, once the rebuild's after-work has settled.
            await portal.WaitUntilQuietAsync();
            using var employee = await portal.SignedInClientAsync(options.Clients, PortalProcess.EmployeeEmail, PortalProcess.SamplePassword);
            var duration = TimeSpan.FromSeconds(options.Seconds);
            var warmup = TimeSpan.FromSeconds(2);
            var year = DateTime.UtcNow.Year - 1;
            var facets = $"&enhet={seeded.BusyUnitId}&ar={year}";
            string[] oneWord = ["bygglov", "hemtjänsten", "matsvinn", "tolkbokning", "förskolan", "protokoll", "läkemedel", "introduktionen"];
            string[] twoWords = ["schemaläggning hemtjänst", "väntetid bygglov", "matsvinn skolkök", "kön förskolan", "felanmälan gatubelysning", "arkivering protokoll", "tolk möte", "rutin läkemedel"];
            string One(int i) => "/sok?q=" + Uri.EscapeDataString(oneWord[i % oneWord.Length]);
            string Two(int i) => "/sok?q=" + Uri.EscapeDataString(twoWords[i % twoWords.Length]) + facets;
            string[] vocabulary = [.. oneWord.Concat(twoWords.SelectMany(w => w.Split(' '))).Distinct()];
            string Random2(int i) => "/sok?q=" + Uri.EscapeDataString(vocabulary[Random.Shared.Next(vocabulary.Length)] + " " + vocabulary[Random.Shared.Next(vocabulary.Length)]) + "&sida=" + Random.Shared.Next(1, 11).ToString(CultureInfo.InvariantCulture);
            var baseline = await LoadRunner.RunAsync(client, "trivial /health/live", _ => "/health/live", options.Clients, duration, warmup);
            var results = new List<LoadResult>
            {
                await LoadRunner.RunAsync(client, "admin: 1 word", One, options.Clients, duration, warmup),
                await LoadRunner.RunAsync(client, "admin: 2 words + unit + year", Two, options.Clients, duration, warmup),
                await LoadRunner.RunAsync(employee, "employee (own only): 1 word", One, options.Clients, duration, warmup),
                await LoadRunner.RunAsync(employee, "employee: 2 words + unit + year", Two, options.Clients, duration, warmup),
                // A random pair of 22 words on a random page 1-10 (some 4 600 searches): answers mostly not remembered yet (ADR 11).
                await LoadRunner.RunAsync(client, "admin: random 2 words and page", Random2, options.Clients, duration, warmup),
                await LoadRunner.RunAsync(employee, "employee: random 2 words and page", Random2, options.Clients, duration, warmup),
                await LoadRunner.RunAsync(employee, "employee: similar items API", i => $"/api/search/similar?type={ContentSeeder.TypeName}&text=" + Uri.EscapeDataString("Väntetiden i bygglov är för lång, invånarna hör av sig flera gånger till kontaktcenter"), options.Clients, duration, warmup),
            };
            LoadRunner.Print(results, baseline);

            // One client at a time: the time a search costs when it does not queue behind 15 others.
            var alone = new List<LoadResult>
            {
                await LoadRunner.RunAsync(client, "admin: 1 word, 1 client", One, 1, duration, warmup),
                await LoadRunner.RunAsync(employee, "employee: 2 words + facets, 1 client", Two, 1, duration, warmup),
            };
            LoadRunner.Print(alone, await LoadRunner.RunAsync(client, "trivial, 1 client", _ => "/health/live", 1, duration, warmup));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   app RSS after the run: {portal.ResidentMegabytes():0} MiB; index on disk: {IndexMegabytes(dataFolder):0} MiB; load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores"));
            Console.WriteLine();
        }

        return 0;
    }

    internal sealed record Status(int Documents, int Lag, bool Rebuilding, long? RebuildMilliseconds, int? RebuildDocuments);

    /// <summary>Polls the admin status page until <paramref name="done"/> holds.</summary>
    internal static async Task<Status> WaitAsync(HttpClient client, Func<Status, bool> done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var html = await client.GetStringAsync(new Uri("/admin/sok", UriKind.Relative));
            var match = StatusPattern().Match(html);
            if (!match.Success)
            {
                throw new InvalidOperationException("The search status page did not show its figures.");
            }

            var status = new Status(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
                match.Groups[3].Value == "1",
                match.Groups[4].Value.Length > 0 ? long.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : null,
                match.Groups[5].Value.Length > 0 ? int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture) : null);
            if (done(status))
            {
                return status;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"The search index did not get there in {timeout}: {status}");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return System.Net.WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
    }

    private static double IndexMegabytes(string dataFolder) =>
        new DirectoryInfo(Path.Combine(dataFolder, "search", "index")).EnumerateFiles().Sum(f => f.Length) / 1024.0 / 1024.0;

    [GeneratedRegex("data-documents=\"(\\d+)\" data-lag=\"(\\d+)\" data-rebuilding=\"(\\d)\" data-rebuild-ms=\"(\\d*)\" data-rebuild-documents=\"(\\d*)\"")]
    private static partial Regex StatusPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
