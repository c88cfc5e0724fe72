using Microsoft.Extensions.Configuration;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>The "Search" settings. The index is this node's own: never share the folder between nodes.</summary>
public sealed class SearchOptions
{
    /// <summary>The Lucene index folder; default <c>{data folder}/search/index</c>.</summary>
    public required string IndexFolder { get; init; }

    /// <summary>Extracted attachment text, kept between rebuilds; default <c>{data folder}/search/text</c>.</summary>
    public required string TextCacheFolder { get; init; }

    /// <summary>How often the change log is read when nothing nudges the indexer.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The least time between two rounds of reading the log while changes keep coming: changes are
    /// searchable this much later at most, and a burst is indexed in batches instead of one by one.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long published batches may wait for their durable commit (a crash reads them again from the log).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Change-log entries read and applied in one batch.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long a missing log id is waited for (a transaction still running, or rolled back).</summary>
    public TimeSpan GapTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Log entries older than this are deleted; a node that was away longer rebuilds its index.</summary>
    public TimeSpan TaskRetention { get; init; } = TimeSpan.FromDays(7);

    public static SearchOptions From(IConfiguration configuration)
    {
        var data = configuration["Portal:DataFolderResolved"] ?? "App_Data";
        var section = configuration.GetSection("Search");
        return new SearchOptions
        {
            IndexFolder = section["IndexFolder"] is { Length: > 0 } folder ? folder : Path.Combine(data, "search", "index"),
            TextCacheFolder = Path.Combine(data, "search", "text"),
            PollInterval = TimeSpan.FromMilliseconds(section.GetValue("PollMilliseconds", 1000)),
            RefreshInterval = TimeSpan.FromMilliseconds(Math.Max(0, section.GetValue("RefreshMilliseconds", 1000))),
            CommitInterval = TimeSpan.FromSeconds(Math.Max(0, section.GetValue("CommitSeconds", 5.0))),
            BatchSize = Math.Max(1, section.GetValue("BatchSize", 500)),
            TaskRetention = TimeSpan.FromDays(Math.Max(1, section.GetValue("TaskRetentionDays", 7))),
        };
    }
}
