using System.Text;
using Kvalitetsportal.Lucene.Indexing;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Kvalitetsportal.Lucene.Searching;

/// <summary>
/// What a user typed, as a query. Never parsed as Lucene syntax: the text goes through the same
/// analyzer as the index and the words it yields become term queries, so quotes, <c>*</c>,
/// <c>AND OR</c> or 10 000 characters are just words (or nothing), never an error.
/// </summary>
public sealed class UserQuery
{
    /// <summary>Longer input is cut: nobody types more, and it bounds the work per request.</summary>
    public const int MaxInputLength = 500;

    /// <summary>Distinct words used; BooleanQuery refuses more than 1 024 clauses.</summary>
    public const int MaxTerms = 24;

    public const float TitleBoost = 3f;

    private UserQuery(IReadOnlyList<string> terms) => Terms = terms;

    /// <summary>The analysed words (stemmed, folded), in the order typed.</summary>
    public IReadOnlyList<string> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    public static UserQuery Parse(Analyzer analyzer, string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new UserQuery([]);
        }

        var text = input.Length > MaxInputLength ? input[..MaxInputLength] : input;
        text = text.Normalize(NormalizationForm.FormC);
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(IndexFields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < MaxTerms)
        {
            var value = term.ToString();
            if (!terms.Contains(value, StringComparer.Ordinal))
            {
                terms.Add(value);
            }
        }

        stream.End();
        return new UserQuery(terms);
    }

    /// <summary>
    /// Each word in the title (boosted) or the text. Up to three words must all match; with more,
    /// most must, so a long pasted sentence still finds its near matches.
    /// </summary>
    public Query ToQuery()
    {
        var all = new BooleanQuery();
        foreach (var term in Terms)
        {
            var either = new BooleanQuery
            {
                { new TermQuery(new Term(IndexFields.Title, term)) { Boost = TitleBoost }, Occur.SHOULD },
                { new TermQuery(new Term(IndexFields.Text, term)), Occur.SHOULD },
            };
            all.Add(either, Occur.SHOULD);
        }

        all.MinimumNumberShouldMatch = Terms.Count <= 3 ? Terms.Count : (int)Math.Ceiling(Terms.Count * 0.6);
        return all;
    }

    /// <summary>The words as a query on one field, for the highlighter.</summary>
    public Query ToFieldQuery(string field)
    {
        var query = new BooleanQuery();
        foreach (var term in Terms)
        {
            query.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }

        return query;
    }
}
