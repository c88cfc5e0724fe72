using System.Diagnostics;
using System.Globalization;

namespace Kvalitetsportal.Bench;

/// <summary>
/// Idésluss benchmark (issue 6): 100 000 ideas of the module's own type, 10 per cent assessed, and
/// the pages people use most at 16 concurrent clients next to the trivial endpoint: the employee's
/// start page ("Mina ärenden"), the coordinator's board with two filters, the idea page and the
/// statistics page. The portal runs published, in its own process, on SQLite.
/// </summary>
internal static class IdeslussBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? app = null;
        int items = 100_000, clients = 16, seconds = 10, aloneSeconds = 3;
        var reuse = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--app": app = Path.GetFullPath(args[++i]); break;
                case "--items": items = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--alone-seconds": aloneSeconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--reuse": reuse = true; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        if (app is null)
        {
            Console.Error.WriteLine("usage: idesluss --app <path to Kvalitetsportal.Web.dll> [--items 100000] [--clients 16] [--seconds 10] [--alone-seconds 3] [--reuse]");
            return 2;
        }

        var loadBefore = LoadAverage();
        var dataFolder = Path.GetFullPath(Path.Combine("artifacts", "bench", $"idesluss-{items}"));
        var seedFile = Path.Combine(dataFolder, "seed.json");
        IdeaSeed seed;
        if (reuse && File.Exists(seedFile))
        {
            seed = System.Text.Json.JsonSerializer.Deserialize<IdeaSeed>(await File.ReadAllTextAsync(seedFile))!;
            Console.WriteLine($"== idesluss: reusing {items:N0} seeded ideas in {dataFolder}");
        }
        else
        {
            if (Directory.Exists(dataFolder))
            {
                Directory.Delete(dataFolder, recursive: true);
            }

            Directory.CreateDirectory(dataFolder);
            Console.WriteLine($"== idesluss: {items:N0} ideas, {clients} clients ({dataFolder})");
            await using (var first = await PortalProcess.StartAsync(app, dataFolder))
            {
                Console.WriteLine($"   first start (migrations, setup and Idésluss recipes) ready in {first.ReadyAfter.TotalMilliseconds:0} ms");
            }

            var seedWatch = Stopwatch.StartNew();
            seed = await IdeaSeeder.SeedAsync(dataFolder, items);
            await File.WriteAllTextAsync(seedFile, System.Text.Json.JsonSerializer.Serialize(seed));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   seeded {items:N0} ideas ({seed.Assessments:N0} assessed, {seed.AnnasIdeas} of them Anna's) and {IdeaSeeder.Employees + IdeaSeeder.ExtraAssessors:N0} users in {seedWatch.Elapsed.TotalSeconds:0.0} s"));
            Console.WriteLine("   per state: " + string.Join(", ", seed.PerState.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value:N0}")));
        }

        await using var portal = await PortalProcess.StartAsync(app, dataFolder);
        using var admin = await portal.SignedInClientAsync(1);
        var indexWatch = Stopwatch.StartNew();
        var indexed = await SearchBench.WaitAsync(admin, s => s.Lag == 0 && !s.Rebuilding, TimeSpan.FromMinutes(10));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   search index caught up: {indexed.Documents:N0} documents ({indexWatch.Elapsed.TotalSeconds:0} s after ready)"));

        using var anna = await portal.SignedInClientAsync(clients, PortalProcess.EmployeeEmail, PortalProcess.SamplePassword);
        using var sara = await portal.SignedInClientAsync(clients, IdeaSeeder.SaraEmail, PortalProcess.SamplePassword);
        using var lars = await portal.SignedInClientAsync(clients, IdeaSeeder.LarsEmail, PortalProcess.SamplePassword);

        var year = DateTime.UtcNow.Year - 1;
        string Board(int i) => $"/ideer/tavla?enhet={seed.ForvaltningIds[i % seed.ForvaltningIds.Count]}&omrade={Uri.EscapeDataString(seed.Areas[i / 7 % seed.Areas.Count])}";
        string AnyIdea(int i) => "/ideer/" + seed.AllIdeaIds[(int)((long)i * 7919 % seed.AllIdeaIds.Count)];
        string PublicIdea(int i) => "/ideer/" + seed.PublicIdeaIds[(int)((long)i * 7919 % seed.PublicIdeaIds.Count)];
        string Statistics(int i) => $"/ideer/statistik?ar={year}";
        var endpoints = new (string Name, HttpClient Client, Func<int, string> Url)[]
        {
            ("employee: start page (Mina ärenden)", anna, _ => "/"),
            ("coordinator: board, unit + area", sara, Board),
            ("coordinator: board, same unit + area", sara, _ => Board(0)),
            ("coordinator: idea page (random)", sara, AnyIdea),
            ("employee: idea page (random public)", anna, PublicIdea),
            ($"management: statistics {year}", lars, Statistics),
        };

        // Every page must answer 200 before it is measured (a sign-in redirect or 404 would be fast and wrong).
        foreach (var (name, client, url) in endpoints)
        {
            using var response = await client.GetAsync(new Uri(url(1), UriKind.Relative));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{name}: {url(1)} answered {(int)response.StatusCode}");
            }
        }

        var duration = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(2);
        var baseline = await LoadRunner.RunAsync(anna, "trivial /health/live", _ => "/health/live", clients, duration, warmup);
        var results = new List<LoadResult>();
        foreach (var (name, client, url) in endpoints)
        {
            results.Add(await LoadRunner.RunAsync(client, name, url, clients, duration, warmup));
        }

        Console.WriteLine($"\n{clients} concurrent clients, {seconds} s per endpoint after a 2 s warm-up:");
        LoadRunner.Print(results, baseline);
        var loadDuring = LoadAverage();

        // One client at a time: what each page costs when it does not queue behind the others.
        var alone = new List<LoadResult>();
        var aloneDuration = TimeSpan.FromSeconds(aloneSeconds);
        foreach (var (name, client, url) in endpoints)
        {
            alone.Add(await LoadRunner.RunAsync(client, name, url, 1, aloneDuration, TimeSpan.FromSeconds(1)));
        }

        Console.WriteLine($"\n1 client, {aloneSeconds} s per endpoint:");
        LoadRunner.Print(alone, await LoadRunner.RunAsync(anna, "trivial /health/live", _ => "/health/live", 1, aloneDuration, TimeSpan.FromSeconds(1)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\n   app RSS after the run: {portal.ResidentMegabytes():0} MiB; load average (1 min) before/after the 16-client runs/at the end: {loadBefore}/{loadDuring}/{LoadAverage()} on {Environment.ProcessorCount} cores"));
        return 0;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
