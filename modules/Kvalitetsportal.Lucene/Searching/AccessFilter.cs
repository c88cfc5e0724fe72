using System.Globalization;
using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Lucene.Searching;

/// <summary>
/// Security trimming inside the index: the reader's <see cref="ContentAccessScope"/> for every type
/// (type permissions and every item-level rule, from <see cref="ContentAccessService"/>, the same
/// definition the lists and the detail page use) as one Lucene query. Hits, totals and facet counts
/// are all computed under it, so nothing the reader may not open is counted.
/// </summary>
public sealed class AccessFilter(IFusionCache cache)
{
    // Readers with the same clauses (every administrator; each employee with "own" rights) share a
    // filter whose matching documents are cached per index segment as a bit set: trimming then costs
    // a bit test per hit instead of walking the type/owner postings on every search. The filter is
    // keyed by its clauses, so it is never stale; it lives in this node's cache (Lucene objects are
    // not shared) and holds no documents itself (Lucene keys the bit sets weakly by segment).
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    /// <summary>The filter for <paramref name="types"/>, or null when the user may see nothing of them.</summary>
    public async Task<ReaderFilter?> ForAsync(ContentAccessService access, ClaimsPrincipal user, IEnumerable<ContentTypeDefinition> types, CancellationToken cancellationToken)
    {
        var clauses = new List<ContentAccessClause>();
        foreach (var type in types)
        {
            clauses.AddRange((await access.ScopeAsync(user, type, ContentAccessKind.View, cancellationToken)).Clauses);
        }

        if (clauses.Count == 0)
        {
            return null;
        }

        var key = ContentAccessScope.KeyOf(clauses);
        return await cache.GetOrSetAsync<ReaderFilter>(
            "lucene:filters:" + key,
            (_, _) => Task.FromResult(new ReaderFilter(new CachingWrapperFilter(new QueryWrapperFilter(ToQuery(clauses))), key)),
            options => options.SetDuration(MaxAge),
            cancellationToken);
    }

    /// <summary>An OR of the clauses, each an AND of its conditions (null = any).</summary>
    public static Query? ToQuery(IReadOnlyCollection<ContentAccessClause> clauses)
    {
        if (clauses.Count == 0)
        {
            return null;
        }

        return ToQuery((IEnumerable<ContentAccessClause>)clauses);
    }

    private static ConstantScoreQuery ToQuery(IEnumerable<ContentAccessClause> clauses)
    {
        var any = new BooleanQuery();
        foreach (var clause in clauses)
        {
            var all = new BooleanQuery { { new TermQuery(new Term(IndexFields.Type, clause.ContentType)), Occur.MUST } };
            if (clause.OwnerId is not null)
            {
                all.Add(new TermQuery(new Term(IndexFields.Owner, clause.OwnerId)), Occur.MUST);
            }

            if (clause.States is not null)
            {
                Query states = OneOf(IndexFields.State, clause.States);
                if (clause.IncludeNoState)
                {
                    // Items with no workflow state yet have no state term: "any document without one".
                    states = new BooleanQuery
                    {
                        { states, Occur.SHOULD },
                        {
                            new BooleanQuery
                            {
                                { new MatchAllDocsQuery(), Occur.MUST },
                                { TermRangeQuery.NewStringRange(IndexFields.State, null, null, true, true), Occur.MUST_NOT },
                            },
                            Occur.SHOULD
                        },
                    };
                }

                all.Add(states, Occur.MUST);
            }

            if (clause.AssignedTo is not null)
            {
                all.Add(OneOf(IndexFields.Assigned, clause.AssignedTo), Occur.MUST);
            }

            if (clause.Units is not null)
            {
                all.Add(OneOf(IndexFields.Unit, clause.Units.Select(u => u.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal)), Occur.MUST);
            }

            if (clause.Items is not null)
            {
                all.Add(OneOf(IndexFields.Id, clause.Items), Occur.MUST);
            }

            if (clause.ExceptItems is { Count: > 0 })
            {
                all.Add(OneOf(IndexFields.Id, clause.ExceptItems), Occur.MUST_NOT);
            }

            any.Add(all, Occur.SHOULD);
        }

        // Scoring is the user's query's business; the filter only decides in or out.
        return new ConstantScoreQuery(any);
    }

    // An empty set matches nothing, as in ContentAccessClause.Matches.
    private static BooleanQuery OneOf(string field, IReadOnlySet<string> values)
    {
        var query = new BooleanQuery();
        foreach (var value in values)
        {
            query.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        if (values.Count == 0)
        {
            query.Add(new TermQuery(new Term(field, "\u0000none")), Occur.MUST);
        }

        return query;
    }
}

/// <summary>A reader's trimming filter and its key: readers with the same key see exactly the same documents.</summary>
public sealed record ReaderFilter(Filter Filter, string Key);
