using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Diarium.Numbers;

/// <summary>The number series as the administrator (or a recipe) keeps them. Changing a series changes the numbers given from now on, never those already given.</summary>
public sealed class DiariumSeriesStore(PortalDbContext db, IContentDefinitionStore types, TimeProvider clock, ILogger<DiariumSeriesStore> logger)
{
    public const int MaxDigits = 9;

    public async Task<IReadOnlyList<DiariumSeries>> AllAsync(CancellationToken cancellationToken = default) =>
        await db.Set<DiariumSeries>().AsNoTracking().OrderBy(s => s.ContentType).ToListAsync(cancellationToken);

    /// <summary>Checks and saves a series (replacing the type's); returns what is wrong, in Swedish, or nothing.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(DiariumSeries series, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        series.Prefix = series.Prefix?.Trim() ?? "";
        series.StateName = string.IsNullOrWhiteSpace(series.StateName) ? null : series.StateName.Trim();
        if (await types.GetAsync(series.ContentType, cancellationToken) is null)
        {
            errors.Add($"Innehållstypen \"{series.ContentType}\" finns inte.");
        }

        if (series.Prefix.Length > DiariumSeries.MaxPrefixLength)
        {
            errors.Add($"Prefixet får vara högst {DiariumSeries.MaxPrefixLength} tecken.");
        }

        if (series.Digits is < 1 or > MaxDigits)
        {
            errors.Add($"Antalet siffror i löpnumret ska vara mellan 1 och {MaxDigits}.");
        }

        if (series.AssignOn == AssignMoment.EntersState && series.StateName is null)
        {
            errors.Add("Skriv namnet på steget i arbetsflödet där ärendet får sitt nummer.");
        }
        else if (series.AssignOn == AssignMoment.Created)
        {
            series.StateName = null;
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        series.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        var stored = await db.Set<DiariumSeries>().FirstOrDefaultAsync(s => s.ContentType == series.ContentType, cancellationToken);
        if (stored is null)
        {
            db.Add(series);
        }
        else
        {
            db.Entry(stored).CurrentValues.SetValues(series);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Number series for {ContentType} saved", series.ContentType);
        return [];
    }

    /// <summary>The type gives no more numbers; those given stay.</summary>
    public async Task RemoveAsync(string contentType, CancellationToken cancellationToken = default)
    {
        await db.Set<DiariumSeries>().Where(s => s.ContentType == contentType).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Number series for {ContentType} removed", contentType);
    }
}
