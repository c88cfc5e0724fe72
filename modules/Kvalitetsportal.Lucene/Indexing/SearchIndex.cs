using Kvalitetsportal.Lucene.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// This node's Lucene index: one writer (only <see cref="SearchIndexer"/> writes, one batch at a
/// time) and near-real-time searchers that see each batch as soon as it is published. Publishing
/// is cheap (an in-memory reopen); a durable commit (files written and synced, with the cursor in
/// its commit data) follows every few seconds, so a steady stream of changes does not pay a commit
/// and a segment merge per change (ADR 15). A crash loses only the uncommitted batches, and the
/// committed cursor makes the indexer read them again.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly ILogger<SearchIndex> _logger;

    public SearchIndex(SearchOptions options, ILogger<SearchIndex> logger)
    {
        _logger = logger;
        System.IO.Directory.CreateDirectory(options.IndexFolder);
        _directory = FSDirectory.Open(new DirectoryInfo(options.IndexFolder));
        Analyzer = new SwedishSearchAnalyzer();
        var config = new IndexWriterConfig(SwedishSearchAnalyzer.Version, Analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = 48, // a rebuild flushes fewer, larger segments
            MergeScheduler = new BackgroundMergeScheduler(),
        };
        try
        {
            _writer = new IndexWriter(_directory, config);
        }
        catch (LockObtainFailedException e)
        {
            _directory.Dispose();
            throw new InvalidOperationException($"Sökindexet i {options.IndexFolder} används redan av en annan process. Varje nod behöver en egen indexmapp (Search:IndexFolder eller Portal:DataFolder).", e);
        }

        var stored = IndexCursor.FromCommitData(_writer.CommitData);
        Cursor = stored?.Cursor;
        CaughtUpUtc = stored?.CaughtUpUtc ?? DateTime.MinValue;
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new WarmingSearcherFactory());
        _logger.LogInformation("Search index opened in {IndexFolder}: {Documents} documents, cursor {Cursor}", options.IndexFolder, _writer.NumDocs, Cursor?.Position);
    }

    public SwedishSearchAnalyzer Analyzer { get; }

    internal IndexWriter Writer => _writer;

    /// <summary>The cursor of what searches see (published); null until the first rebuild has completed.</summary>
    public IndexCursor? Cursor { get; private set; }

    /// <summary>When the indexer last read the log to its end.</summary>
    public DateTime CaughtUpUtc { get; private set; }

    /// <summary>Whether searches see batches that are not committed to disk yet.</summary>
    internal bool HasUncommitted { get; private set; }

    /// <summary>Lets searches see what the writer holds, without a durable commit; <see cref="Commit"/> follows later.</summary>
    internal void Publish(IndexCursor cursor, DateTime caughtUpUtc)
    {
        // Searches see the batch before the cursor says so: whoever waits for the cursor then finds it.
        HasUncommitted = true;
        _searchers.MaybeRefreshBlocking();
        Cursor = cursor;
        CaughtUpUtc = caughtUpUtc;
    }

    /// <summary>Commits what the writer holds together with the cursor, and lets searches see it.</summary>
    internal void Commit(IndexCursor cursor, DateTime caughtUpUtc, IReadOnlyDictionary<string, string> extra)
    {
        var data = cursor.ToCommitData(caughtUpUtc);
        foreach (var (key, value) in extra)
        {
            data[key] = value;
        }

        _writer.SetCommitData(data);
        _writer.Commit();
        HasUncommitted = false;
        _searchers.MaybeRefreshBlocking();
        Cursor = cursor;
        CaughtUpUtc = caughtUpUtc;
    }

    /// <summary>A searcher on the latest committed state; give it back with <see cref="Release"/>.</summary>
    public IndexSearcher Acquire() => _searchers.Acquire();

    public void Release(IndexSearcher searcher) => _searchers.Release(searcher);

    public int DocumentCount
    {
        get
        {
            var searcher = Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                Release(searcher);
            }
        }
    }

    /// <summary>
    /// Every document as text (stored fields and facet values), keyed by item id: lets a test check
    /// that an index kept up to date change by change equals one rebuilt from the database.
    /// </summary>
    internal IReadOnlyDictionary<string, string> Snapshot()
    {
        var searcher = Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var facets = IndexFields.Facets.Select(f => MultiDocValues.GetSortedValues(reader, f)).ToList();
            var live = MultiFields.GetLiveDocs(reader);
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (live is not null && !live.Get(doc))
                {
                    continue;
                }

                var document = reader.Document(doc);
                var fields = document.Fields.Select(f => f.Name + "=" + f.GetStringValue() + f.GetInt64Value()).Order(StringComparer.Ordinal);
                var values = facets.Select((v, i) =>
                {
                    var term = new global::Lucene.Net.Util.BytesRef();
                    if (v is null || v.GetOrd(doc) < 0)
                    {
                        return IndexFields.Facets[i] + "=";
                    }

                    v.Get(doc, term);
                    return IndexFields.Facets[i] + "=" + term.Utf8ToString();
                });
                result.Add(document.Get(IndexFields.Id), string.Join("|", fields.Concat(values)));
            }

            return result;
        }
        finally
        {
            Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        // The indexer commits its published batches when it stops; anything still uncommitted (a
        // rebuild cut short by shutdown) is thrown away rather than committed half done.
        _writer.Rollback();
        _writer.Dispose();
        _directory.Dispose();
        Analyzer.Dispose();
    }
}

/// <summary>
/// Loads a new searcher's doc values (facets, sort) before it serves anyone: Lucene loads them per
/// segment on first use, which would otherwise land on the first search after each refresh.
/// </summary>
internal sealed class WarmingSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            foreach (var field in IndexFields.Facets)
            {
                leaf.AtomicReader.GetSortedDocValues(field);
            }

            leaf.AtomicReader.GetNumericDocValues(IndexFields.Modified);
        }

        return new IndexSearcher(reader);
    }
}
