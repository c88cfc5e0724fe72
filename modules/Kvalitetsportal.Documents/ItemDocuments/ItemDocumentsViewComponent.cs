using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Documents.Templates;
using Kvalitetsportal.Navigation;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Documents.ItemDocuments;

/// <summary>The links "Hämta dokument: {purpose}" on an item's page, one per template of its type. The page has checked the reader.</summary>
public sealed class ItemDocumentsViewComponent(DocumentTemplates templates) : ViewComponent
{
    public const string Name = "ItemDocuments";

    public async Task<IViewComponentResult> InvokeAsync(ContentTypeDefinition type, ContentItem item)
    {
        var list = await templates.ListAsync(type.Name, HttpContext.RequestAborted);
        return list.Count == 0
            ? Content("")
            : View("~/ItemDocuments/Links.cshtml", new ItemDocumentLinks(
                [.. list.Select(t => (t.Purpose, ItemDocumentsController.LinkTo(type.Name, item.ContentItemId, t.Id)))]));
    }
}

public sealed record ItemDocumentLinks(IReadOnlyList<(string Purpose, string Url)> Links);

/// <summary>Puts the document links on item pages, after the workflow block.</summary>
public sealed class ItemDocumentsPageSections : IPageSectionProvider
{
    public IEnumerable<PageSection> GetSections(string slot) => slot switch
    {
        PageSlots.ContentDetail => [new PageSection(ItemDocumentsViewComponent.Name, 20)],
        _ => [],
    };
}
