namespace Kvalitetsportal.Data;

/// <summary>
/// SQLite has one writer at a time; a writer that finds it busy sleeps and retries, and the lock
/// often sits free while writers sleep. The portal's background writers and transitions (workflow
/// moves, timer firings, outbox claims and marks) therefore take turns in-process first, handing
/// over at once and in order. On PostgreSQL, which has row locks, writes are not gated. Never held
/// across another gated write (each use is one unit of work on one context). One per process.
/// </summary>
public sealed class DatabaseWriteGate : IDisposable
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(PortalDbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != SqliteProvider)
        {
            return await write();
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
