using System.Globalization;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Workflows.Tasks;

/// <summary>"Mina uppgifter": every item waiting for the user or one of the user's roles, the longest-waiting first.</summary>
[Authorize]
[Route("uppgifter")]
public sealed class TasksController(ItemWorkflowQuery query, IContentDefinitionStore definitions) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? sida, CancellationToken cancellationToken)
    {
        var page = int.TryParse(sida, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
        var (rows, total) = await query.TasksAsync(User, (page - 1) * PageSize, PageSize, cancellationToken);
        return View(await TasksModel.BuildAsync(rows, total, page, definitions, cancellationToken));
    }
}

public sealed class TasksModel
{
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
