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
    Contents.Items.IContentQuery contentQuery,
    Contents.Access.ContentAuthorizer authorizer,
    Contents.Access.ContentIdentityVisibility identity,
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
        var guarded = await GuardContentAsync(found, types, cancellationToken);

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
                e.ActorId is null ? localizer["Systemet"]
                    : guarded.HiddenActors.Contains(e.Id) ? localizer["Dold (pseudonymiserad)"]
                    : names.GetValueOrDefault(e.ActorId) ?? localizer["Borttagen användare"],
                e.Category,
                AuditLogPage.ActionText(e.Action),
                types.TryGetValue(e.SubjectType, out var type) ? type.DisplayName : e.SubjectType,
                e.SubjectId,
                guarded.HiddenContent.Contains(e.Id) ? localizer["(innehållet visas bara för den som får öppna ärendet)"] : e.SubjectTitle,
                guarded.HiddenContent.Contains(e.Id) ? [] : AuditJson.Read(e.Changes)))],
        });
    }

    /// <summary>
    /// The same rules as the item's own page: an event about an item the reader may not open shows
    /// neither its title nor its field values, and an actor whose identity the item's policy hides
    /// from the reader (a pseudonymised idea giver) is not named.
    /// </summary>
    private async Task<(HashSet<long> HiddenContent, HashSet<long> HiddenActors)> GuardContentAsync(
        List<AuditEvent> found, IReadOnlyDictionary<string, ContentTypeDefinition> types, CancellationToken cancellationToken)
    {
        var hiddenContent = new HashSet<long>();
        var hiddenActors = new HashSet<long>();
        var ids = found.Where(e => types.ContainsKey(e.SubjectType)).Select(e => e.SubjectId).Distinct().ToList();
        var items = await contentQuery.Items.Where(i => i.Latest && ids.Contains(i.ContentItemId)).ToDictionaryAsync(i => i.ContentItemId, cancellationToken);
        foreach (var e in found.Where(e => types.ContainsKey(e.SubjectType)))
        {
            var type = types[e.SubjectType];
            if (!items.TryGetValue(e.SubjectId, out var item) || !await authorizer.CanAsync(User, type, item, Contents.Permissions.ContentAction.ViewAll, cancellationToken))
            {
                hiddenContent.Add(e.Id);
            }

            if (item is null ? e.ActorId is not null : e.ActorId == item.OwnerId && !await identity.MayRevealOwnerAsync(User, type, item, cancellationToken))
            {
                hiddenActors.Add(e.Id);
            }
        }

        return (hiddenContent, hiddenActors);
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
