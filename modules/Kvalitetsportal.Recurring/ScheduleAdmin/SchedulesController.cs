using System.Security.Claims;
using System.Text.Json;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recurring.Running;
using Kvalitetsportal.Recurring.Schedules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Recurring.ScheduleAdmin;

/// <summary>Schedules: the list with next and last runs, add, edit, pause and resume, and "run now".</summary>
[Admin]
[RequirePermission(RecurringPermissions.ManageRecurringName)]
[Route("admin/aterkommande")]
public sealed class SchedulesController(
    PortalDbContext db,
    IContentDefinitionStore types,
    ScheduleValidator validator,
    ScheduleRunner runner,
    RecurringSignal signal,
    IEnumerable<IPersonDirectory> people,
    TimeProvider clock,
    IStringLocalizer<SchedulesController> localizer,
    ILogger<SchedulesController> logger) : Controller
{
    private const string ListUrl = "/admin/aterkommande";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var schedules = await db.Set<RecurringSchedule>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var lastRuns = await db.Set<RecurringRun>().AsNoTracking()
            .GroupBy(r => r.ScheduleId)
            .Select(g => new { ScheduleId = g.Key, Last = g.Max(r => r.RunUtc), Created = g.Count(r => r.Status == RunStatus.Created), Failed = g.Count(r => r.Status == RunStatus.Failed) })
            .ToListAsync(cancellationToken);
        var allTypes = await types.GetAllAsync(cancellationToken);
        var rows = schedules.Select(s =>
        {
            var runs = lastRuns.FirstOrDefault(r => r.ScheduleId == s.Id);
            return new ScheduleRow(s, allTypes.TryGetValue(s.ContentType, out var t) ? t.DisplayName : s.ContentType,
                s.Paused ? null : ScheduleTimes.NextUtc(s, Now), runs?.Last, runs?.Created ?? 0, runs?.Failed ?? 0);
        }).ToList();
        return View(rows);
    }

    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Edit", await PrepareAsync(new ScheduleForm(), null, cancellationToken));

    [HttpPost("ny")]
    public async Task<IActionResult> Create(ScheduleForm form, CancellationToken cancellationToken)
    {
        var (input, owner) = await CheckAsync(form, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Edit", await PrepareAsync(form, null, cancellationToken));
        }

        var schedule = new RecurringSchedule { Name = input.Name, ContentType = input.ContentType, StartsUtc = Now, CreatedUtc = Now, UpdatedUtc = Now };
        ScheduleValidator.Apply(input, owner, schedule);
        db.Add(schedule);
        await db.SaveChangesAsync(cancellationToken);
        signal.Changed();
        logger.LogInformation("Schedule {ScheduleId} added by user {UserId}", schedule.Id, UserId);
        TempData["Message"] = localizer["Schemat \"{0}\" är sparat. Nästa gång: {1}.", schedule.Name, ScheduleTimes.NextUtc(schedule, Now).ToSwedishDate()].Value;
        return Redirect(ListUrl);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await db.Set<RecurringSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } schedule)
        {
            return NotFound();
        }

        var owner = schedule.OwnerUserId is { } ownerId && people.FirstOrDefault() is { } directory ? await directory.FindByIdAsync(ownerId, cancellationToken) : null;
        var form = new ScheduleForm
        {
            Name = schedule.Name,
            ContentType = schedule.ContentType,
            Period = schedule.Period,
            DayOfPeriod = schedule.DayOfPeriod,
            TitleTemplate = schedule.TitleTemplate,
            InitialValues = ScheduleForm.FormatInitialValues(JsonSerializer.Deserialize<Dictionary<string, string>>(schedule.InitialValues) ?? []),
            SourceType = schedule.SourceType,
            SourceState = schedule.SourceState,
            LinkField = schedule.LinkField,
            OwnerEmail = owner?.Email,
            CatchUp = schedule.CatchUp,
            Paused = schedule.Paused,
        };
        return View(await PrepareAsync(form, schedule, cancellationToken));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, ScheduleForm form, CancellationToken cancellationToken)
    {
        if (await db.Set<RecurringSchedule>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } schedule)
        {
            return NotFound();
        }

        var (input, owner) = await CheckAsync(form, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(await PrepareAsync(form, schedule, cancellationToken));
        }

        var resumed = schedule.Paused && !input.Paused;
        ScheduleValidator.Apply(input, owner, schedule);
        schedule.UpdatedUtc = Now;
        if (resumed)
        {
            Resume(schedule);
        }

        await db.SaveChangesAsync(cancellationToken);
        signal.Changed();
        logger.LogInformation("Schedule {ScheduleId} changed by user {UserId}", schedule.Id, UserId);
        TempData["Message"] = localizer["Ändringarna av \"{0}\" är sparade.", schedule.Name].Value;
        return Redirect(ListUrl);
    }

    [HttpPost("{id:int}/pausa")]
    public Task<IActionResult> Pause(int id, CancellationToken cancellationToken) => SetPausedAsync(id, true, cancellationToken);

    [HttpPost("{id:int}/starta")]
    public Task<IActionResult> Resume(int id, CancellationToken cancellationToken) => SetPausedAsync(id, false, cancellationToken);

    /// <summary>Creates what is missing of the current period now, and tries its failed items again.</summary>
    [HttpPost("{id:int}/kor")]
    public async Task<IActionResult> RunNow(int id, CancellationToken cancellationToken)
    {
        if (await db.Set<RecurringSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } schedule)
        {
            return NotFound();
        }

        var period = Period.Containing(schedule.Period, Now);
        var outcome = await runner.RunPeriodAsync(schedule, period, retryFailed: true, cancellationToken);
        logger.LogInformation("Schedule {ScheduleId} run now for period {PeriodKey} by user {UserId}", schedule.Id, period.Key, UserId);
        var message = localizer["{0}, {1}: {2} ärenden skapades, {3} fanns redan, {4} misslyckades.", schedule.Name, period.Label, outcome.Created, outcome.AlreadyDone, outcome.Failed].Value;
        TempData[outcome.Failed > 0 ? "Error" : "Message"] = message;
        return Redirect($"{ListUrl}/{id}");
    }

    private async Task<IActionResult> SetPausedAsync(int id, bool paused, CancellationToken cancellationToken)
    {
        if (await db.Set<RecurringSchedule>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } schedule)
        {
            return NotFound();
        }

        if (schedule.Paused && !paused)
        {
            Resume(schedule);
        }

        schedule.Paused = paused;
        schedule.UpdatedUtc = Now;
        await db.SaveChangesAsync(cancellationToken);
        signal.Changed();
        logger.LogInformation("Schedule {ScheduleId} paused: {Paused}, by user {UserId}", schedule.Id, paused, UserId);
        TempData["Message"] = paused
            ? localizer["\"{0}\" är pausat. Inga ärenden skapas förrän det startas igen.", schedule.Name].Value
            : localizer["\"{0}\" är startat igen.", schedule.Name].Value;
        return Redirect(ListUrl);
    }

    /// <summary>A paused schedule does not catch up on resume: the periods it was paused through are skipped.</summary>
    private void Resume(RecurringSchedule schedule)
    {
        var latest = ScheduleTimes.LatestDue(schedule, Now);
        if (schedule.DoneThroughUtc is not { } done || done < latest.StartUtc)
        {
            schedule.DoneThroughUtc = latest.StartUtc;
        }
    }

    private async Task<(ScheduleInput Input, string? Owner)> CheckAsync(ScheduleForm form, int? id, CancellationToken cancellationToken)
    {
        var (values, badLines) = form.ParseInitialValues();
        foreach (var line in badLines)
        {
            ModelState.AddModelError(nameof(form.InitialValues), localizer["Raden \"{0}\" saknar \"=\". Skriv en rad per fält: fältnamn = värde.", line]);
        }

        var input = new ScheduleInput(form.Name ?? "", form.ContentType ?? "", form.Period, form.DayOfPeriod, form.TitleTemplate ?? "", values,
            form.SourceType, form.SourceState, form.LinkField, form.OwnerEmail, form.CatchUp, form.Paused);
        var (problems, owner) = await validator.ValidateAsync(input, id, cancellationToken);
        foreach (var problem in problems)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }

        return (input, owner);
    }

    private async Task<ScheduleForm> PrepareAsync(ScheduleForm form, RecurringSchedule? schedule, CancellationToken cancellationToken)
    {
        var all = await types.GetAllAsync(cancellationToken);
        form.Schedule = schedule;
        form.Types = [.. all.Values.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture).Select(t => new SelectListItem(t.DisplayName, t.Name))];
        form.Runs = schedule is null ? [] : await db.Set<RecurringRun>().AsNoTracking()
            .Where(r => r.ScheduleId == schedule.Id).OrderByDescending(r => r.RunUtc).ThenByDescending(r => r.Id).Take(50).ToListAsync(cancellationToken);
        return form;
    }
}

/// <summary>One schedule in the list.</summary>
public sealed record ScheduleRow(RecurringSchedule Schedule, string TypeName, DateTime? NextUtc, DateTime? LastRunUtc, int Created, int Failed);

internal static class ScheduleDates
{
    public static string ToSwedishDate(this DateTime utc) =>
        Kvalitetsportal.Localization.SwedishTime.FromUtc(utc).ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"));
}
