using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Lucene.Searching;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Lucene.Similar;

public sealed record SimilarItem(string Id, string Title, string Url, float Score);

/// <summary>
/// "Has someone had this idea already?": the items of a type most like a text (MoreLikeThis over
/// title and text: the text's most distinctive words, weighted by how rare they are), trimmed to
/// what the reader may see exactly as search is.
/// </summary>
public sealed class SimilarItems(SearchIndex index, ContentAccessService access, AccessFilter filters, IContentDefinitionStore definitions, ContentItemPages pages, IContentQuery contentQuery)
{
    public const int MaxTextLength = 4_000;
    public const int MaxCount = 20;

    /// <summary>Null when the type does not exist; empty when nothing is similar or the reader may see none of the type.</summary>
    public async Task<IReadOnlyList<SimilarItem>?> FindAsync(ClaimsPrincipal user, string typeName, string? text, int count, CancellationToken cancellationToken = default)
    {
        var type = await definitions.GetAsync(typeName, cancellationToken);
        if (type is null)
        {
            return null;
        }

        var filter = await filters.ForAsync(access, user, [type], cancellationToken);
        if (filter is null || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        count = Math.Clamp(count, 1, MaxCount);
        var input = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        var searcher = index.Acquire();
        List<(string Id, string Title, float Score)> found;
        try
        {
            var like = new MoreLikeThis(searcher.IndexReader)
            {
                Analyzer = index.Analyzer,
                FieldNames = [IndexFields.Title, IndexFields.Text],
                MinTermFreq = 1, // a short idea mentions its key words once
                MinDocFreq = 1,
                MinWordLen = 3,
                MaxQueryTerms = 25,
            };
            var query = like.Like(new StringReader(input.Normalize(System.Text.NormalizationForm.FormC)), IndexFields.Text);
            if (query is BooleanQuery { Clauses.Count: 0 })
            {
                return [];
            }

            var trimmed = new FilteredQuery(query, filter.Filter);
            // A few extra, in case the database check below drops some.
            found = [.. searcher.Search(trimmed, count + 5).ScoreDocs.Select(hit =>
            {
                var document = searcher.Doc(hit.Doc);
                return (document.Get(IndexFields.Id), document.Get(IndexFields.Title) ?? "", hit.Score);
            })];
        }
        finally
        {
            index.Release(searcher);
        }

        var ids = found.Select(f => f.Id).ToList();
        var rows = await contentQuery.Items.Where(i => ids.Contains(i.ContentItemId) && i.Latest)
            .ToDictionaryAsync(i => i.ContentItemId, StringComparer.Ordinal, cancellationToken);
        var result = new List<SimilarItem>();
        foreach (var (id, title, score) in found)
        {
            if (rows.TryGetValue(id, out var row) && await access.CanAsync(user, type, row, ContentAccessKind.View, cancellationToken))
            {
                result.Add(new SimilarItem(id, title, await pages.ReadUrlAsync(type.Name, id, cancellationToken), score));
            }

            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }
}
