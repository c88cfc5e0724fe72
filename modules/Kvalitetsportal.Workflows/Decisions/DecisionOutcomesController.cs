using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Workflows.Decisions;

public sealed class DecisionOutcomesForm
{
    /// <summary>One outcome per line, in the order the form offers them.</summary>
    public string? Outcomes { get; set; }
}

/// <summary>The administrator keeps the list of outcomes a decision may have. Decisions already made keep the words they had.</summary>
[RequirePermission(WorkflowPermissions.ManageWorkflowsName)]
[Route(Path)]
public sealed class DecisionOutcomesController(PortalDbContext db, IDecisionQuery decisions, IAuditTrail audit, IStringLocalizer<DecisionOutcomesController> localizer) : Controller
{
    public const string Path = "admin/beslutsutfall";
    public const int MaxOutcomes = 30;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Decisions/Outcomes.cshtml", new DecisionOutcomesForm { Outcomes = string.Join('\n', await decisions.OutcomesAsync(cancellationToken)) });

    [HttpPost("")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Save(DecisionOutcomesForm form, CancellationToken cancellationToken)
    {
        var names = (form.Outcomes ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (names.Count == 0)
        {
            ModelState.AddModelError(nameof(form.Outcomes), localizer["Ange minst ett utfall, ett per rad."]);
        }
        else if (names.Count > MaxOutcomes)
        {
            ModelState.AddModelError(nameof(form.Outcomes), localizer["Högst {0} utfall.", MaxOutcomes]);
        }
        else if (names.FirstOrDefault(n => n.Length > DecisionRules.MaxOutcome) is { } tooLong)
        {
            ModelState.AddModelError(nameof(form.Outcomes), localizer["Utfallet \"{0}\" är för långt (högst {1} tecken).", tooLong[..20] + "…", DecisionRules.MaxOutcome]);
        }
        else if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            ModelState.AddModelError(nameof(form.Outcomes), localizer["\"{0}\" står flera gånger.", twice.Key]);
        }

        if (!ModelState.IsValid)
        {
            return View("~/Decisions/Outcomes.cshtml", form);
        }

        var before = await decisions.OutcomesAsync(cancellationToken);

        // The old list goes and the new one comes in one transaction (names are unique, so in two saves).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.RemoveRange(await db.Set<DecisionOutcome>().ToListAsync(cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            db.AddRange(names.Select((name, i) => new DecisionOutcome { Name = name, Order = i }));
            audit.Record(new AuditEntry(AuditCategories.Workflows, AuditActions.Updated, AuditSubjectTypes.Workflow, "beslutsutfall", localizer["Beslutsutfall"])
            {
                Changes = AuditValues.Changes(("outcomes", "Utfall", string.Join(", ", before), string.Join(", ", names))),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        TempData["Message"] = localizer["Utfallen är sparade."].Value;
        return Redirect("/" + Path);
    }
}
