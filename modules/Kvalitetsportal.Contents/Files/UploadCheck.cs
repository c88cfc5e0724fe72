using System.Text;

namespace Kvalitetsportal.Contents.Files;

/// <summary>
/// Checks an upload by size, by extension and by its first bytes, so that an .exe renamed .pdf is
/// refused. Returns a Swedish message for the user, or null when the file is acceptable.
/// </summary>
public static class UploadCheck
{
    private static readonly Dictionary<string, Func<byte[], int, bool>> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = (b, n) => StartsWith(b, n, "%PDF-"u8),
        [".docx"] = IsZip,
        [".xlsx"] = IsZip,
        [".pptx"] = IsZip,
        [".odt"] = IsZip,
        [".ods"] = IsZip,
        [".doc"] = IsOle,
        [".xls"] = IsOle,
        [".ppt"] = IsOle,
        [".png"] = (b, n) => StartsWith(b, n, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        [".jpg"] = (b, n) => StartsWith(b, n, [0xFF, 0xD8, 0xFF]),
        [".jpeg"] = (b, n) => StartsWith(b, n, [0xFF, 0xD8, 0xFF]),
        [".gif"] = (b, n) => StartsWith(b, n, "GIF8"u8),
        [".txt"] = IsText,
        [".csv"] = IsText,
        [".md"] = IsText,
    };

    public static IReadOnlyCollection<string> KnownExtensions => Signatures.Keys;

    public static async Task<string?> CheckAsync(Stream content, string fileName, long length, IReadOnlyCollection<string> allowedExtensions, long maxBytes, CancellationToken cancellationToken = default)
    {
        var extension = Path.GetExtension(fileName);
        if (length == 0)
        {
            return $"Filen \"{fileName}\" är tom.";
        }

        if (length > maxBytes)
        {
            return $"Filen \"{fileName}\" är för stor ({Megabytes(length)}). Största tillåtna storlek är {Megabytes(maxBytes)}.";
        }

        if (string.IsNullOrEmpty(extension) || !allowedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return $"Filen \"{fileName}\" har en filtyp som inte tas emot här. Tillåtna filtyper: {string.Join(", ", allowedExtensions)}.";
        }

        var head = new byte[8192];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (StartsWith(head, read, "MZ"u8) || StartsWith(head, read, [0x7F, 0x45, 0x4C, 0x46]))
        {
            return $"Filen \"{fileName}\" är ett program och kan inte laddas upp.";
        }

        if (!Signatures.TryGetValue(extension, out var matches) || !matches(head, read))
        {
            return $"Innehållet i \"{fileName}\" stämmer inte med filtypen {extension}. Spara filen på nytt i rätt format och försök igen.";
        }

        return null;
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024d / 1024d:0.#} MB";

    private static bool StartsWith(byte[] buffer, int length, ReadOnlySpan<byte> signature) =>
        length >= signature.Length && buffer.AsSpan(0, signature.Length).SequenceEqual(signature);

    private static bool IsZip(byte[] b, int n) => StartsWith(b, n, [0x50, 0x4B, 0x03, 0x04]);

    private static bool IsOle(byte[] b, int n) => StartsWith(b, n, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

    private static bool IsText(byte[] b, int n)
    {
        if (Array.IndexOf(b, (byte)0, 0, n) >= 0)
        {
            return false;
        }

        // UTF-8 (possibly cut mid-character at the end of the sample) or a single-byte Windows text.
        try
        {
            _ = new UTF8Encoding(false, true).GetString(b, 0, Math.Max(0, n - 4));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return true; // Latin-1/Windows-1252 text from older Excel is still text
        }
    }
}
