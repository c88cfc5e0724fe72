using Kvalitetsportal.Audit;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.AuditTrail.Content;

/// <summary>
/// Records what happens to content items. Runs inside the content manager's save, so the event
/// commits with the item or not at all.
/// </summary>
public sealed class ContentAuditHandler(IAuditTrail audit, PortalDbContext db) : IContentHandler
{
    public async Task CreatedAsync(ContentContext context, CancellationToken cancellationToken) =>
        Record(context, AuditActions.Created, await DiffAsync(context, null, cancellationToken));

    public async Task UpdatedAsync(ContentContext context, CancellationToken cancellationToken) =>
        Record(context, AuditActions.Updated, await DiffAsync(context, context.Previous, cancellationToken));

    public Task PublishedAsync(ContentContext context, CancellationToken cancellationToken)
    {
        Record(context, AuditActions.Published, []);
        return Task.CompletedTask;
    }

    public Task RemovedAsync(ContentContext context, CancellationToken cancellationToken)
    {
        Record(context, AuditActions.Removed, []);
        return Task.CompletedTask;
    }

    /// <summary>A workflow moved the item: recorded as a change of its status and holder, not of its fields.</summary>
    public Task TransitionedAsync(ContentContext context, CancellationToken cancellationToken)
    {
        Record(context, AuditActions.Updated, AuditValues.Changes(
            ("workflowState", "Status", context.Previous?.WorkflowState, context.Item.WorkflowState),
            ("assignedTo", "Hanteras av", context.Previous?.AssignedTo, context.Item.AssignedTo)));
        return Task.CompletedTask;
    }

    private void Record(ContentContext context, string action, IReadOnlyList<AuditChange> changes) =>
        audit.Record(new AuditEntry(AuditCategories.Content, action, context.Type.Name, context.Item.ContentItemId, context.Item.DisplayText)
        {
            ActorId = context.ActorId,
            Changes = changes,
        });

    private async Task<IReadOnlyList<AuditChange>> DiffAsync(ContentContext context, ContentItem? previous, CancellationToken cancellationToken)
    {
        var unitIds = new[] { previous?.OrganisationUnitId, context.Item.OrganisationUnitId }
            .OfType<int>().Distinct().ToList();
        var names = unitIds.Count == 0 || previous?.OrganisationUnitId == context.Item.OrganisationUnitId
            ? []
            : await db.Set<OrganisationUnit>().AsNoTracking()
                .Where(u => unitIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return ContentDiff.Build(context.Type, previous, context.Item, id => names.GetValueOrDefault(id));
    }
}
