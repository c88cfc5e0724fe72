using Kvalitetsportal.Lucene.Analysis;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Lucene.Searching;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace Kvalitetsportal.UnitTests.Lucene;

/// <summary>Swedish analysis on real sentences: inflections meet, case and accents do not matter, å/ä/ö stay letters.</summary>
public sealed class SwedishAnalysisTests
{
    private static readonly SwedishSearchAnalyzer Analyzer = new();

    private static List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = Analyzer.GetTokenStream(IndexFields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Whether a search for <paramref name="query"/> (as a user types it) finds <paramref name="text"/>.</summary>
    private static bool Finds(string query, string text)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SwedishSearchAnalyzer.Version, Analyzer)))
        {
            writer.AddDocument(new Document { new TextField(IndexFields.Title, "", Field.Store.NO), new TextField(IndexFields.Text, text, Field.Store.NO) });
        }

        using var reader = DirectoryReader.Open(directory);
        var parsed = UserQuery.Parse(Analyzer, query);
        return !parsed.IsEmpty && new IndexSearcher(reader).Search(parsed.ToQuery(), 1).TotalHits == 1;
    }

    [Fact]
    public void A_sentence_becomes_lower_case_stems_without_stop_words()
    {
        Assert.Equal(["förbättring", "schemaläggning", "äldreomsorg"], Terms("Förbättringar av schemaläggningen i äldreomsorgen"));
        Assert.Equal(Terms("väntetid bygglov"), Terms("Väntetiderna för bygglovet"));
    }

    [Theory]
    [InlineData("projekt projektet projekten projektens")]
    [InlineData("resultat resultatet resultaten")]
    [InlineData("hemtjänst hemtjänsten")]
    [InlineData("förbättring förbättringar förbättringen förbättringarna")]
    [InlineData("idé idéer idén idéerna")]
    [InlineData("skola skolan skolor skolorna")]
    [InlineData("beslut beslutet besluten")]
    [InlineData("medarbetare medarbetaren medarbetarna")]
    [InlineData("möte mötet möten")]
    [InlineData("schema schemat scheman")]
    [InlineData("ekonomi ekonomin")]
    [InlineData("kvalitet kvaliteten")]
    [InlineData("förslag förslaget förslagen")]
    [InlineData("rutin rutiner rutinen")]
    public void Every_form_of_a_word_has_one_stem(string forms) => Assert.Single(Terms(forms).Distinct());

    [Theory]
    [InlineData("förbättring", "Vi har flera förslag på förbättringar i skolköket.")]
    [InlineData("förbättringar", "En liten förbättring av rutinen gav stor effekt.")]
    [InlineData("FÖRBÄTTRINGEN", "Förbättringen infördes i våras.")]
    [InlineData("hemtjänsten", "Schemat i hemtjänst öster ändras varje vecka.")]
    [InlineData("väntetid", "Invånarna klagar på långa väntetider hos kontaktcenter.")]
    [InlineData("idé", "Medarbetarna kom med nya idéer om matsvinnet.")]
    [InlineData("ide", "Min idé är en gemensam bokningskalender.")]
    [InlineData("idéerna", "En idé från förskolan i Ängen.")]
    [InlineData("cafe", "Träffpunkten har ett café för äldre.")]
    [InlineData("projekt", "Projektet avslutades i juni.")]
    [InlineData("beslutet", "Nämndens beslut om nya rutiner.")]
    [InlineData("ängen", "Förskolan Ängens kök slänger mindre mat.")]
    [InlineData("ÄLDREOMSORGEN", "Nya arbetssätt inom äldreomsorgen.")]
    [InlineData("kunskap", "Delad kunskap är dubbel kunskap.")]
    public void Inflections_case_and_accents_are_found(string query, string text) => Assert.True(Finds(query, text), $"\"{query}\" borde hitta \"{text}\"");

    [Theory]
    [InlineData("får", "Min far arbetar i hemtjänsten.")]
    [InlineData("mål", "En mal hade ätit upp ylletröjan.")]
    [InlineData("här", "Vi har ingen budget för det.")]
    [InlineData("öl", "Olja till maskinerna beställs i mars.")]
    public void A_and_o_with_dots_and_rings_are_letters_not_accents(string query, string text) => Assert.False(Finds(query, text), $"\"{query}\" ska inte hitta \"{text}\"");

    [Fact]
    public void Danish_and_norwegian_letters_fold_onto_swedish_ones()
    {
        Assert.Equal("äöe", SwedishFoldingFilter.Fold("æøé"));
        Assert.Equal("åäö", SwedishFoldingFilter.Fold("åäö"));
        Assert.True(Finds("Bjørn", "Björn har skrivit rutinen."));
        Assert.True(Finds("Jönköping", "Erfarenheter från Jønköping."));
    }

    [Fact]
    public void Decomposed_characters_match_composed_ones()
    {
        // "å" as a + combining ring, as some systems paste it.
        Assert.True(Finds("a\u030Aterkommer", "Vi återkommer med svar."));
    }

    [Fact]
    public void Only_stop_words_is_an_empty_query() => Assert.True(UserQuery.Parse(Analyzer, "och i att det").IsEmpty);
}
