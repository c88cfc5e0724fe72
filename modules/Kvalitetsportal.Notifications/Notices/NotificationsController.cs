using System.Globalization;
using System.Security.Claims;
using Kvalitetsportal.Data;
using Kvalitetsportal.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Notifications.Notices;

/// <summary>The user's in-app notices (/notiser) and how they want them (/notiser/installningar).</summary>
[Authorize]
[Route("notiser")]
public sealed class NotificationsController(PortalDbContext db, IStringLocalizer<NotificationsController> localizer, TimeProvider clock) : Controller
{
    public const int Shown = 100;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var userId = UserId;
        var notices = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        return View(new NotificationsModel(notices, notices.Count(n => n.ReadUtc is null)));
    }

    [HttpPost("lasta")]
    public async Task<IActionResult> MarkRead(CancellationToken cancellationToken)
    {
        var userId = UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Notification>().Where(n => n.UserId == userId && n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), cancellationToken);
        TempData["Message"] = localizer["Alla notiser är markerade som lästa."].Value;
        return Redirect("/notiser");
    }

    [HttpGet("installningar")]
    public async Task<IActionResult> Settings(CancellationToken cancellationToken)
    {
        var userId = UserId;
        var byMail = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == userId).Select(p => p.AlsoByMail).FirstOrDefaultAsync(cancellationToken);
        return View(new NotificationSettingsForm { Delivery = byMail ? NotificationSettingsForm.AlsoByMail : NotificationSettingsForm.InAppOnly });
    }

    [HttpPost("installningar")]
    public async Task<IActionResult> Settings(NotificationSettingsForm form, CancellationToken cancellationToken)
    {
        if (form.Delivery is not (NotificationSettingsForm.InAppOnly or NotificationSettingsForm.AlsoByMail))
        {
            ModelState.AddModelError(nameof(form.Delivery), localizer["Välj hur du vill få notiser."]);
            return View(form);
        }

        var userId = UserId;
        var preference = await db.Set<NotificationPreference>().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preference is null)
        {
            preference = new NotificationPreference { UserId = userId };
            db.Add(preference);
        }

        preference.AlsoByMail = form.Delivery == NotificationSettingsForm.AlsoByMail;
        preference.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = (preference.AlsoByMail ? localizer["Du får notiser i portalen och med e-post."] : localizer["Du får notiser bara i portalen."]).Value;
        return Redirect("/notiser/installningar");
    }
}

public sealed record NotificationsModel(IReadOnlyList<Notification> Notices, int Unread)
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>When a notice came, in Swedish time (as item pages show dates).</summary>
    public static string DateAndTime(DateTime utc) => SwedishTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm", Swedish);

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture); // <time datetime> allows at most three fraction digits
}

public sealed class NotificationSettingsForm
{
    public const string InAppOnly = "portal";
    public const string AlsoByMail = "epost";

    public string? Delivery { get; set; }
}
