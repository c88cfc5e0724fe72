using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Documents.ItemDocuments;

/// <summary>"Hämta dokument": the filled .docx for a reader of the item; 404 for anyone who may not read it.</summary>
[Authorize]
[Route("dokument")]
public sealed class ItemDocumentsController(ItemDocumentService documents) : Controller
{
    public static string LinkTo(string type, string contentItemId, int templateId) =>
        $"/dokument/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(contentItemId)}/{templateId}";

    [HttpGet("{type}/{id}/{templateId:int}")]
    public async Task<IActionResult> Download(string type, string id, int templateId, CancellationToken cancellationToken)
    {
        var document = await documents.FillAsync(User, type, id, templateId, cancellationToken);
        return document is null ? NotFound() : File(document.Content, FilledDocument.ContentType, document.FileName);
    }
}
