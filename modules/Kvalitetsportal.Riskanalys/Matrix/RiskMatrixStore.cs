using Kvalitetsportal.Data;
using Kvalitetsportal.Riskanalys.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Riskanalys.Matrix;

/// <summary>Reads and saves the one risk matrix (one row, read once per request).</summary>
public sealed class RiskMatrixStore(PortalDbContext db, TimeProvider clock, ILogger<RiskMatrixStore> logger)
{
    private RiskMatrix? loaded;

    public async Task<RiskMatrix> GetAsync(CancellationToken cancellationToken = default)
    {
        if (loaded is not null)
        {
            return loaded;
        }

        var json = await db.Set<RiskMatrixRecord>().AsNoTracking().Where(m => m.Id == RiskMatrixRecord.SingletonId).Select(m => m.Json).FirstOrDefaultAsync(cancellationToken);
        loaded = json is null ? RiskMatrix.Default : RiskMatrix.FromJson(json);
        return loaded;
    }

    /// <summary>Saves the matrix when it has no problems; returns the problems otherwise.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(RiskMatrix matrix, string? userId, CancellationToken cancellationToken = default)
    {
        var problems = matrix.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        var row = await db.Set<RiskMatrixRecord>().FirstOrDefaultAsync(m => m.Id == RiskMatrixRecord.SingletonId, cancellationToken);
        if (row is null)
        {
            row = new RiskMatrixRecord();
            db.Add(row);
        }

        row.Json = matrix.ToJson();
        row.ModifiedBy = userId;
        row.ModifiedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        loaded = matrix;
        logger.LogInformation("Risk matrix saved by user {UserId}: {Probability} × {Consequence} levels, {Bands} bands", userId, matrix.ProbabilityLevels, matrix.ConsequenceLevels, matrix.Bands.Count);
        return [];
    }
}
