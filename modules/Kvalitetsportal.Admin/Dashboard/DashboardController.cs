using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Admin.Dashboard;

[Admin]
[RequirePermission("AccessAdmin")]
public sealed class DashboardController(INavigationManager navigation) : Controller
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await navigation.BuildMenuAsync(Menus.Admin, User, cancellationToken));
}
