using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Idesluss;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kvalitetsportal.IntegrationTests.Platform;

/// <summary>A portal of its own: these tests break its database, data folder and index.</summary>
public sealed class BreakablePortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };
}

/// <summary>
/// "Tell the truth when broken": /health/ready is 503 while the database does not take a write,
/// the data folder does not take a file or the search index fails, and 200 again by itself when
/// the cause goes. Files are made unwritable with chattr +i (the tests run as root, for whom chmod
/// changes nothing; open handles keep writing, so the portal's pooled connections are replaced);
/// PostgreSQL is made read-only for the portal's database and its sessions are ended.
/// </summary>
[Collection(nameof(ReadinessTests))]
public sealed partial class ReadinessTests(BreakablePortal portal) : IClassFixture<BreakablePortal>
{
    [Fact]
    public async Task An_unwritable_database_makes_the_portal_not_ready_and_writes_answer_503_until_it_recovers_by_itself()
    {
        var anna = PortalClient.Create(portal);
        await anna.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync());

        await using (await MakeDatabaseUnwritableAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyAsync());
            var refused = await SubmitIdeaAsync(anna, "Idé medan databasen är skrivskyddad");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("kan inte ta emot ändringar", html);
            Assert.Contains("lang=\"sv\"", html);
        }

        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(until: HttpStatusCode.OK, seconds: 60));
        var saved = await SubmitIdeaAsync(anna, "Idé när databasen fungerar igen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task A_data_folder_that_takes_no_file_makes_the_portal_not_ready_until_it_does()
    {
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(until: HttpStatusCode.OK, seconds: 60));
        await using (Immutable(portal.DataFolder))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyAsync());
        }

        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(until: HttpStatusCode.OK, seconds: 10));
    }

    [Fact]
    public async Task A_failing_search_index_makes_the_portal_not_ready_until_indexing_succeeds_again()
    {
        var anna = PortalClient.Create(portal);
        await anna.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(until: HttpStatusCode.OK, seconds: 60));
        var index = Path.Combine(portal.DataFolder, "search", "index");
        await using (Immutable([index, .. Directory.GetFiles(index)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SubmitIdeaAsync(anna, "Idé som indexet inte kan ta")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyAsync(seconds: 20));
        }

        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(until: HttpStatusCode.OK, seconds: 60));
    }

    /// <summary>Polls /health/ready until it answers <paramref name="until"/> (or time runs out) and returns the last answer.</summary>
    private async Task<HttpStatusCode> ReadyAsync(HttpStatusCode until = HttpStatusCode.ServiceUnavailable, int seconds = 15)
    {
        var client = PortalClient.Create(portal);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var status = (await client.GetAsync("/health/ready")).StatusCode;
            if (status == until || watch.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                return status;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<HttpResponseMessage> SubmitIdeaAsync(PortalClient client, string title)
    {
        var html = await client.GetStringAsync(IdeaUrls.Submit);
        var content = new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(html).Groups[1].Value), "FormToken" },
            { new StringContent(title), "Title" },
            { new StringContent("Köerna är långa."), "f.problem" },
            { new StringContent("Invånare"), "f.forWhom" },
            { new StringContent("Återuppringning."), "f.solution" },
            { new StringContent("Kortare väntan."), "f.benefit" },
            { new StringContent("Bemötande och service"), "f.area" },
        };
        return await client.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, content);
    }

    private async Task<IAsyncDisposable> MakeDatabaseUnwritableAsync()
    {
        if (!TestDatabase.IsPostgres)
        {
            // The file turns read-only (not the -shm, which SQLite maps: writing it would kill the process)
            // and the connections the portal holds are replaced, as they are over time: new ones open read-only.
            var db = Path.Combine(portal.DataFolder, "kvalitetsportal.db");
            var undo = Immutable([db, db + "-wal"]);
            SqliteConnection.ClearAllPools();
            return undo;
        }

        // The portal's database turns read-only for new sessions; its open sessions are ended.
        await AdminSqlAsync($"ALTER DATABASE \"{portal.PostgresDatabase}\" SET default_transaction_read_only = on; " +
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{portal.PostgresDatabase}' AND pid <> pg_backend_pid();");
        return new Undo(() => AdminSqlAsync($"ALTER DATABASE \"{portal.PostgresDatabase}\" RESET default_transaction_read_only;"));
    }

    private static async Task AdminSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection($"{TestDatabase.PostgresServer};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>chattr +i: not even root may write the files (or create files in the folders) until undone.</summary>
    private static Undo Immutable(params string[] paths)
    {
        var existing = paths.Where(p => File.Exists(p) || Directory.Exists(p)).ToArray();
        Chattr("+i", existing);
        return new Undo(() =>
        {
            Chattr("-i", existing);
            return Task.CompletedTask;
        });
    }

    private static void Chattr(string flag, string[] paths)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true };
        start.ArgumentList.Add(flag);
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag}: {error}");
    }

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();
}
