namespace Kvalitetsportal.Navigation;

/// <summary>
/// Named places on pages drawn by a theme or another module where features add a block, so that
/// (for example) Contents' detail page shows an item's workflow without Contents knowing workflows.
/// </summary>
public static class PageSlots
{
    /// <summary>The signed-in user's menu in the portal header (no arguments).</summary>
    public const string UserMenu = "user-menu";

    /// <summary>
    /// Below an item's fields on its detail page. The view component is invoked with the
    /// arguments <c>type</c> (the ContentTypeDefinition) and <c>item</c> (the ContentItem).
    /// </summary>
    public const string ContentDetail = "content-detail";
}

/// <summary>A block in a slot, rendered by the named view component, in position order.</summary>
public sealed record PageSection(string ViewComponent, int Position);

/// <summary>Contributes blocks to page slots. Only enabled features are asked.</summary>
public interface IPageSectionProvider
{
    IEnumerable<PageSection> GetSections(string slot);
}
