using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Kvalitetsportal.Lucene.Analysis;

/// <summary>
/// Swedish analysis for the portal's text, the same at index and query time:
/// StandardTokenizer → lower case → Swedish stop words → <see cref="SwedishFoldingFilter"/> →
/// <see cref="RepeatedSwedishLightStemFilter"/>. "Förbättringar" and "förbättringarna" meet "förbättring";
/// "idé", "ide" and "IDÉER" meet; "får" and "far" stay apart (å, ä and ö are letters, not accents).
/// </summary>
public sealed class SwedishSearchAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream result = new LowerCaseFilter(Version, source);
        // Stop words are removed before folding: the list is spelt with å, ä and ö.
        result = new StopFilter(Version, result, SwedishAnalyzer.DefaultStopSet);
        result = new SwedishFoldingFilter(result);
        // The light stemmer's suffixes ("-arna", "-heten", "-ar", ...) contain no å, ä or ö, so it works
        // the same on folded tokens.
        result = new RepeatedSwedishLightStemFilter(result);
        return new TokenStreamComponents(source, result);
    }
}

/// <summary>
/// Lucene's <see cref="SwedishLightStemmer"/>, applied until the word stops changing. Swedish stacks
/// endings (projekt-et, förbättring-ar-na, medarbetar-na) and one pass strips only the outermost, so
/// "projekt" became "projek" but "projektet" only "projekt": they never met. Repeated, every form of a
/// word lands on one stem (tests list the families). It stems harder ("barn" and "bar" meet), which
/// ranking absorbs; missing "projektet" when searching "projekt" would not be absorbed.
/// </summary>
public sealed class RepeatedSwedishLightStemFilter : TokenFilter
{
    private readonly SwedishLightStemmer _stemmer = new();
    private readonly ICharTermAttribute _term;

    public RepeatedSwedishLightStemFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var length = _term.Length;
        int before;
        do
        {
            before = length;
            length = _stemmer.Stem(_term.Buffer, length);
        }
        while (length != before);

        _term.Length = length;
        return true;
    }
}

/// <summary>
/// Folds what a Swedish reader treats as the same letter: accents (é → e, ü → u, à → a), and the
/// Danish/Norwegian æ and ø onto ä and ö. Keeps å, ä and ö, which are letters of their own in Swedish
/// ("mål" and "mal", "får" and "far", "höra" and "hora" are different words).
/// </summary>
public sealed class SwedishFoldingFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public SwedishFoldingFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        var plain = true;
        for (var i = 0; i < length; i++)
        {
            if (buffer[i] > '\u007f')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return true; // most tokens: nothing to do, no allocation
        }

        var folded = Fold(new string(buffer, 0, length));
        _term.SetEmpty().Append(folded);
        return true;
    }

    /// <summary>The folding on its own, for tests and for callers that fold a single word.</summary>
    public static string Fold(string token)
    {
        var result = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            switch (c)
            {
                case 'å' or 'ä' or 'ö' or 'Å' or 'Ä' or 'Ö':
                    result.Append(c);
                    break;
                case 'æ':
                    result.Append('ä');
                    break;
                case 'Æ':
                    result.Append('Ä');
                    break;
                case 'ø':
                    result.Append('ö');
                    break;
                case 'Ø':
                    result.Append('Ö');
                    break;
                case < '\u0080':
                    result.Append(c);
                    break;
                default:
                    // é → e + combining accent; keep the base letter, drop the marks.
                    foreach (var d in c.ToString().Normalize(NormalizationForm.FormD))
                    {
                        if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                        {
                            result.Append(d);
                        }
                    }

                    break;
            }
        }

        return result.ToString();
    }
}
