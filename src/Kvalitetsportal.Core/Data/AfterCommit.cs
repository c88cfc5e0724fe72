using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Data;

/// <summary>
/// Work that must happen only once a unit of work has committed: nudging the search indexer or
/// the outbox, forgetting cached lists, telling another node. It runs after the commit of the
/// caller's transaction, or after a SaveChanges outside any transaction; a rollback or a failed
/// save drops it. A failure here is logged and never undoes what committed.
/// </summary>
public sealed class AfterCommitQueue
{
    private List<Func<CancellationToken, Task>>? _pending;

    public void Add(Func<CancellationToken, Task> action) => (_pending ??= []).Add(action);

    internal bool HasPending => _pending is { Count: > 0 };

    internal void Clear() => _pending = null;

    internal async Task RunAsync(ILoggerFactory? logging, CancellationToken cancellationToken)
    {
        // Actions may queue more actions (a handler that saves again): drain until empty.
        while (_pending is { Count: > 0 } pending)
        {
            _pending = null;
            foreach (var action in pending)
            {
                try
                {
                    await action(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logging?.CreateLogger<AfterCommitQueue>().LogError(ex, "An after-commit action failed; the commit stands");
                }
            }
        }
    }
}

/// <summary>Runs a context's <see cref="AfterCommitQueue"/> at the right moment; stateless, one instance for all contexts.</summary>
public sealed class AfterCommitInterceptor : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public static AfterCommitInterceptor Instance { get; } = new();

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await RunAsync(eventData.Context, cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        RunAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Outside an explicit transaction the save itself was the commit.
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await RunAsync(eventData.Context, cancellationToken);
        }

        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            RunAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    // A failed save ends its unit of work (a caller's transaction is rolled back by disposing it).
    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Drop(eventData.Context);

    private static Task RunAsync(DbContext? context, CancellationToken cancellationToken) =>
        context is PortalDbContext { AfterCommit.HasPending: true } portal
            ? portal.AfterCommit.RunAsync(portal.GetService<ILoggerFactory>(), cancellationToken)
            : Task.CompletedTask;

    private static void Drop(DbContext? context)
    {
        if (context is PortalDbContext portal)
        {
            portal.AfterCommit.Clear();
        }
    }
}
