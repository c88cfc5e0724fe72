using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Kvalitetsportal.Contents.Files;
using Microsoft.Extensions.Logging;
using UglyToad.PdfPig;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>
/// The text of an attachment, where a well-kept library can read it: PDF (PdfPig) and Word .docx
/// (Open XML SDK). Other files are found by their name only. Files are immutable (a new upload gets
/// a new id), so the text is extracted once and kept in a cache folder beside the index; a rebuild
/// does not read every PDF again.
/// </summary>
public sealed class AttachmentText(IFileStore files, SearchOptions options, ILogger<AttachmentText> logger)
{
    /// <summary>Bigger files are not opened: a 200-page scan adds little but costs seconds.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>What one attachment may add to an item's text.</summary>
    public const int MaxChars = 100_000;

    public async Task<string> ExtractAsync(StoredFile file, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(file.Name).ToLowerInvariant();
        if (extension is not (".pdf" or ".docx") || file.Size > MaxFileBytes || file.Id.Length != 32 || !file.Id.All(Uri.IsHexDigit))
        {
            return "";
        }

        var cached = Path.Combine(options.TextCacheFolder, file.Id[..2], file.Id + ".txt");
        if (File.Exists(cached))
        {
            return await File.ReadAllTextAsync(cached, cancellationToken);
        }

        await using var stream = await files.OpenReadAsync(file.Id, cancellationToken);
        if (stream is null)
        {
            return "";
        }

        string text;
        try
        {
            // Both libraries want a seekable stream; attachments are small enough to buffer.
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            text = extension == ".pdf" ? Pdf(buffer) : Docx(buffer);
        }
#pragma warning disable CA1031 // a broken or hostile file must not stop indexing; it is logged and left out
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not read the text of attachment {FileId} ({Extension})", file.Id, extension);
            text = "";
        }

        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }

        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        await File.WriteAllTextAsync(cached, text, cancellationToken);
        return text;
    }

    private static string Pdf(Stream stream)
    {
        using var document = PdfDocument.Open(stream);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.AppendLine(page.Text);
            if (text.Length > MaxChars)
            {
                break;
            }
        }

        return text.ToString();
    }

    private static string Docx(Stream stream)
    {
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return "";
        }

        // One line per paragraph, so words of adjacent paragraphs do not run together.
        return string.Join('\n', body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }
}
