using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.AuditTrail.Recording;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.AuditTrail.AuditLog;

/// <summary>Reading the audit log. There is deliberately no action that changes or deletes an event.</summary>
[Admin]
[RequirePermission(AuditTrailPermissions.ViewAuditTrailName)]
[Route("admin/granskningslogg")]
public sealed class AuditLogController(
    PortalDbContext db,
    IContentDefinitionStore definitions,
    IOptions<AuditTrailOptions> options,
    IStringLocalizer<AuditLogController> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(
        DateOnly? fran,
        DateOnly? till,
        string? kategori,
        string? handelse,
        string? anvandare,
        string? objekt,
        int sida = 1,
        CancellationToken cancellationToken = default)
    {
        ReplaceDateError(nameof(fran));
        ReplaceDateError(nameof(till));
        var query = new AuditLogQuery(fran, till, Clean(kategori), Clean(handelse), Clean(anvandare), Clean(objekt), sida);
        var events = db.Set<AuditEvent>().AsNoTracking();

        if (fran is DateOnly from)
        {
            var fromUtc = ToUtc(from);
            events = events.Where(e => e.OccurredUtc >= fromUtc);
        }

        if (till is DateOnly to)
        {
            var toUtc = ToUtc(to.AddDays(1));
            events = events.Where(e => e.OccurredUtc < toUtc);
        }

        if (query.Category is { } category)
        {
            events = events.Where(e => e.Category == category);
        }

        if (query.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }

        var unknownUser = false;
        if (query.User is { } email)
        {
            var normalized = email.ToUpperInvariant();
            var userId = await db.Set<PortalUser>().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            unknownUser = userId is null;
            // An unknown address matches nothing (not the system's events, whose actor is null too).
            events = userId is null ? events.Where(e => false) : events.Where(e => e.ActorId == userId);
        }

        if (query.Subject is { } subject)
        {
            var lower = subject.ToLowerInvariant();
            events = events.Where(e => e.SubjectId == subject || e.NormalizedSubjectTitle.Contains(lower));
        }

        var total = await events.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + AuditLogPage.PageSize - 1) / AuditLogPage.PageSize);
        var page = Math.Clamp(sida, 1, pageCount);
        var found = await events
            .OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * AuditLogPage.PageSize).Take(AuditLogPage.PageSize)
            .ToListAsync(cancellationToken);

        var actorIds = found.Select(e => e.ActorId).OfType<string>().Distinct().ToList();
        var names = await db.Set<PortalUser>().AsNoTracking()
            .Where(u => actorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, cancellationToken);
        var types = await definitions.GetAllAsync(cancellationToken);

        return View(new AuditLogPage
        {
            Query = query with { Page = page },
            TotalCount = total,
            RetentionDays = options.Value.RetentionDays,
            UnknownUser = unknownUser,
            TimeZoneName = SwedishTime.Zone.Id,
            Rows = [.. found.Select(e => new AuditRow(
                e.Id,
                SwedishTime.FromUtc(e.OccurredUtc),
                e.ActorId is null ? localizer["Systemet"] : names.GetValueOrDefault(e.ActorId) ?? localizer["Borttagen användare"],
                e.Category,
                AuditLogPage.ActionText(e.Action),
                types.TryGetValue(e.SubjectType, out var type) ? type.DisplayName : e.SubjectType,
                e.SubjectId,
                e.SubjectTitle,
                AuditJson.Read(e.Changes)))],
        });
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTime ToUtc(DateOnly localDate) => SwedishTime.StartOfDayUtc(localDate);

    private void ReplaceDateError(string key)
    {
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            ModelState.AddModelError(key, localizer["Skriv datumet som år-månad-dag, till exempel 2026-03-15."]);
        }
    }
}
