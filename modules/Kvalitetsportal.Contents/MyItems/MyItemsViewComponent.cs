using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Queries;
using Kvalitetsportal.Navigation;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Contents.MyItems;

/// <summary>"Mina ärenden" on the start page: the user's own items across all types.</summary>
public sealed class MyItemsSectionProvider : IStartPageSectionProvider
{
    public IEnumerable<StartPageSection> GetSections() => [new StartPageSection(MyItemsViewComponent.Name, 10)];
}

public sealed class MyItemsViewComponent(ContentListQuery query, IContentDefinitionStore definitions, ContentItemPages pages) : ViewComponent
{
    public const string Name = "MyItems";
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var page = await query.MineAsync(HttpContext.User, 1, Shown, cancellationToken);
        return View("~/MyItems/Default.cshtml", await MyItemsViewModel.FromAsync(page, await definitions.GetAllAsync(cancellationToken), pages, showAllLink: true, cancellationToken));
    }
}

public sealed record MyItemRow(string Title, string Url, string TypeName, string State, bool IsDraft, DateTime ModifiedUtc);

public sealed class MyItemsViewModel
{
    public required IReadOnlyList<MyItemRow> Rows { get; init; }

    public required ContentPage Page { get; init; }

    /// <summary>On the start page: a link to the full list when there are more than are shown.</summary>
    public bool ShowAllLink { get; init; }

    public static async Task<MyItemsViewModel> FromAsync(ContentPage page, IReadOnlyDictionary<string, ContentTypeDefinition> types, ContentItemPages pages, bool showAllLink, CancellationToken cancellationToken)
    {
        var rows = new List<MyItemRow>(page.Items.Count);
        foreach (var item in page.Items)
        {
            rows.Add(new MyItemRow(
                item.DisplayText,

                // A draft is opened where it is edited; a submitted item where it is read.
                item.Published ? await pages.ReadUrlAsync(item.ContentType, item.ContentItemId, cancellationToken) : ContentItemUrls.Detail(item.ContentType, item.ContentItemId),
                types.GetValueOrDefault(item.ContentType)?.DisplayName ?? item.ContentType,
                item.WorkflowState ?? (item.Published ? "Inskickad" : "Utkast"),
                !item.Published,
                item.ModifiedUtc));
        }

        return new MyItemsViewModel { Page = page, ShowAllLink = showAllLink && page.TotalCount > page.Items.Count, Rows = rows };
    }
}
