using Microsoft.Extensions.Configuration;

namespace Kvalitetsportal.Contents.Files;

/// <summary>An uploaded file as an item refers to it.</summary>
public sealed record StoredFile(string Id, string Name, long Size, string ContentType);

/// <summary>Where attachments live. A folder under the data folder by default; shared storage can replace it.</summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The file's bytes, or null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken = default);
}

public sealed class LocalFileStore(IConfiguration configuration) : IFileStore
{
    private readonly string _root = Path.Combine(configuration["Portal:DataFolderResolved"] ?? "App_Data", "files");

    public async Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N");
        var path = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(target, cancellationToken);
        return new StoredFile(id, Path.GetFileName(fileName), target.Length, contentType);
    }

    public Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken = default)
    {
        // Ids are our own 32-hex-digit names; anything else never reaches the disk.
        if (id.Length != 32 || !id.All(Uri.IsHexDigit))
        {
            return Task.FromResult<Stream?>(null);
        }

        var path = PathOf(id);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    // Two levels of folders keep any one folder small.
    private string PathOf(string id) => Path.Combine(_root, id[..2], id[2..4], id);
}
