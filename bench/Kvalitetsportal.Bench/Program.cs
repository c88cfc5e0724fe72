using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Bench;

// Content list/detail benchmark (issue "Content types and fields"), search benchmark (issue
// "Search with Lucene"), workflow benchmark (issue "Workflows") and Idésluss benchmark (issue 6): see bench/README.md.
if (args.Length > 0 && args[0] == "workflow")
{
    return await WorkflowBench.RunAsync(args);
}

if (args.Length > 0 && args[0] == "idesluss")
{
    return await IdeslussBench.RunAsync(args);
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: content|search --app <path to Kvalitetsportal.Web.dll> [--items 10000,100000] [--seconds 10] [--clients 16]");
    return 2;
}

if (options.Mode == "search")
{
    return await SearchBench.RunAsync(options);
}

foreach (var count in options.ItemCounts)
{
    var dataFolder = Path.GetFullPath(Path.Combine("artifacts", "bench", $"content-{count}"));
    if (Directory.Exists(dataFolder))
    {
        Directory.Delete(dataFolder, recursive: true);
    }

    Directory.CreateDirectory(dataFolder);
    Console.WriteLine($"== {count:N0} items ({dataFolder})");

    // 1. First start: migrations and the setup recipe; then stop and seed straight into the database.
    await using (var first = await PortalProcess.StartAsync(options.AppPath, dataFolder))
    {
        Console.WriteLine($"   first start ready in {first.ReadyAfter.TotalMilliseconds:0} ms");
    }

    var seedWatch = Stopwatch.StartNew();
    var seeded = await ContentSeeder.SeedAsync(dataFolder, count);
    Console.WriteLine($"   seeded {count:N0} items in {seedWatch.Elapsed.TotalSeconds:0.0} s ({count / seedWatch.Elapsed.TotalSeconds:0} items/s)");

    // 2. Start again and measure as a signed-in administrator (who may see every item).
    await using var portal = await PortalProcess.StartAsync(options.AppPath, dataFolder);
    using var client = await portal.SignedInClientAsync(options.Clients);

    // The search index builds itself from the seeded items in the background: measure once it is done.
    var indexed = Stopwatch.StartNew();
    // (A rebuild starts within a poll interval when the seeded type is searchable; give it 20 s to show.)
    await SearchBench.WaitAsync(client, s => !s.Rebuilding && s.Lag == 0 && (s.Documents >= count || indexed.Elapsed > TimeSpan.FromSeconds(20)), TimeSpan.FromMinutes(5));
    var settled = await portal.WaitUntilQuietAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   search index caught up after {indexed.Elapsed.TotalSeconds:0.0} s, the portal quiet {settled.TotalSeconds:0} s later; measuring"));
    var type = ContentSeeder.TypeName;
    var results = new List<LoadResult>();
    var duration = TimeSpan.FromSeconds(options.Seconds);
    var warmup = TimeSpan.FromSeconds(2);
    var baseline = await LoadRunner.RunAsync(client, "trivial /health/live", _ => "/health/live", options.Clients, duration, warmup);
    results.Add(await LoadRunner.RunAsync(client, "list, unit filter, page 1", _ => $"/innehall/{type}?enhet={seeded.BusyUnitId}", options.Clients, duration, warmup));
    results.Add(await LoadRunner.RunAsync(client, "list, unit filter, page 500", _ => $"/innehall/{type}?enhet={seeded.BusyUnitId}&sida=500", options.Clients, duration, warmup));
    // A random one of 4 000 lists (page 1-500, four sorts, with and without the unit filter): what
    // a list costs when it is mostly not remembered yet (ADR 10).
    string[] sorts = ["nyast", "aldst", "titel", "titel-omvand"];
    results.Add(await LoadRunner.RunAsync(client, "list, random page 1-500, sort and filter", _ =>
        $"/innehall/{type}?sida={Random.Shared.Next(1, 501)}&sortering={sorts[Random.Shared.Next(sorts.Length)]}{(Random.Shared.Next(2) == 0 ? $"&enhet={seeded.BusyUnitId}" : "")}", options.Clients, duration, warmup));
    results.Add(await LoadRunner.RunAsync(client, "list, text filter, page 1", _ => $"/innehall/{type}?q=bygglov", options.Clients, duration, warmup));
    results.Add(await LoadRunner.RunAsync(client, "list, no filter, page 500", _ => $"/innehall/{type}?sida=500", options.Clients, duration, warmup));
    results.Add(await LoadRunner.RunAsync(client, "detail page", i => $"/innehall/{type}/{seeded.ItemIds[i % seeded.ItemIds.Count]}", options.Clients, duration, warmup));
    LoadRunner.Print(results, baseline);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   app RSS after the run: {portal.ResidentMegabytes():0} MiB; load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores"));
    Console.WriteLine();
}

return 0;

internal sealed record BenchOptions(string Mode, string AppPath, int[] ItemCounts, int Seconds, int Clients)
{
    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("content" or "search"))
        {
            return null;
        }

        string? app = null;
        int[] counts = [10_000, 100_000];
        int seconds = 10, clients = 16;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--app": app = args[i + 1]; break;
                case "--items": counts = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: return null;
            }
        }

        return app is null ? null : new BenchOptions(args[0], Path.GetFullPath(app), counts, seconds, clients);
    }
}

/// <summary>The published portal as its own process on a free loopback port, as in production.</summary>
internal sealed partial class PortalProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@kvalitetsportal.local";
    public const string AdminPassword = "Bench-Admin-Lösen-1";
    public const string EmployeeEmail = "anna.medarbetare@kvalitetsportal.local";
    public const string SamplePassword = "Bench-Medarbetare-1";

    private readonly Process _process;

    private PortalProcess(Process process, Uri address, TimeSpan readyAfter)
    {
        _process = process;
        Address = address;
        ReadyAfter = readyAfter;
    }

    public Uri Address { get; }

    public TimeSpan ReadyAfter { get; }

    public static async Task<PortalProcess> StartAsync(string appPath, string dataFolder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [appPath])
        {
            WorkingDirectory = Path.GetDirectoryName(appPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Portal__DataFolder"] = dataFolder;
        info.Environment["Setup__AdminPassword"] = AdminPassword;
        info.Environment["Setup__SamplePassword"] = SamplePassword; // Anna and Karl, for searches trimmed to one owner
        info.Environment["Users__SignInAttemptsPerMinute"] = "1000";
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        info.Environment["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        // BENCH_PORTAL_X=v reaches the portal as X=v (runtime knobs such as DOTNET_TieredPGO), not the bench itself.
        foreach (var entry in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>())
        {
            if (entry.Key is string key && key.StartsWith("BENCH_PORTAL_", StringComparison.Ordinal))
            {
                info.Environment[key["BENCH_PORTAL_".Length..]] = entry.Value as string;
            }
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("   app: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                if ((await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return new PortalProcess(process, address, watch.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode} before it was ready.");
            }

            await Task.Delay(50);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The portal was not ready within 90 s.");
    }

    public Task<HttpClient> SignedInClientAsync(int connections) => SignedInClientAsync(connections, AdminEmail, AdminPassword);

    public async Task<HttpClient> SignedInClientAsync(int connections, string email, string password)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false, MaxConnectionsPerServer = connections };
        var client = new HttpClient(handler) { BaseAddress = Address };
        var page = await client.GetStringAsync(new Uri("/konto/logga-in", UriKind.Relative));
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        var response = await client.PostAsync(new Uri("/konto/logga-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
    }

    /// <summary>
    /// Waits (at most a minute) until the portal has used under a tenth of a core for two seconds
    /// running: background work after a start (indexing, the collection of its garbage) is not
    /// charged to the first endpoint measured.
    /// </summary>
    public async Task<TimeSpan> WaitUntilQuietAsync()
    {
        var watch = Stopwatch.StartNew();
        var quiet = 0;
        while (quiet < 2 && watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            _process.Refresh();
            var before = _process.TotalProcessorTime;
            await Task.Delay(TimeSpan.FromSeconds(1));
            _process.Refresh();
            quiet = (_process.TotalProcessorTime - before).TotalMilliseconds < 100 ? quiet + 1 : 0;
        }

        return watch.Elapsed;
    }

    /// <summary>The CPU time the portal process has used so far (all its threads, user and kernel).</summary>
    public int ProcessId => _process.Id;

    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
