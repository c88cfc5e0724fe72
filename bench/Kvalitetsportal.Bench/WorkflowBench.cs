using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Web.Data;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;

namespace Kvalitetsportal.Bench;

/// <summary>
/// Workflow benchmark (issue 4): transitions per second and latency of a transition with one mail
/// activity at N concurrent clients on 10 000 items in their first state, next to the trivial
/// endpoint, after a warm-up that moves other items of the same type until the runtime has
/// finished re-compiling the hot code at its optimised tier (at least 20 s; a portal that has run
/// for a while has, one just started has not); then the time the outbox takes to drain 1 000
/// queued mails to an SMTP server in this process (netDumbster). The portal runs published, in
/// its own process, on SQLite.
/// </summary>
public static class WorkflowBench
{
    private const string Transition = "bedom";

    /// <summary>The warm-up goes on in slices of this length until the compiler is settled.</summary>
    private static readonly TimeSpan WarmupSlice = TimeSpan.FromSeconds(5);

    /// <summary>Settled: the tiered compiler used less than this share of the portal's CPU in the last slice.</summary>
    private const double SettledCompilerShare = 0.02;

    public static async Task<int> RunAsync(string[] args)
    {
        string? app = null;
        int items = 10_000, clients = 16, seconds = 10, mails = 1_000, warmupItems = 40_000, warmupSeconds = 20, warmupMaxSeconds = 120;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--app": app = Path.GetFullPath(args[i + 1]); break;
                case "--items": items = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--mails": mails = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup-items": warmupItems = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup-seconds": warmupSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup-max-seconds": warmupMaxSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        if (app is null)
        {
            Console.Error.WriteLine("usage: workflow --app <path to Kvalitetsportal.Web.dll> [--items 10000] [--clients 16] [--seconds 10] [--mails 1000] [--warmup-items 40000] [--warmup-seconds 20] [--warmup-max-seconds 120]");
            return 2;
        }

        var dataFolder = Path.GetFullPath(Path.Combine("artifacts", "bench", $"workflow-{items}"));
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }

        Directory.CreateDirectory(dataFolder);
        using var smtp = Configuration.Configure().WithAddress(System.Net.IPAddress.Loopback).WithRandomPort().Build();
        var environment = new Dictionary<string, string>
        {
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Portal__BaseUrl"] = "https://kvalitet.kommun.test",
        };
        Console.WriteLine($"== workflow: {items:N0} items (and {warmupItems:N0} for the warm-up), {clients} clients, SMTP (netDumbster) on port {smtp.Configuration.Port}; {dataFolder}");

        await using (var first = await PortalProcess.StartAsync(app, dataFolder, environment))
        {
            Console.WriteLine($"   first start ready in {first.ReadyAfter.TotalMilliseconds:0} ms");
        }

        var seedWatch = Stopwatch.StartNew();
        var seeded = await ContentSeeder.SeedAsync(dataFolder, items + warmupItems);
        await SeedWorkflowAsync(dataFolder, seeded.ItemIds);
        var measured = seeded.ItemIds.Take(items).ToList();
        var warmup = seeded.ItemIds.Skip(items).ToList();
        Console.WriteLine($"   seeded {items + warmupItems:N0} items with running workflows in {seedWatch.Elapsed.TotalSeconds:0.0} s");

        await using var portal = await PortalProcess.StartAsync(app, dataFolder, environment);
        using var client = await portal.SignedInClientAsync(clients);
        var token = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/antiforgery", UriKind.Relative)))!;
        client.DefaultRequestHeaders.Add((string)token["headerName"]!, (string)token["token"]!);

        // The search index reads the seeded items in the background first: measure once it is done and the portal is quiet.
        var indexed = Stopwatch.StartNew();
        await SearchBench.WaitAsync(client, s => !s.Rebuilding && s.Lag == 0 && (s.Documents >= items + warmupItems || indexed.Elapsed > TimeSpan.FromSeconds(20)), TimeSpan.FromMinutes(5));
        var settled = await portal.WaitUntilQuietAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   search index caught up after {indexed.Elapsed.TotalSeconds:0.0} s, the portal quiet {settled.TotalSeconds:0} s later; measuring"));

        var duration = TimeSpan.FromSeconds(seconds);
        var baseline = await LoadRunner.RunAsync(client, "trivial /health/live", _ => "/health/live", clients, duration, TimeSpan.FromSeconds(2));

        // For comparison: reading an item's workflow (state, holder, transitions, history) through the API.
        var read = await LoadRunner.RunAsync(client, "read workflow (API GET)", i => $"/api/content/{ContentSeeder.TypeName}/{measured[(int)((long)i * 7919 % measured.Count)]}/workflow", clients, duration, TimeSpan.FromSeconds(2));

        // Warm-up on the warm-up items until the runtime has finished re-compiling the transition's
        // hot code at its optimised tier, as on a portal that has run for a while: at least the set
        // time, then slice by slice until the tiered compiler is settled (or the time or the items
        // run out). Under full load the compiler's thread gets only its share of the cores, so this
        // takes longer than the same number of transitions on an idle portal would. Then the
        // measured runs on the 10 000; every item is moved once.
        await using var compiler = new CompilerWatch(portal.ProcessId);
        var nextWarm = -1;
        string? NextWarm() => Interlocked.Increment(ref nextWarm) is var w && w < warmup.Count ? warmup[w] : null;
        var warmWatch = Stopwatch.StartNew();
        await TransitionLoadAsync(client, NextWarm, clients, TimeSpan.FromSeconds(warmupSeconds), null);
        double share;
        do
        {
            var (portalBefore, compilerBefore) = (portal.CpuTime(), compiler.Cpu);
            await TransitionLoadAsync(client, NextWarm, clients, WarmupSlice, null);
            share = (compiler.Cpu - compilerBefore).TotalMilliseconds / Math.Max(1, (portal.CpuTime() - portalBefore).TotalMilliseconds);
        }
        while (share >= SettledCompilerShare && nextWarm < warmup.Count && warmWatch.Elapsed < TimeSpan.FromSeconds(warmupMaxSeconds));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   warm-up: {Math.Min(nextWarm + 1, warmup.Count):N0} transitions in {warmWatch.Elapsed.TotalSeconds:0} s; the tiered compiler took {share:P1} of the portal's CPU in the last {WarmupSlice.TotalSeconds:0} s{(share < SettledCompilerShare ? " (settled)" : nextWarm >= warmup.Count ? " (NOT settled: the warm-up items ran out)" : " (NOT settled: the time ran out)")}"));
        var next = -1;
        string? NextItem() => Interlocked.Increment(ref next) is var i && i < measured.Count ? measured[i] : null;
        var latencies = new List<double>[clients];
        var errors = new int[clients];
        var timeline = new ConcurrentQueue<(double StartMs, double Ms)>();
        Console.WriteLine($"   transitions warmed up; measuring {clients} clients for {seconds} s");
        var appCpu = portal.CpuTime();
        var compilerCpu = compiler.Cpu;
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await TransitionLoadAsync(client, NextItem, clients, duration, (worker, ms, ok) =>
        {
            (latencies[worker] ??= []).Add(ms);
            timeline.Enqueue((watch.Elapsed.TotalMilliseconds - ms, ms));
            if (!ok)
            {
                errors[worker]++;
            }
        });
        var result = Summarise($"transition + 1 mail, {clients} clients", latencies, errors, watch.Elapsed.TotalSeconds);
        var atEnd = portal.CpuTime();
        compilerCpu = compiler.Cpu - compilerCpu;
        benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpu;

        // The search index reads the changes in rounds (at most one a second under load): what the
        // run left for it is the transitions' cost too, so it is counted until the index has caught up.
        var catchUp = Stopwatch.StartNew();
        await SearchBench.WaitAsync(client, s => !s.Rebuilding && s.Lag == 0, TimeSpan.FromMinutes(5));
        var withIndex = portal.CpuTime() - appCpu;
        appCpu = atEnd - appCpu;

        // Raw figures: when each measured transition started (ms into the run) and how long it took.
        await File.WriteAllLinesAsync(Path.Combine(Path.GetDirectoryName(dataFolder)!, "workflow-transitions.tsv"),
            timeline.OrderBy(t => t.StartMs).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.StartMs:0.0}\t{t.Ms:0.00}")).Prepend("start_ms\tlatency_ms"));

        // The same with one client: what a transition costs when it does not queue behind others.
        var single = new List<double>[1];
        var singleErrors = new int[1];
        var aloneCpu = portal.CpuTime();
        watch.Restart();
        await TransitionLoadAsync(client, NextItem, 1, duration, (worker, ms, ok) =>
        {
            (single[worker] ??= []).Add(ms);
            if (!ok)
            {
                singleErrors[worker]++;
            }
        });
        var alone = Summarise("transition + 1 mail, 1 client", single, singleErrors, watch.Elapsed.TotalSeconds);
        aloneCpu = portal.CpuTime() - aloneCpu;
        LoadRunner.Print([read, result, alone], baseline);
        // Where the two cores went during the 16-client run: the portal, and this process (the load
        // generator and the SMTP server that receives the mails).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   CPU per transition ({clients} clients): portal {appCpu.TotalMilliseconds / Math.Max(1, result.Requests):0.00} ms, load generator + SMTP server {benchCpu.TotalMilliseconds / Math.Max(1, result.Requests):0.00} ms; cores busy {(appCpu + benchCpu).TotalSeconds / result.Seconds:0.00} of {Environment.ProcessorCount}; tiered compiler {compilerCpu.TotalMilliseconds / Math.Max(1, appCpu.TotalMilliseconds):P1} of the portal's; portal with 1 client {aloneCpu.TotalMilliseconds / Math.Max(1, alone.Requests):0.00} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   portal CPU per transition until the search index had read the {clients}-client run's changes ({catchUp.Elapsed.TotalSeconds:0.0} s after it): {withIndex.TotalMilliseconds / Math.Max(1, result.Requests):0.00} ms"));

        var moved = Math.Min(next + 1, measured.Count) + Math.Min(nextWarm + 1, warmup.Count);
        await using (var db = Context(dataFolder))
        {
            var committed = await db.Set<WorkflowInstance>().CountAsync(i => i.Revision == 2);
            var queued = await db.Set<OutboxMessage>().CountAsync();
            Console.WriteLine($"   committed transitions: {committed:N0} of {moved:N0} requested; outbox rows: {queued:N0}");
        }

        // Let the transitions' own mails go out, then time a drain of a fresh batch.
        var drained = await WaitAsync(async () => await PendingAsync(dataFolder) == 0, TimeSpan.FromMinutes(5));
        Console.WriteLine($"   transition mails delivered: {smtp.ReceivedEmailCount:N0} (outbox empty: {drained})");
        smtp.ClearReceivedEmail();

        var insertWatch = Stopwatch.StartNew();
        await QueueMailsAsync(dataFolder, mails);
        var queuedAt = Stopwatch.StartNew();
        Console.WriteLine($"   queued {mails:N0} mails straight into the outbox in {insertWatch.Elapsed.TotalMilliseconds:0} ms");
        double? firstAt = null;
        while (smtp.ReceivedEmailCount < mails && queuedAt.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (firstAt is null && smtp.ReceivedEmailCount > 0)
            {
                firstAt = queuedAt.Elapsed.TotalSeconds;
            }

            await Task.Delay(10);
        }

        var drainSeconds = queuedAt.Elapsed.TotalSeconds;
        var allSent = await WaitAsync(async () => await PendingAsync(dataFolder) == 0, TimeSpan.FromSeconds(30));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   outbox drain: {smtp.ReceivedEmailCount:N0} of {mails:N0} mails at the SMTP server {drainSeconds:0.00} s after they were queued (first after {firstAt ?? double.NaN:0.00} s, i.e. the poll interval); {smtp.ReceivedEmailCount / Math.Max(0.001, drainSeconds - (firstAt ?? 0)):0} mails/s once started; all marked sent: {allSent}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   app RSS after the run: {portal.ResidentMegabytes():0} MiB; load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores"));
        return 0;
    }

    private static LoadResult Summarise(string name, List<double>[] latencies, int[] errors, double seconds)
    {
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, all.Length, errors.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    private static async Task TransitionLoadAsync(HttpClient client, Func<string?> nextItem, int clients, TimeSpan duration, Action<int, double, bool>? record)
    {
        var end = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            while (DateTime.UtcNow < end && nextItem() is { } id)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync(new Uri($"/api/content/{ContentSeeder.TypeName}/{id}/workflow/transitions", UriKind.Relative), new { transition = Transition, revision = 1 });
                _ = await response.Content.ReadAsByteArrayAsync();
                record?.Invoke(worker, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode);
            }
        }));
    }

    /// <summary>Version 1 of a workflow for the seeded type, and every item running on it in its first state.</summary>
    private static async Task SeedWorkflowAsync(string dataFolder, IReadOnlyList<string> ids)
    {
        var definition = new WorkflowDefinition
        {
            ContentType = ContentSeeder.TypeName,
            DisplayName = "Bedömning",
            InitialState = "Inskickad",
            States =
            [
                new() { Name = "Inskickad", Description = "Förslaget har kommit in." },
                new() { Name = "Under bedömning", Description = "En bedömare går igenom förslaget.", Final = true },
            ],
            Transitions =
            [
                new()
                {
                    Id = Transition, From = "Inskickad", To = "Under bedömning", Label = "Börja bedöma", Roles = ["Administratör"],
                    Activities = [new SendMailActivity { Label = "Kvitto", To = new Recipient { Kind = RecipientKind.Owner }, Subject = "Ditt förslag bedöms: {{ item.title }}", Body = "Hej {{ recipient.name }}!\n\n\"{{ item.title }}\" är nu i steget {{ item.state }}.\n\n{{ item.url }}" }],
                },
            ],
        };
        var now = DateTime.UtcNow;
        await using var db = Context(dataFolder);
        db.Add(new WorkflowDefinitionRecord { ContentType = ContentSeeder.TypeName, Version = 1, Definition = WorkflowDefinitionStore.Serialize(definition), CreatedUtc = now });
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var id in ids)
        {
            db.Add(new WorkflowInstance { ContentItemId = id, ContentType = ContentSeeder.TypeName, DefinitionVersion = 1, StartedUtc = now, EnteredStateUtc = now });
        }

        await db.SaveChangesAsync();
        await db.Set<ContentItem>().Where(i => i.ContentType == ContentSeeder.TypeName).ExecuteUpdateAsync(s => s.SetProperty(i => i.WorkflowState, "Inskickad"));
    }

    private static async Task QueueMailsAsync(string dataFolder, int count)
    {
        var now = DateTime.UtcNow;
        await using var db = Context(dataFolder);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
        {
            var text = $"Hej!\n\nDet här är utskick {i} från prestandamätningen av utkorgen. Åäö ska komma fram.\n\nhttps://kvalitet.kommun.test/";
            var payload = JsonSerializer.Serialize(new MailPayload($"mottagare{i}@kommun.test", $"Mottagare {i}", $"Mätning {i}: utkorgen töms", text, $"<p>{text}</p>"), OutboxWriter.Json);
            db.Add(new OutboxMessage { Kind = OutboxMessage.MailKind, Payload = payload, CreatedUtc = now, NextAttemptUtc = now });
        }

        await db.SaveChangesAsync();
    }

    private static async Task<int> PendingAsync(string dataFolder)
    {
        await using var db = Context(dataFolder);
        return await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Pending);
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static SqlitePortalDbContext Context(string dataFolder) => new(
        new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={Path.Combine(dataFolder, "kvalitetsportal.db")}").Options,
        ContentSeeder.Catalog());

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
