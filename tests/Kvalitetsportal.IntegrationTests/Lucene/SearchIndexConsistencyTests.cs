using Kvalitetsportal.Lucene.Indexing;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Lucene;

/// <summary>
/// The index kept up to date from the change log equals one rebuilt from the database, and two
/// nodes on one database, each with its own index, end up with the same complete index.
/// </summary>
public sealed class SearchIndexConsistencyTests
{
    [Fact]
    public async Task The_incrementally_kept_index_equals_a_fresh_rebuild()
    {
        var portal = new SearchPortal();
        await ((IAsyncLifetime)portal).InitializeAsync();
        try
        {
            await portal.ArrangeAsync();
            await ChangeManyThingsAsync(portal, PortalFactory.EmployeeEmail);
            await portal.WaitForIndexAsync();
            var incremental = portal.IndexSnapshot();

            var report = await portal.Services.GetRequiredService<SearchIndexer>().RebuildAsync(TimeSpan.FromSeconds(60));
            var rebuilt = portal.IndexSnapshot();

            Assert.Equal(rebuilt.Count, report.Documents);
            Assert.Equal(PublishedAfterChanges, rebuilt.Count);
            Assert.Equal(rebuilt.Keys.Order(), incremental.Keys.Order());
            foreach (var (id, document) in rebuilt)
            {
                Assert.Equal(document, incremental[id]);
            }
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_change_is_searchable_at_once_and_on_disk_after_the_portal_stops()
    {
        var portal = new SearchPortal { KeepDataOnDispose = true, CommitSeconds = 600 };
        await ((IAsyncLifetime)portal).InitializeAsync();
        string id;
        long position;
        try
        {
            await portal.ArrangeAsync();
            await portal.WaitForIndexAsync();
            // Searches see a change before the durable commit, which comes seconds later or at shutdown.
            // (The indexer's first round after its start also does the hourly housekeeping, which
            // commits: a change that lands in that round is on disk at once, so another one is made.)
            var index = portal.Services.GetRequiredService<SearchIndex>();
            id = "";
            for (var attempt = 1; attempt <= 3 && (id.Length == 0 || !index.HasUncommitted); attempt++)
            {
                id = (await portal.CreateAsync(SearchPortal.IdeaType, PortalFactory.EmployeeEmail, $"Solceller på förskolans tak {attempt}", "Sänk elkostnaden med solceller.")).ContentItemId;
                await portal.WaitForIndexAsync();
            }

            Assert.True(portal.IndexSnapshot().ContainsKey(id));
            Assert.True(index.HasUncommitted);
            Assert.DoesNotContain(id, OnDisk(portal.DataFolder).Documents);
            position = index.Cursor!.Position;
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }

        // Stopping committed it with its cursor, so the next start need not read the log again.
        var stored = OnDisk(portal.DataFolder);
        Assert.Contains(id, stored.Documents);
        Assert.Equal(position, stored.Position);

        var again = portal.Restart();
        await ((IAsyncLifetime)again).InitializeAsync();
        try
        {
            await again.WaitForIndexAsync();
            Assert.True(again.IndexSnapshot().ContainsKey(id));
        }
        finally
        {
            await ((IAsyncLifetime)again).DisposeAsync();
        }
    }

    /// <summary>What the index folder holds as committed: the documents' ids and the cursor.</summary>
    private static (HashSet<string> Documents, long? Position) OnDisk(string dataFolder)
    {
        using var directory = global::Lucene.Net.Store.FSDirectory.Open(new DirectoryInfo(Path.Combine(dataFolder, "search", "index")));
        using var reader = global::Lucene.Net.Index.DirectoryReader.Open(directory);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var live = global::Lucene.Net.Index.MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is null || live.Get(doc))
            {
                ids.Add(reader.Document(doc).Get(IndexFields.Id));
            }
        }

        return (ids, IndexCursor.FromCommitData(reader.IndexCommit.UserData)?.Cursor.Position);
    }

    [Fact]
    public async Task Two_nodes_on_one_database_each_get_the_complete_index()
    {
        var first = new SearchPortal();
        await ((IAsyncLifetime)first).InitializeAsync();
        var second = new SearchPortal();
        try
        {
            await first.ArrangeAsync();
            // An item saved before the second node exists: it reaches it by the initial rebuild.
            var early = await first.CreateAsync(SearchPortal.IdeaType, PortalFactory.EmployeeEmail, "Tidig idé om cykelparkering", "Fler cykelställ vid skolorna.");

            second.UseDatabaseOf(first);
            await ((IAsyncLifetime)second).InitializeAsync();
            Assert.NotEqual(first.DataFolder, second.DataFolder);

            // Changes made on both nodes, interleaved: each node learns the other's from the log.
            await ChangeManyThingsAsync(first, PortalFactory.EmployeeEmail);
            await ChangeManyThingsAsync(second, SearchPortal.OtherEmployee);
            await first.UpdateAsync(early.ContentItemId, "Tidig idé om cykelparkering vid skolor", "Fler och tryggare cykelställ.");

            await first.WaitForIndexAsync();
            await second.WaitForIndexAsync();
            var one = first.IndexSnapshot();
            var two = second.IndexSnapshot();

            Assert.Equal(1 + 2 * PublishedAfterChanges, one.Count);
            Assert.Equal(one.Keys.Order(), two.Keys.Order());
            foreach (var (id, document) in one)
            {
                Assert.Equal(document, two[id]);
            }

            Assert.Contains("tryggare cykelställ", two[early.ContentItemId], StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    /// <summary>Published items left by <see cref="ChangeManyThingsAsync"/>.</summary>
    private const int PublishedAfterChanges = 5;

    /// <summary>Creates, edits (with and without publishing), publishes a draft, moves through a workflow and removes.</summary>
    private static async Task ChangeManyThingsAsync(SearchPortal portal, string ownerEmail)
    {
        var a = await portal.CreateAsync(SearchPortal.IdeaType, ownerEmail, "Gemensam kalender för lokalbokning", "Lokaler bokas i tre olika system.");
        var b = await portal.CreateAsync(SearchPortal.IdeaType, ownerEmail, "Utkast: bättre skyltning", "Besökare hittar inte receptionen.", publish: false);
        var c = await portal.CreateAsync(SearchPortal.IdeaType, ownerEmail, "Felanmälan av gatubelysning", "Felanmälan tar för lång tid.");
        var d = await portal.CreateAsync(SearchPortal.ApplicationType, ownerEmail, "Nya steg i äldreomsorgen", "Kontinuiteten har förbättrats.");
        var e = await portal.CreateAsync(SearchPortal.IdeaType, ownerEmail, "Ska tas bort", "Dubblett.");
        var f = await portal.CreateAsync(SearchPortal.IdeaType, ownerEmail, "Matsvinn", "Mindre matsvinn i skolköken.");

        await portal.UpdateAsync(a.ContentItemId, "Gemensam kalender för lokalbokning i kommunen", "Lokaler bokas i tre olika system; ett räcker.");
        await portal.UpdateAsync(b.ContentItemId, "Bättre skyltning vid entrén", "Besökare hittar inte receptionen. Större skyltar.", publish: true);
        await portal.UpdateAsync(c.ContentItemId, "Felanmälan av gatubelysning (utkast till ny version)", "En ny text som inte är publicerad ännu.", publish: false);
        await portal.TransitionAsync(d.ContentItemId, "Bedömning", "role:" + SearchPortal.JuryRole);
        await portal.RemoveAsync(e.ContentItemId);
        await portal.UpdateAsync(f.ContentItemId, "Matsvinn i skolköken", "Mindre matsvinn i skolköken och förskolorna.");
        // Left published: a, b, c (its published version, under a newer draft), d, f.
    }
}
