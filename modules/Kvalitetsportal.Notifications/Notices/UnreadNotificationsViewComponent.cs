using System.Security.Claims;
using Kvalitetsportal.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Notifications.Notices;

/// <summary>"Notiser (3 olästa)" in the header's user menu.</summary>
public sealed class UnreadNotificationsViewComponent(PortalDbContext db) : ViewComponent
{
    public const string Name = "UnreadNotifications";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var unread = userId is null ? 0 : await db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadUtc == null, HttpContext.RequestAborted);
        return View("~/Notices/Unread.cshtml", unread);
    }
}
