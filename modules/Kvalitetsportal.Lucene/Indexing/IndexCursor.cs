using System.Globalization;
using System.Text.Json;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// How far this node has read the change log: every task up to <see cref="Position"/>, except the
/// <see cref="Gaps"/>. A gap is an id below the position that was not there when read: ids are
/// handed out when a transaction inserts, not when it commits, so on PostgreSQL a slow transaction
/// can commit id 41 after id 42 was read. Gaps are looked for again until they expire (a rolled-back
/// transaction leaves a gap that never fills). Stored in the index's own commit data, so the cursor
/// and the documents it describes are committed together: a crash can lose neither alone.
/// </summary>
public sealed record IndexCursor(long Position, IReadOnlyDictionary<long, DateTime> Gaps)
{
    public const string PositionKey = "kp.cursor";
    public const string GapsKey = "kp.gaps";
    public const string CaughtUpKey = "kp.caughtUpUtc";

    public static readonly IndexCursor Start = new(0, new Dictionary<long, DateTime>());

    /// <summary>The cursor after reading <paramref name="readIds"/> (ascending or not) at <paramref name="nowUtc"/>.</summary>
    public IndexCursor Advance(IReadOnlyCollection<long> readIds, DateTime nowUtc, TimeSpan gapTimeout)
    {
        var gaps = Gaps.Where(g => nowUtc - g.Value < gapTimeout && !readIds.Contains(g.Key)).ToDictionary(g => g.Key, g => g.Value);
        var newest = readIds.Count == 0 ? Position : Math.Max(Position, readIds.Max());
        if (newest - Position > 0)
        {
            var read = readIds.ToHashSet();
            for (var id = Position + 1; id < newest; id++)
            {
                if (!read.Contains(id))
                {
                    gaps[id] = nowUtc;
                }
            }
        }

        return new IndexCursor(newest, gaps);
    }

    /// <summary>Gaps still worth asking for at <paramref name="nowUtc"/>.</summary>
    public IReadOnlyList<long> OpenGaps(DateTime nowUtc, TimeSpan gapTimeout) =>
        [.. Gaps.Where(g => nowUtc - g.Value < gapTimeout).Select(g => g.Key).Order()];

    public IDictionary<string, string> ToCommitData(DateTime caughtUpUtc) => new Dictionary<string, string>
    {
        [PositionKey] = Position.ToString(CultureInfo.InvariantCulture),
        [GapsKey] = JsonSerializer.Serialize(Gaps.ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Value)),
        [CaughtUpKey] = caughtUpUtc.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>The cursor in an index's commit data, or null when the index has none (new, or never completed a rebuild).</summary>
    public static (IndexCursor Cursor, DateTime CaughtUpUtc)? FromCommitData(IDictionary<string, string>? data)
    {
        if (data is null || !data.TryGetValue(PositionKey, out var position) || !long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var gaps = new Dictionary<long, DateTime>();
        if (data.TryGetValue(GapsKey, out var json) && JsonSerializer.Deserialize<Dictionary<string, DateTime>>(json) is { } stored)
        {
            foreach (var (id, seen) in stored)
            {
                gaps[long.Parse(id, CultureInfo.InvariantCulture)] = DateTime.SpecifyKind(seen, DateTimeKind.Utc);
            }
        }

        var caughtUp = data.TryGetValue(CaughtUpKey, out var at) && DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : DateTime.MinValue;
        return (new IndexCursor(value, gaps), caughtUp);
    }
}
