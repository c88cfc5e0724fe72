using System.Globalization;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Workflows.Tasks;

/// <summary>
/// "Mina uppgifter": every item waiting for the user or one of the user's roles, the longest-waiting
/// first or the newest first, narrowed by type and by words in the title.
/// </summary>
[Authorize]
[Route("uppgifter")]
public sealed class TasksController(ItemWorkflowQuery query, IContentDefinitionStore definitions) : Controller
{
    public const int PageSize = 50;

    /// <summary>The sort parameter's value for newest first; anything else is longest-waiting first.</summary>
    public const string Newest = "nyast";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? sida, string? typ, string? q, string? ordning, CancellationToken cancellationToken)
    {
        var page = int.TryParse(sida, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
        var filter = new TaskFilter(
            string.IsNullOrWhiteSpace(typ) ? null : typ.Trim(),
            string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 300)],
            ordning == Newest);
        var (rows, total) = await query.TasksAsync(User, filter, (page - 1) * PageSize, PageSize, cancellationToken);
        var model = await TasksModel.BuildAsync(rows, total, page, definitions, cancellationToken);
        model.Filter = filter;
        model.Types = [.. (await definitions.GetAllAsync(cancellationToken)).Values.Select(t => (t.Name, t.DisplayName)).OrderBy(t => t.DisplayName, StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), false))];
        return View(model);
    }
}

public sealed class TasksModel
{
    public TaskFilter Filter { get; set; } = TaskFilter.LongestWaitingFirst;

    /// <summary>The content types offered in the type filter (name, display name).</summary>
    public IReadOnlyList<(string Name, string DisplayName)> Types { get; set; } = [];

    /// <summary>The query string of this list (filter and order) for the page links.</summary>
    public string QueryFor(int page)
    {
        var parts = new List<string> { "sida=" + page.ToString(CultureInfo.InvariantCulture) };
        if (Filter.ContentType is { } type)
        {
            parts.Add("typ=" + Uri.EscapeDataString(type));
        }

        if (Filter.Text is { } text)
        {
            parts.Add("q=" + Uri.EscapeDataString(text));
        }

        if (Filter.NewestFirst)
        {
            parts.Add("ordning=" + TasksController.Newest);
        }

        return "?" + string.Join("&", parts);
    }

    public required IReadOnlyList<(TaskRow Row, string TypeName)> Rows { get; init; }

    public int Total { get; init; }

    public int Page { get; init; }

    public int PageCount => Math.Max(1, (Total + TasksController.PageSize - 1) / TasksController.PageSize);

    public bool ShowAllLink { get; init; }

    public static async Task<TasksModel> BuildAsync(IReadOnlyList<TaskRow> rows, int total, int page, IContentDefinitionStore definitions, CancellationToken cancellationToken, bool showAllLink = false)
    {
        var types = await definitions.GetAllAsync(cancellationToken);
        return new TasksModel
        {
            Rows = [.. rows.Select(r => (r, types.GetValueOrDefault(r.ContentType)?.DisplayName ?? r.ContentType))],
            Total = total,
            Page = page,
            ShowAllLink = showAllLink && total > rows.Count,
        };
    }
}

/// <summary>The start page's "Mina uppgifter", after "Mina ärenden".</summary>
public sealed class MyTasksViewComponent(ItemWorkflowQuery query, IContentDefinitionStore definitions) : ViewComponent
{
    public const string Name = "MyTasks";
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var (rows, total) = await query.TasksAsync(HttpContext.User, 0, Shown, HttpContext.RequestAborted);
        return View("~/Tasks/Default.cshtml", await TasksModel.BuildAsync(rows, total, 1, definitions, HttpContext.RequestAborted, showAllLink: true));
    }
}

public sealed class MyTasksSectionProvider : IStartPageSectionProvider
{
    public IEnumerable<StartPageSection> GetSections() => [new StartPageSection(MyTasksViewComponent.Name, 5)];
}

public sealed class TasksNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Portal)
        {
            items.Add(new MenuItem("Mina uppgifter", "/uppgifter", 90));
        }
    }
}
