using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Themes.Portal.Home;

/// <summary>The employee's start page. "Mina ärenden" fills up as content modules arrive.</summary>
[Authorize]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();
}
