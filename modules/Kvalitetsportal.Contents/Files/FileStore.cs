using Microsoft.Extensions.Configuration;

namespace Kvalitetsportal.Contents.Files;

/// <summary>An uploaded file as an item refers to it.</summary>
public sealed record StoredFile(string Id, string Name, long Size, string ContentType);

/// <summary>A file in the store with when it was saved (for the sweep of abandoned uploads).</summary>
public sealed record StoredFileEntry(string Id, long Size, DateTime SavedUtc);

/// <summary>Where attachments live. A folder under the data folder by default; shared storage can replace it.</summary>
public interface IFileStore
{
    /// <exception cref="FileQuotaExceededException">The administrator's quota (Uploads:QuotaMegabytes) would be exceeded.</exception>
    Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The file's bytes, or null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes the file; nothing happens when it does not exist.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every stored file (ids and age), for the sweep of uploads nothing refers to.</summary>
    IAsyncEnumerable<StoredFileEntry> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>The store is full: the administrator's quota for attachments is used up.</summary>
public sealed class FileQuotaExceededException(long quotaBytes)
    : IOException($"The attachment quota of {quotaBytes} bytes is used up.")
{
    public long QuotaBytes { get; } = quotaBytes;

    /// <summary>What the person uploading is told.</summary>
    public string SwedishMessage => $"Portalens utrymme för bilagor ({QuotaBytes / (1024 * 1024)} MB) är fullt. Filen sparades inte. Kontakta administratören.";
}

public sealed class LocalFileStore(IConfiguration configuration) : IFileStore
{
    public const string QuotaSetting = "Uploads:QuotaMegabytes";

    private readonly string _root = Path.Combine(configuration["Portal:DataFolderResolved"] ?? "App_Data", "files");
    private readonly long _quotaBytes = configuration.GetValue<long>(QuotaSetting) * 1024 * 1024;
    private long _usedBytes = -1; // not counted yet

    public async Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = Guid.NewGuid().ToString("N");
        var path = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (_quotaBytes > 0)
        {
            var incoming = content.CanSeek ? content.Length - content.Position : 0;
            if (UsedBytes() + incoming > _quotaBytes)
            {
                throw new FileQuotaExceededException(_quotaBytes);
            }
        }

        long length;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(target, cancellationToken);
            length = target.Length;
        }

        Track(length);
        return new StoredFile(id, Path.GetFileName(fileName), length, contentType);
    }

    public Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsOwnId(id))
        {
            return Task.FromResult<Stream?>(null);
        }

        var path = PathOf(id);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (IsOwnId(id))
        {
            var file = new FileInfo(PathOf(id));
            if (file.Exists)
            {
                var length = file.Length;
                file.Delete();
                Track(-length);
            }
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredFileEntry> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = new FileInfo(path);
            if (IsOwnId(file.Name) && file.Exists)
            {
                yield return new StoredFileEntry(file.Name, file.Length, file.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    // Ids are our own 32-hex-digit names; anything else never reaches the disk.
    private static bool IsOwnId(string id) => id.Length == 32 && id.All(Uri.IsHexDigit);

    private void Track(long delta)
    {
        if (Interlocked.Read(ref _usedBytes) >= 0)
        {
            Interlocked.Add(ref _usedBytes, delta);
        }
    }

    /// <summary>The folder's size, counted once and then kept up to date by this store's saves and deletes.</summary>
    private long UsedBytes()
    {
        if (Interlocked.Read(ref _usedBytes) is var known and >= 0)
        {
            return known;
        }

        var counted = Directory.Exists(_root)
            ? Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : 0;
        Interlocked.CompareExchange(ref _usedBytes, counted, -1);
        return Interlocked.Read(ref _usedBytes);
    }

    // Two levels of folders keep any one folder small.
    private string PathOf(string id) => Path.Combine(_root, id[..2], id[2..4], id);
}
