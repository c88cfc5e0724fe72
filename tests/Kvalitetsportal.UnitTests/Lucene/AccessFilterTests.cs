using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Lucene.Analysis;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Lucene.Searching;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kvalitetsportal.UnitTests.Lucene;

/// <summary>
/// The access clauses as a Lucene filter select exactly the items <see cref="ContentAccessScope.Matches"/>
/// (the database predicate's twin) selects: search can never be more generous than a list.
/// </summary>
public sealed class AccessFilterTests
{
    private static readonly ContentItem[] Items =
    [
        Item("a1", "Ide", "u1", state: null, assigned: null, unit: 1),
        Item("a2", "Ide", "u2", state: "Prövning", assigned: "role:Chef", unit: 2),
        Item("a3", "Ide", "u1", state: "Klar", assigned: "user:u3", unit: 1),
        Item("a4", "Ide", "u3", state: "Klar", assigned: null),
        Item("b1", "Ansokan", "u2", state: "Inlämnad", assigned: "user:u3", unit: 3),
        Item("b2", "Ansokan", "u1", state: null, assigned: null),
    ];

    public static TheoryData<ContentAccessClause[]> Scopes => new()
    {
        new[] { new ContentAccessClause("Ide") },
        new[] { new ContentAccessClause("Ide", OwnerId: "u1") },
        new[] { new ContentAccessClause("Ide", States: new HashSet<string> { "Prövning", "Klar" }) },
        new[] { new ContentAccessClause("Ide", AssignedTo: new HashSet<string> { "user:u3", "role:Chef" }) },
        new[] { new ContentAccessClause("Ide", OwnerId: "u1", States: new HashSet<string>()) },
        new[] { new ContentAccessClause("Ide", OwnerId: "u3", States: new HashSet<string> { "Klar" }), new ContentAccessClause("Ansokan", AssignedTo: new HashSet<string> { "user:u3" }) },
        new[] { new ContentAccessClause("Ide", OwnerId: "u2"), new ContentAccessClause("Ansokan") },
        new[] { new ContentAccessClause("Okand") },

        // ADR 22: unit sets, member item sets and closed (jäv, secret) items.
        new[] { new ContentAccessClause("Ide", Units: new HashSet<int> { 1 }) },
        new[] { new ContentAccessClause("Ide", States: new HashSet<string> { "Prövning", "Klar" }, Units: new HashSet<int> { 1, 2 }) },
        new[] { new ContentAccessClause("Ide", Units: new HashSet<int>()) },
        new[] { new ContentAccessClause("Ide", Items: new HashSet<string> { "a2", "a4", "b1" }) },
        new[] { new ContentAccessClause("Ide", ExceptItems: new HashSet<string> { "a1", "a3" }) },
        new[] { new ContentAccessClause("Ide", Units: new HashSet<int> { 1 }, ExceptItems: new HashSet<string> { "a1" }), new ContentAccessClause("Ansokan", Items: new HashSet<string> { "b1" }, ExceptItems: new HashSet<string> { "b1" }) },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task The_filter_selects_what_the_scope_matches(ContentAccessClause[] clauses)
    {
        using var directory = new RAMDirectory();
        var documents = new ContentDocuments(new AttachmentText(new LocalFileStore(new ConfigurationBuilder().Build()), new SearchOptions { IndexFolder = "x", TextCacheFolder = "y" }, NullLogger<AttachmentText>.Instance));
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SwedishSearchAnalyzer.Version, new SwedishSearchAnalyzer())))
        {
            foreach (var item in Items)
            {
                writer.AddDocument(await documents.BuildAsync(item, item, type: null, CancellationToken.None));
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var filter = AccessFilter.ToQuery(clauses);
        Assert.NotNull(filter);
        var found = searcher.Search(filter, 100).ScoreDocs.Select(d => searcher.Doc(d.Doc).Get(IndexFields.Id)).Order().ToList();
        var expected = Items.Where(new ContentAccessScope(clauses).Matches).Select(i => i.ContentItemId).Order().ToList();
        Assert.Equal(expected, found);
    }

    [Fact]
    public void No_clauses_is_no_filter_at_all_so_nothing_is_searched() => Assert.Null(AccessFilter.ToQuery([]));

    private static ContentItem Item(string id, string type, string owner, string? state, string? assigned, int? unit = null) => new()
    {
        OrganisationUnitId = unit,
        Id = id.GetHashCode(StringComparison.Ordinal),
        ContentItemId = id,
        ContentType = type,
        OwnerId = owner,
        AuthorId = owner,
        WorkflowState = state,
        AssignedTo = assigned,
        Latest = true,
        Published = true,
        DisplayText = "Titel " + id,
        CreatedUtc = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        ModifiedUtc = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
    };
}
