using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Every state a type's items can be in, across all definition versions (running items keep old
/// versions), with the newest version's rules for a state that several versions have. Null for a
/// type that never had a workflow. Another node's save is seen within a few seconds.
/// </summary>
public sealed class WorkflowStateRules(PortalDbContext db, IMemoryCache cache)
{
    private static readonly TimeSpan VersionsMaxAge = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyDictionary<string, WorkflowState>?> GetAsync(string contentType, CancellationToken cancellationToken)
    {
        var newest = await cache.GetOrCreateAsync("Kvalitetsportal.Workflows.NewestVersion:" + contentType, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = VersionsMaxAge;
            return await db.Set<WorkflowDefinitionRecord>().AsNoTracking()
                .Where(d => d.ContentType == contentType)
                .MaxAsync(d => (int?)d.Version, cancellationToken);
        });
        if (newest is not int version)
        {
            return null;
        }

        // Versions never change, so the merged rules for "up to version N" are cached for good.
        return await cache.GetOrCreateAsync($"Kvalitetsportal.Workflows.StateRules:{contentType}:{version}", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            var definitions = await db.Set<WorkflowDefinitionRecord>().AsNoTracking()
                .Where(d => d.ContentType == contentType && d.Version <= version)
                .OrderByDescending(d => d.Version)
                .Select(d => d.Definition)
                .ToListAsync(cancellationToken);
            var states = new Dictionary<string, WorkflowState>(StringComparer.Ordinal);
            foreach (var json in definitions)
            {
                foreach (var state in WorkflowDefinitionStore.Parse(json).States)
                {
                    states.TryAdd(state.Name, state);
                }
            }

            return (IReadOnlyDictionary<string, WorkflowState>)states;
        });
    }
}
