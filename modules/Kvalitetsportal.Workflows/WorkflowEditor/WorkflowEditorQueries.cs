using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>How many running items of a type are in a state, on a definition version.</summary>
public sealed record ItemCount(string ContentType, int Version, string? State, int Count);

/// <summary>The counts and names the editor's pages show beside the definitions.</summary>
public sealed class WorkflowEditorQueries(PortalDbContext db, IContentQuery contentQuery)
{
    /// <summary>Running items (a workflow instance whose item is not removed) by type, version and current state.</summary>
    /// <summary>Runaway activities the guard stopped and nobody has marked handled yet.</summary>
    public Task<int> UnhandledStopsAsync(CancellationToken cancellationToken) =>
        db.Set<Guard.StoppedFiring>().CountAsync(s => s.HandledUtc == null, cancellationToken);

    public async Task<IReadOnlyList<ItemCount>> ItemCountsAsync(string? contentType, CancellationToken cancellationToken)
    {
        var rows = await (
                from instance in db.Set<WorkflowInstance>()
                join item in contentQuery.Items on instance.ContentItemId equals item.ContentItemId
                where item.Latest && (contentType == null || instance.ContentType == contentType)
                group item by new { instance.ContentType, instance.DefinitionVersion, item.WorkflowState } into g
                select new { g.Key.ContentType, g.Key.DefinitionVersion, g.Key.WorkflowState, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ItemCount(r.ContentType, r.DefinitionVersion, r.WorkflowState, r.Count))];
    }

    /// <summary>Display names of the users who saved versions (ids of removed users map to nothing).</summary>
    public async Task<IReadOnlyDictionary<string, string>> UserNamesAsync(IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var users = await db.Set<PortalUser>().AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, StringComparer.Ordinal);
    }
}
