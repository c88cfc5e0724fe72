using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Diarium.Numbers;

/// <summary>
/// Gives the number inside the save that makes it due: when the item is created, or when it
/// enters the series' state (at the workflow's start, or by a transition). Runs in the saving
/// unit of work (ADR 0021), so the number commits with the item or not at all.
/// </summary>
internal sealed class DiariumContentHandler(Diarienummer numbers) : IContentHandler
{
    public Task CreatedAsync(ContentContext context, CancellationToken cancellationToken) =>
        numbers.AssignIfDueAsync(context.Type.Name, context.Item.ContentItemId, created: true, Entered(context), cancellationToken);

    public Task PublishedAsync(ContentContext context, CancellationToken cancellationToken) => AssignAsync(context, cancellationToken);

    public Task UpdatedAsync(ContentContext context, CancellationToken cancellationToken) => AssignAsync(context, cancellationToken);

    public Task TransitionedAsync(ContentContext context, CancellationToken cancellationToken) => AssignAsync(context, cancellationToken);

    private Task AssignAsync(ContentContext context, CancellationToken cancellationToken) =>
        Entered(context) is { } state
            ? numbers.AssignIfDueAsync(context.Type.Name, context.Item.ContentItemId, created: false, state, cancellationToken)
            : Task.CompletedTask;

    /// <summary>The state the item enters in this save, if any.</summary>
    private static string? Entered(ContentContext context) =>
        context.Item.WorkflowState is { } state && !string.Equals(context.Previous?.WorkflowState, state, StringComparison.Ordinal) ? state : null;
}

/// <summary>
/// <c>item.diarienummer</c> in the templates of a move's mails and notices. When the move is what
/// makes the number due, it is given here already (in the same transaction), so the mail of the
/// very transition that numbers the item shows its number.
/// </summary>
internal sealed class DiariumWorkflowValues(Diarienummer numbers, PortalDbContext db) : IWorkflowItemValues
{
    public const string Key = "diarienummer";

    public async Task<bool> NeedsTransactionAsync(string contentType, string toState, CancellationToken cancellationToken) =>
        Diarienummer.GivenOnEntering(await numbers.SeriesAsync(contentType, cancellationToken), toState);

    public async Task AddAsync(RunContext run, IDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        // A workflow that starts while its item is created sees the item as a row not saved yet.
        var created = db.Entry(run.Item).State == EntityState.Added;
        values[Key] = await numbers.AssignIfDueAsync(run.Type.Name, run.Item.ContentItemId, created, run.ToState, cancellationToken) ?? "";
    }
}
