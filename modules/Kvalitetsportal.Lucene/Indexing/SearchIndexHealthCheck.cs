using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// Readiness: the search index is not failing. A failed round makes the node not ready until a
/// round succeeds again (the indexer retries by itself, at most 30 s apart).
/// </summary>
public sealed class SearchIndexHealthCheck(SearchIndexer indexer) : IHealthCheck
{
    public const string Name = "search-index";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(indexer.ConsecutiveFailures == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"Search indexing failed {indexer.ConsecutiveFailures} times in a row; next attempt {indexer.NextAttemptUtc:O}")));
}
