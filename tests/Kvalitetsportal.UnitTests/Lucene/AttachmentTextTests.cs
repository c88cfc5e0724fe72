using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Lucene.Indexing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kvalitetsportal.UnitTests.Lucene;

/// <summary>The text of PDF and .docx attachments is read once, cached, and broken files are left out.</summary>
public sealed class AttachmentTextTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kp-attachments-" + Guid.NewGuid().ToString("N"));
    private readonly MemoryFileStore _files = new();
    private readonly AttachmentText _text;

    public AttachmentTextTests() =>
        _text = new AttachmentText(_files, new SearchOptions { IndexFolder = Path.Combine(_folder, "index"), TextCacheFolder = Path.Combine(_folder, "text") }, NullLogger<AttachmentText>.Instance);

    [Fact]
    public async Task A_pdfs_text_is_read_with_swedish_letters()
    {
        var file = _files.Add("rapport.pdf", MinimalPdf("Rapport om förbättringar i äldreomsorgen"));

        var text = await _text.ExtractAsync(file, CancellationToken.None);

        Assert.Contains("förbättringar i äldreomsorgen", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_documents_paragraphs_are_read_and_kept_apart()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(
                new Paragraph(new Run(new Text("Nyckelfri hemtjänst"))),
                new Paragraph(new Run(new Text("Återkoppling från brukarna")))));
        }

        var file = _files.Add("sammanfattning.docx", stream.ToArray());

        var text = await _text.ExtractAsync(file, CancellationToken.None);

        Assert.Equal("Nyckelfri hemtjänst\nÅterkoppling från brukarna", text);
    }

    [Fact]
    public async Task Text_is_extracted_once_and_then_read_from_the_cache()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text("Första versionen")))));
        }

        var file = _files.Add("a.docx", stream.ToArray());
        Assert.Equal("Första versionen", await _text.ExtractAsync(file, CancellationToken.None));
        _files.Remove(file.Id); // the store no longer has it: only the cache can answer
        Assert.Equal("Första versionen", await _text.ExtractAsync(file, CancellationToken.None));
    }

    [Fact]
    public async Task An_items_document_holds_searchable_attachments_text_but_never_a_user_field()
    {
        var pdf = _files.Add("protokoll.pdf", MinimalPdf("Beslut om nyckelfri hemtjänst"));
        var type = new Kvalitetsportal.Contents.Definitions.ContentTypeDefinition
        {
            Name = "Ide",
            DisplayName = "Idé",
            Fields =
            [
                new() { Name = "bilagor", Label = "Bilagor", Kind = Kvalitetsportal.Contents.Definitions.FieldKind.Files, Searchable = true },
                new() { Name = "idegivare", Label = "Idégivare", Kind = Kvalitetsportal.Contents.Definitions.FieldKind.User, Searchable = true },
            ],
        };
        var item = new Kvalitetsportal.Contents.Items.ContentItem { ContentItemId = "a", ContentType = "Ide", OwnerId = "u", AuthorId = "u", DisplayText = "Nycklar", Latest = true, Published = true };
        item.SetData(new System.Text.Json.Nodes.JsonObject
        {
            ["bilagor"] = System.Text.Json.JsonSerializer.SerializeToNode(new[] { pdf }, System.Text.Json.JsonSerializerOptions.Web),
            ["idegivare"] = "hemlig-person-id",
        });

        var document = await new ContentDocuments(_text).BuildAsync(item, item, type, CancellationToken.None);

        var text = document.Get(IndexFields.Text);
        Assert.Contains("protokoll.pdf", text, StringComparison.Ordinal);
        Assert.Contains("Beslut om nyckelfri hemtjänst", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hemlig-person-id", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_or_another_kind_adds_no_text()
    {
        Assert.Equal("", await _text.ExtractAsync(_files.Add("trasig.pdf", [1, 2, 3, 4]), CancellationToken.None));
        Assert.Equal("", await _text.ExtractAsync(_files.Add("bild.png", [0x89, 0x50, 0x4e, 0x47]), CancellationToken.None));
    }

    /// <summary>
    /// A one-page PDF with Helvetica in WinAnsiEncoding, written by hand: PdfPig's writer cannot put
    /// å, ä or ö in a standard font, and a PDF from a word processor would be a binary in the repo.
    /// </summary>
    private static byte[] MinimalPdf(string text)
    {
        var latin1 = System.Text.Encoding.Latin1;
        var content = $"BT /F1 12 Tf 50 780 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            $"<< /Length {latin1.GetByteCount(content)} >>\nstream\n{content}\nendstream",
        ];
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(latin1.GetByteCount(pdf.ToString()));
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = latin1.GetByteCount(pdf.ToString());
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return latin1.GetBytes(pdf.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private sealed class MemoryFileStore : IFileStore
    {
        private readonly Dictionary<string, byte[]> _files = [];

        public StoredFile Add(string name, byte[] bytes)
        {
            var id = Guid.NewGuid().ToString("N");
            _files[id] = bytes;
            return new StoredFile(id, name, bytes.Length, "application/octet-stream");
        }

        public void Remove(string id) => _files.Remove(id);

        public Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken = default) =>
            Task.FromResult<Stream?>(_files.TryGetValue(id, out var bytes) ? new MemoryStream(bytes) : null);

        public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
        {
            _files.Remove(id);
            return Task.CompletedTask;
        }

        public IAsyncEnumerable<StoredFileEntry> ListAsync(CancellationToken cancellationToken = default) =>
            _files.Select(f => new StoredFileEntry(f.Key, f.Value.Length, DateTime.UtcNow)).ToAsyncEnumerable();
    }
}
