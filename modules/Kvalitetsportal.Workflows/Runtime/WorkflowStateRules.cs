using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Every state a type's items can be in, across all definition versions (running items keep old
/// versions), with the newest version's rules for a state that several versions have. Null for a
/// type that never had a workflow. A saved version is seen at once (the type's workflow tag), one
/// that was not announced within a few seconds.
/// </summary>
public sealed class WorkflowStateRules(PortalDbContext db, IFusionCache cache)
{
    private static readonly TimeSpan VersionsMaxAge = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyDictionary<string, WorkflowState>?> GetAsync(string contentType, CancellationToken cancellationToken)
    {
        var newest = await cache.GetOrSetAsync<int?>("workflows:newest:" + contentType, async (_, ct) =>
            await db.Set<WorkflowDefinitionRecord>().AsNoTracking()
                .Where(d => d.ContentType == contentType)
                .MaxAsync(d => (int?)d.Version, ct),
            options => options.SetDuration(VersionsMaxAge), [WorkflowDefinitionStore.TypeTag(contentType)], cancellationToken);
        if (newest is not int version)
        {
            return null;
        }

        // Versions never change, so the merged rules for "up to version N" are cached for good.
        return await cache.GetOrSetAsync<IReadOnlyDictionary<string, WorkflowState>?>($"workflows:state-rules:{contentType}:{version}", async (_, ct) =>
        {
            var definitions = await db.Set<WorkflowDefinitionRecord>().AsNoTracking()
                .Where(d => d.ContentType == contentType && d.Version <= version)
                .OrderByDescending(d => d.Version)
                .Select(d => d.Definition)
                .ToListAsync(ct);
            var states = new Dictionary<string, WorkflowState>(StringComparer.Ordinal);
            foreach (var json in definitions)
            {
                foreach (var state in WorkflowDefinitionStore.Parse(json).States)
                {
                    states.TryAdd(state.Name, state);
                }
            }

            return states;
        }, options => options.SetDuration(WorkflowDefinitionStore.VersionMaxAge), token: cancellationToken);
    }
}
