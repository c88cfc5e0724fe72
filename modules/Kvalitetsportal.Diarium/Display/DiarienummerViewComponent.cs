using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Diarium.Numbers;
using Kvalitetsportal.Navigation;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Diarium.Display;

/// <summary>
/// "Diarienummer: KS 2026/0123" on an item's page (the <see cref="PageSlots.ContentDetail"/> slot)
/// and on a module's own pages (a receipt); nothing when the item has no number.
/// </summary>
public sealed class DiarienummerViewComponent(Diarienummer numbers) : ViewComponent
{
    public const string Name = "Diarienummer";

    /// <param name="item">The item (from the page slot).</param>
    /// <param name="contentItemId">Or just its id (from a module's page).</param>
    public async Task<IViewComponentResult> InvokeAsync(ContentItem? item = null, string? contentItemId = null)
    {
        var id = item?.ContentItemId ?? contentItemId;
        var number = id is null ? null : await numbers.GetAsync(id, HttpContext.RequestAborted);
        return number is null ? Content("") : View("~/Display/Diarienummer.cshtml", number);
    }
}

/// <summary>Puts the number on every item's page.</summary>
public sealed class DiariumPageSections : IPageSectionProvider
{
    public IEnumerable<PageSection> GetSections(string slot) => slot switch
    {
        PageSlots.ContentDetail => [new PageSection(DiarienummerViewComponent.Name, 5)],
        _ => [],
    };
}
