using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Documents.Data;
using Kvalitetsportal.Documents.Merging;

namespace Kvalitetsportal.Documents.Templates;

/// <summary>What the upload check found: the fields the template uses, or why it cannot be used.</summary>
public sealed record TemplateCheckResult(IReadOnlyList<string> Fields, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks an uploaded template before anything is saved: a real .docx (not renamed, not a macro
/// document, not too large), fields written the way the merger reads them, each one known for the
/// content type, and a list's fields only in a row or paragraph of their own. Every problem gets
/// a Swedish message that says what to do in Word.
/// </summary>
public static class TemplateCheck
{
    public const long MaxBytes = 5 * 1024 * 1024;
    private const int MaxErrors = 10;

    public static async Task<TemplateCheckResult> CheckAsync(Stream content, string fileName, long length, string typeName, IReadOnlyList<DocumentField> known, CancellationToken cancellationToken)
    {
        if (string.Equals(Path.GetExtension(fileName), ".doc", StringComparison.OrdinalIgnoreCase))
        {
            return Failed($"\"{fileName}\" är i Words äldre format (.doc). Öppna filen i Word, välj Spara som och formatet Word-dokument (.docx), och ladda upp den nya filen.");
        }

        if (await UploadCheck.CheckAsync(content, fileName, length, [".docx"], MaxBytes, cancellationToken) is { } refused)
        {
            return Failed(refused);
        }

        content.Position = 0;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        return Check(copy.ToArray(), fileName, typeName, known);
    }

    public static TemplateCheckResult Check(byte[] bytes, string fileName, string typeName, IReadOnlyList<DocumentField> known)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            if (document.DocumentType != WordprocessingDocumentType.Document)
            {
                return Failed($"\"{fileName}\" är en Word-mall (.dotx) eller ett dokument med makron. Spara den som ett vanligt Word-dokument (.docx) och ladda upp den igen.");
            }

            if (document.MainDocumentPart?.Document?.Body is null)
            {
                return Failed(Unreadable(fileName));
            }

            return Scan(document, typeName, known);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or IOException or InvalidOperationException or ArgumentException)
        {
            return Failed(Unreadable(fileName));
        }
    }

    private static TemplateCheckResult Scan(WordprocessingDocument document, string typeName, IReadOnlyList<DocumentField> known)
    {
        var names = known.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var lists = known.Where(f => f.List is not null).Select(f => f.List!).ToHashSet(StringComparer.Ordinal);
        var used = new List<string>();
        var errors = new List<string>();
        var listOfUnit = new Dictionary<OpenXmlElement, string>();
        var roots = MergeFields.Roots(document).ToList();
        if (roots.Any(MergeFields.HasWordMergeFields))
        {
            errors.Add("Mallen använder Words egna kopplingsfält (MERGEFIELD). Skriv fälten som vanlig text i stället, till exempel {{ item.title }}.");
        }

        foreach (var paragraph in roots.SelectMany(r => r.Descendants<Paragraph>()))
        {
            var text = MergeFields.TextOf(paragraph);
            var matches = MergeFields.Field().Matches(text);
            var rest = MergeFields.Field().Replace(text, "");
            if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
            {
                errors.Add($"Ett fält i stycket \"{Shorten(text)}\" är inte skrivet som {{{{ namn }}}}: det saknar en av klamrarna eller har klamrar inuti. Rätta stycket i Word.");
            }

            foreach (var name in matches.Select(m => m.Groups[1].Value))
            {
                if (!MergeFields.Name().IsMatch(name))
                {
                    errors.Add($"\"{{{{ {name} }}}}\" är inte ett fältnamn. Ett fält skrivs med punkt mellan delarna, till exempel {{{{ item.title }}}}.");
                    continue;
                }

                if (!names.ContainsKey(name))
                {
                    errors.Add($"Fältet {{{{ {name} }}}} finns inte för {typeName}. Kontrollera stavningen mot listan över fält (stora och små bokstäver räknas).");
                    continue;
                }

                used.Add(name);
                if (MergeFields.ListOf(name, lists) is { } list)
                {
                    var unit = MergeFields.RepeatingUnit(paragraph);
                    if (listOfUnit.TryGetValue(unit, out var other) && other != list)
                    {
                        errors.Add($"En tabellrad eller ett stycke hämtar från två listor ({other} och {list}). Lägg varje lista i en egen tabellrad.");
                    }

                    listOfUnit[unit] = list;
                }
            }
        }

        var fields = used.Distinct(StringComparer.Ordinal).ToList();
        if (fields.Count == 0 && errors.Count == 0)
        {
            errors.Add("Mallen har inga fält, så dokumentet skulle bli likadant för alla ärenden. Skriv in fält som {{ item.title }} där ärendets uppgifter ska stå.");
        }

        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > MaxErrors)
        {
            distinct = [.. distinct.Take(MaxErrors), $"… och {distinct.Count - MaxErrors} fel till."];
        }

        return new TemplateCheckResult(fields, distinct);
    }

    private static string Unreadable(string fileName) =>
        $"\"{fileName}\" kunde inte läsas som ett Word-dokument. Öppna filen i Word, välj Spara som och formatet Word-dokument (.docx), och ladda upp den nya filen.";

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static TemplateCheckResult Failed(string error) => new([], [error]);
}
