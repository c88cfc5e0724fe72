using Kvalitetsportal.Lucene.Indexing;

namespace Kvalitetsportal.UnitTests.Lucene;

/// <summary>The cursor into the change log: ids that commit out of order are not lost.</summary>
public sealed class IndexCursorTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void Reading_contiguous_ids_moves_the_position_without_gaps()
    {
        var cursor = IndexCursor.Start.Advance([1, 2, 3], Now, Timeout);
        Assert.Equal(3, cursor.Position);
        Assert.Empty(cursor.Gaps);
    }

    [Fact]
    public void A_missing_id_becomes_a_gap_and_is_asked_for_until_it_turns_up()
    {
        var cursor = IndexCursor.Start.Advance([1, 2, 4, 6], Now, Timeout);
        Assert.Equal(6, cursor.Position);
        Assert.Equal([3, 5], cursor.OpenGaps(Now, Timeout));

        // Id 3's transaction commits later; the next read finds it among the gaps.
        cursor = cursor.Advance([3, 7], Now.AddSeconds(1), Timeout);
        Assert.Equal(7, cursor.Position);
        Assert.Equal([5], cursor.OpenGaps(Now.AddSeconds(1), Timeout));
    }

    [Fact]
    public void A_gap_that_never_fills_is_forgotten_after_the_timeout()
    {
        var cursor = IndexCursor.Start.Advance([1, 3], Now, Timeout);
        Assert.Equal([2], cursor.OpenGaps(Now.AddMinutes(1), Timeout));
        Assert.Empty(cursor.OpenGaps(Now.AddMinutes(3), Timeout));
        Assert.Empty(cursor.Advance([], Now.AddMinutes(3), Timeout).Gaps);
    }

    [Fact]
    public void The_cursor_survives_the_index_commit_data()
    {
        var cursor = IndexCursor.Start.Advance([1, 2, 5], Now, Timeout);
        var stored = IndexCursor.FromCommitData(cursor.ToCommitData(Now));
        Assert.NotNull(stored);
        Assert.Equal(5, stored.Value.Cursor.Position);
        Assert.Equal([3, 4], stored.Value.Cursor.OpenGaps(Now, Timeout));
        Assert.Equal(Now, stored.Value.CaughtUpUtc);
        Assert.Null(IndexCursor.FromCommitData(new Dictionary<string, string>()));
    }
}
