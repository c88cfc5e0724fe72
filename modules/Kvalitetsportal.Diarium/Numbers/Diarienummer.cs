using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Diarium.Numbers;

/// <summary>
/// Reads and gives diarienummer. A number is taken inside the save's transaction: the counter
/// row of the series and year is raised with one atomic UPDATE … RETURNING, which holds the row's
/// lock until the save commits or rolls back. So two concurrent saves queue on that row and never
/// get the same number, and a save that rolls back gives its number back (no gaps). The unique
/// index on (type, year, number) is the last guard.
/// </summary>
public sealed class Diarienummer(PortalDbContext db, TimeProvider clock, ILogger<Diarienummer> logger)
{
    public Task<string?> GetAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        db.Set<DiariumNumber>().AsNoTracking().Where(n => n.ContentItemId == contentItemId).Select(n => n.Text).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetManyAsync(IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken = default) =>
        contentItemIds.Count == 0
            ? new Dictionary<string, string>()
            : await db.Set<DiariumNumber>().AsNoTracking().Where(n => contentItemIds.Contains(n.ContentItemId)).ToDictionaryAsync(n => n.ContentItemId, n => n.Text, cancellationToken);

    public Task<DiariumSeries?> SeriesAsync(string contentType, CancellationToken cancellationToken = default) =>
        db.Set<DiariumSeries>().AsNoTracking().FirstOrDefaultAsync(s => s.ContentType == contentType, cancellationToken);

    /// <summary>Whether the series gives its number on entering <paramref name="state"/>.</summary>
    public static bool GivenOnEntering(DiariumSeries? series, string? state) =>
        series is { AssignOn: AssignMoment.EntersState } && state is not null && string.Equals(series.StateName, state, StringComparison.Ordinal);

    /// <summary>
    /// The item's number, given now if its type's series says it is due (the item is being
    /// created, or it enters the series' state) and it has none. Null when it has none.
    /// </summary>
    public async Task<string?> AssignIfDueAsync(string contentType, string contentItemId, bool created, string? enteredState, CancellationToken cancellationToken)
    {
        var series = await SeriesAsync(contentType, cancellationToken);
        if (series is null)
        {
            return null;
        }

        var existing = await GetAsync(contentItemId, cancellationToken);
        var due = (series.AssignOn == AssignMoment.Created && created) || GivenOnEntering(series, enteredState);
        return existing is not null || !due ? existing : await TakeAsync(series, contentItemId, cancellationToken);
    }

    private async Task<string> TakeAsync(DiariumSeries series, string contentItemId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            // Outside a transaction the counter would commit alone, and a save that then fails would leave a gap.
            throw new InvalidOperationException("A diarienummer is given only inside the save's transaction.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var type = series.ContentType;
        var year = series.CounterYear(ContentDates.Local(now).Year);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Diarium_Counters" ("ContentType", "Year", "Last") VALUES ({type}, {year}, 0) ON CONFLICT DO NOTHING""",
            cancellationToken);
        var taken = await db.Database.SqlQuery<int>(
            $"""UPDATE "Diarium_Counters" SET "Last" = "Last" + 1 WHERE "ContentType" = {type} AND "Year" = {year} RETURNING "Last" AS "Value" """)
            .ToListAsync(cancellationToken);
        var number = taken.Single();
        var text = series.Format(year, number);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Diarium_Numbers" ("ContentItemId", "ContentType", "Year", "Number", "Text", "AssignedUtc") VALUES ({contentItemId}, {type}, {year}, {number}, {text}, {now})""",
            cancellationToken);
        logger.LogInformation("Content item {ContentItemId} ({ContentType}) got number {Year}/{Number}", contentItemId, type, year, number);
        return text;
    }
}
