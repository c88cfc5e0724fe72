using Kvalitetsportal.Lucene.Analysis;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Lucene.Searching;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace Kvalitetsportal.UnitTests.Lucene;

/// <summary>Lucene query syntax typed by a user is plain words: never an exception, never a syntax error.</summary>
public sealed class HostileQueryTests
{
    private static readonly SwedishSearchAnalyzer Analyzer = new();

    public static TheoryData<string> Inputs => new()
    {
        "\"unbalanced quote",
        "*",
        "?",
        "AND OR",
        "NOT",
        "title:(hemtjänst",
        "förbättring~2^10",
        "[a TO z]",
        "\\",
        "))))(((( ",
        "/regex.*/",
        "a" + new string('*', 5000),
        string.Join(' ', Enumerable.Range(0, 2000).Select(i => "ord" + i)),
        new string('x', 10_000),
        "<script>alert(1)</script>",
        "\u0000\u0001\uFFFF",
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Any_input_parses_and_runs(string input)
    {
        var query = UserQuery.Parse(Analyzer, input);
        Assert.True(query.Terms.Count <= UserQuery.MaxTerms);

        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SwedishSearchAnalyzer.Version, Analyzer)))
        {
            writer.AddDocument(new Document { new TextField(IndexFields.Title, "Förbättring", Field.Store.YES), new TextField(IndexFields.Text, "and or not script alert", Field.Store.YES) });
        }

        using var reader = DirectoryReader.Open(directory);
        if (!query.IsEmpty)
        {
            _ = new IndexSearcher(reader).Search(query.ToQuery(), 10);
        }
    }

    [Fact]
    public void Operators_are_searched_as_the_words_they_are()
    {
        var query = UserQuery.Parse(Analyzer, "AND OR");
        Assert.Equal(["and", "or"], query.Terms);
    }

    [Fact]
    public void A_lone_wildcard_is_no_word_at_all() => Assert.True(UserQuery.Parse(Analyzer, "*").IsEmpty);
}
