using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Kvalitetsportal.Lucene.Searching;

/// <summary>
/// Collects the hits of (query AND access filter) in one pass and counts facets the way shoppers
/// expect ("drill sideways"): a document that passes every selected facet is a hit and counts in
/// every dimension; one that fails exactly one dimension's selection still counts in that
/// dimension, so choosing "Förbättringsförslag" does not hide how many hits the other types have.
/// Counts are per segment by doc-value ordinal (no documents are loaded).
/// </summary>
internal sealed class FacetCollector(ICollector hits, string[] dimensions, IReadOnlySet<string>?[] selected) : ICollector
{
    private readonly Dictionary<string, int>[] _counts = [.. dimensions.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    private readonly SortedDocValues?[] _values = new SortedDocValues?[dimensions.Length];
    private readonly int[][] _segmentCounts = new int[dimensions.Length][];
    private readonly HashSet<int>?[] _selectedOrds = new HashSet<int>?[dimensions.Length];
    private readonly int[] _ords = new int[dimensions.Length];

    public int TotalHits { get; private set; }

    public bool AcceptsDocsOutOfOrder => hits.AcceptsDocsOutOfOrder;

    /// <summary>Counts per dimension (same order as the dimensions given), after the search.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, int>> Counts
    {
        get
        {
            FlushSegment();
            return _counts;
        }
    }

    public void SetScorer(Scorer scorer) => hits.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        for (var d = 0; d < dimensions.Length; d++)
        {
            var values = context.AtomicReader.GetSortedDocValues(dimensions[d]);
            _values[d] = values;
            _segmentCounts[d] = new int[values?.ValueCount ?? 0];
            if (selected[d] is { } wanted)
            {
                var ords = new HashSet<int>();
                foreach (var value in wanted)
                {
                    var ord = values?.LookupTerm(new BytesRef(value)) ?? -1;
                    if (ord >= 0)
                    {
                        ords.Add(ord);
                    }
                }

                _selectedOrds[d] = ords;
            }
            else
            {
                _selectedOrds[d] = null;
            }
        }

        hits.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        var failed = -1;
        var failures = 0;
        for (var d = 0; d < dimensions.Length; d++)
        {
            var ord = _values[d]?.GetOrd(doc) ?? -1;
            _ords[d] = ord;
            if (_selectedOrds[d] is { } wanted && (ord < 0 || !wanted.Contains(ord)))
            {
                failures++;
                failed = d;
            }
        }

        if (failures == 0)
        {
            TotalHits++;
            hits.Collect(doc);
            for (var d = 0; d < dimensions.Length; d++)
            {
                if (_ords[d] >= 0)
                {
                    _segmentCounts[d][_ords[d]]++;
                }
            }
        }
        else if (failures == 1 && _ords[failed] >= 0)
        {
            _segmentCounts[failed][_ords[failed]]++;
        }
    }

    private void FlushSegment()
    {
        var term = new BytesRef();
        for (var d = 0; d < dimensions.Length; d++)
        {
            var counts = _segmentCounts[d];
            var values = _values[d];
            if (counts is null || values is null)
            {
                continue;
            }

            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    values.LookupOrd(ord, term);
                    var key = term.Utf8ToString();
                    _counts[d][key] = _counts[d].GetValueOrDefault(key) + counts[ord];
                    counts[ord] = 0;
                }
            }
        }
    }
}
