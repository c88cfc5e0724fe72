using System.Security.Claims;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Permissions;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.ActionPlan;

/// <summary>What one row of an action plan says, as the form gives it (already checked).</summary>
public sealed record ActionPlanInput(string Opportunity, string Action, PickQuadrant Assessment, string ResponsibleId, DateOnly DueDate, DateOnly? FollowUpDate, string? FollowUp, bool Done);

/// <summary>A row of the plan as the idea page and the board show it.</summary>
public sealed record ActionPlanLine(ActionPlanRow Row, string ResponsibleName, bool Overdue, bool MayEdit);

/// <summary>An overdue row on the coordinator's board.</summary>
public sealed record OverdueAction(string IdeaId, string IdeaTitle, string Action, string ResponsibleName, DateOnly DueDate);

/// <summary>
/// An idea's action plan after PICK (handbook p. 29). Whoever may see the idea sees its plan; the
/// sluice (coordinator and quality lead: the manage or assess permission) adds, edits and removes
/// rows, and a responsible person edits their own rows. Every change is in the audit log.
/// </summary>
public sealed class ActionPlans(PortalDbContext db, IPermissionService permissions, IAuditTrail audit, IdeaQueries queries, TimeProvider clock)
{
    /// <summary>Today in Swedish time: a row is overdue when its klart-datum has passed and it is not done.</summary>
    public DateOnly Today => DateOnly.FromDateTime(SwedishTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>Whether the user runs plans (adds, removes, edits every row).</summary>
    public async Task<bool> MayRunAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await permissions.HasPermissionAsync(user, IdeslussPermissions.ManageName, cancellationToken)
        || await permissions.HasPermissionAsync(user, IdeslussPermissions.AssessName, cancellationToken);

    public async Task<bool> MayEditAsync(ClaimsPrincipal user, ActionPlanRow row, CancellationToken cancellationToken) =>
        row.ResponsibleId == ContentAuthorizer.UserId(user) || await MayRunAsync(user, cancellationToken);

    public async Task<IReadOnlyList<ActionPlanLine>> LinesAsync(ClaimsPrincipal user, string ideaId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ActionPlanRow>().AsNoTracking().Where(r => r.IdeaId == ideaId).OrderBy(r => r.DueDate).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var names = await queries.NamesAsync(rows.Select(r => r.ResponsibleId), cancellationToken);
        var runs = await MayRunAsync(user, cancellationToken);
        var me = ContentAuthorizer.UserId(user);
        var today = Today;
        return [.. rows.Select(r => new ActionPlanLine(r, names.GetValueOrDefault(r.ResponsibleId) ?? "–", IsOverdue(r, today), runs || r.ResponsibleId == me))];
    }

    public Task<ActionPlanRow?> RowAsync(string ideaId, long rowId, CancellationToken cancellationToken) =>
        db.Set<ActionPlanRow>().FirstOrDefaultAsync(r => r.Id == rowId && r.IdeaId == ideaId, cancellationToken);

    public async Task<ActionPlanRow> AddAsync(ContentItem idea, ActionPlanInput input, string actorId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new ActionPlanRow { IdeaId = idea.ContentItemId, Opportunity = input.Opportunity, Action = input.Action, ResponsibleId = input.ResponsibleId, CreatedUtc = now };
        Apply(row, input, now);
        db.Add(row);
        Record(idea, actorId, AuditActions.Created, [new AuditChange("actionPlanRow", "Åtgärd i handlingsplanen", null, Describe(row))]);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>Saves the row; throws <see cref="DbUpdateConcurrencyException"/> when it changed since <paramref name="revision"/>.</summary>
    public async Task UpdateAsync(ContentItem idea, ActionPlanRow row, int revision, ActionPlanInput input, string actorId, CancellationToken cancellationToken)
    {
        if (row.Revision != revision)
        {
            throw new DbUpdateConcurrencyException("The action plan row changed since the form was read.");
        }

        var before = Describe(row);
        if (row.DueDate != input.DueDate)
        {
            row.RemindedUtc = null; // a new klart-datum gets its own reminder
        }

        Apply(row, input, clock.GetUtcNow().UtcDateTime);
        Record(idea, actorId, AuditActions.Updated, [new AuditChange("actionPlanRow", "Åtgärd i handlingsplanen", before, Describe(row))]);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveAsync(ContentItem idea, ActionPlanRow row, string actorId, CancellationToken cancellationToken)
    {
        db.Remove(row);
        Record(idea, actorId, AuditActions.Removed, [new AuditChange("actionPlanRow", "Åtgärd i handlingsplanen", Describe(row), null)]);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Overdue rows of the ideas the user may see, oldest klart-datum first.</summary>
    public async Task<IReadOnlyList<OverdueAction>> OverdueAsync(ClaimsPrincipal user, int max, CancellationToken cancellationToken)
    {
        var today = Today;
        var rows = await db.Set<ActionPlanRow>().AsNoTracking().Where(r => !r.Done && r.DueDate < today).OrderBy(r => r.DueDate).Take(max * 4).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.IdeaId).Distinct().ToList();
        var visible = await (await queries.VisibleIdeasAsync(user, new BoardFilter(null, null, null, null), cancellationToken))
            .Where(i => ids.Contains(i.ContentItemId)).Select(i => new { i.ContentItemId, i.DisplayText }).ToDictionaryAsync(i => i.ContentItemId, i => i.DisplayText, cancellationToken);
        var names = await queries.NamesAsync(rows.Select(r => r.ResponsibleId), cancellationToken);
        return [.. rows.Where(r => visible.ContainsKey(r.IdeaId)).Take(max)
            .Select(r => new OverdueAction(r.IdeaId, visible[r.IdeaId], r.Action, names.GetValueOrDefault(r.ResponsibleId) ?? "–", r.DueDate))];
    }

    public static bool IsOverdue(ActionPlanRow row, DateOnly today) => !row.Done && row.DueDate < today;

    private static void Apply(ActionPlanRow row, ActionPlanInput input, DateTime now)
    {
        row.Opportunity = input.Opportunity;
        row.Action = input.Action;
        row.Assessment = input.Assessment;
        row.ResponsibleId = input.ResponsibleId;
        row.DueDate = input.DueDate;
        row.FollowUpDate = input.FollowUpDate;
        row.FollowUp = input.FollowUp;
        row.Done = input.Done;
        row.ModifiedUtc = now;
        row.Revision++;
    }

    private static string Describe(ActionPlanRow row) =>
        $"{row.Action} ({IdeaTypes.PickName(row.Assessment)}; klart {row.DueDate:yyyy-MM-dd}{(row.Done ? "; klar" : "")})";

    private void Record(ContentItem idea, string actorId, string action, IReadOnlyList<AuditChange> changes) =>
        audit.Record(new AuditEntry(AuditCategories.Content, action, "Idé", idea.ContentItemId, idea.DisplayText) { ActorId = actorId, Changes = changes });
}
