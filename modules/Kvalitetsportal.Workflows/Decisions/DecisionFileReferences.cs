using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.Decisions;

/// <summary>Decision attachments (the signed protocol) are kept by the sweep of abandoned uploads.</summary>
public sealed class DecisionFileReferences(PortalDbContext db) : IStoredFileReferences
{
    public async Task AddReferencedAsync(ISet<string> ids, CancellationToken cancellationToken)
    {
        await foreach (var attachments in db.Set<WorkflowDecision>().AsNoTracking()
            .Select(d => d.Attachments).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ids.UnionWith(StoredFileIds.In(attachments));
        }
    }
}
