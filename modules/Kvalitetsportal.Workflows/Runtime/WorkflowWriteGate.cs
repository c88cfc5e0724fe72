using Kvalitetsportal.Data;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// The workflow runtime's turn at the portal's <see cref="DatabaseWriteGate"/>: the same gate the
/// outbox claims take, so transitions, timer firings and outbox writes take turns on SQLite.
/// </summary>
public sealed class WorkflowWriteGate(DatabaseWriteGate gate)
{
    public Task<T> RunAsync<T>(PortalDbContext db, Func<Task<T>> write, CancellationToken cancellationToken) => gate.RunAsync(db, write, cancellationToken);
}
