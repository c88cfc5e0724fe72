namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Values a module adds to the item when it enters a state, for the templates of that move's
/// activities (<c>item.diarienummer</c>). Asked inside the move, before the activities run.
/// </summary>
public interface IWorkflowItemValues
{
    /// <summary>
    /// Whether entering <paramref name="toState"/> writes something that must commit or roll back
    /// with the move as one transaction (a number taken from a shared counter): the engine then
    /// runs the move in one.
    /// </summary>
    Task<bool> NeedsTransactionAsync(string contentType, string toState, CancellationToken cancellationToken) => Task.FromResult(false);

    Task AddAsync(RunContext run, IDictionary<string, object?> values, CancellationToken cancellationToken);
}
