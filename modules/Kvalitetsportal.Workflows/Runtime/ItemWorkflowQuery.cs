using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Decisions;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>A transition the user may take; <see cref="Blocked"/> says why it cannot be taken yet (empty required fields).</summary>
public sealed record TransitionOption(string Id, string Label, bool CommentRequired, string? Blocked, bool RequiresDecision = false);

public sealed record HistoryRow(DateTime OccurredUtc, string Actor, string? FromState, string ToState, string? TransitionLabel, string? Comment, DecisionView? Decision = null);

/// <summary>What the item's page (and the API) shows of its workflow.</summary>
public sealed record ItemWorkflowView(
    string State,
    string StateDescription,
    bool Final,
    string? HolderName,
    DateTime EnteredStateUtc,
    int Revision,
    int DefinitionVersion,
    IReadOnlyList<TransitionOption> Transitions,
    IReadOnlyList<HistoryRow> History);

/// <summary>One item waiting for the user or one of the user's roles.</summary>
/// <summary>How "Mina uppgifter" is narrowed and ordered: by type, by words in the title, longest-waiting or newest first.</summary>
public sealed record TaskFilter(string? ContentType = null, string? Text = null, bool NewestFirst = false)
{
    public static readonly TaskFilter LongestWaitingFirst = new();
}

public sealed record TaskRow(string ContentItemId, string Title, string Url, string ContentType, string? State, DateTime WaitingSinceUtc);

/// <summary>Reads an item's workflow for the user, and the items waiting for the user ("Mina uppgifter").</summary>
public sealed class ItemWorkflowQuery(PortalDbContext db, IContentQuery contentQuery, IWorkflowDefinitionStore definitions, Recipients recipients, ContentIdentityVisibility identity, IDecisionQuery decisions, ContentItemPages pages)
{
    public const string SystemActorName = "Kvalitetsportalen (automatiskt)";

    /// <summary>The submitter, for a reader who may not learn who submitted (pseudonymised screening).</summary>
    public const string HiddenOwnerName = "Den som skickade in";

    /// <summary>Null when the item has no workflow. The caller has checked that the user may see the item.</summary>
    public async Task<ItemWorkflowView?> DescribeAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem item, CancellationToken cancellationToken)
    {
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == item.ContentItemId, cancellationToken);
        if (instance is null || await definitions.GetVersionAsync(instance.ContentType, instance.DefinitionVersion, cancellationToken) is not { } definition)
        {
            return null;
        }

        var stateName = item.WorkflowState ?? definition.InitialState;
        var state = definition.State(stateName);
        var actor = WorkflowActor.From(user);
        var data = item.GetData();
        var options = state?.Final == true ? [] : definition.TransitionsFrom(stateName)
            .Where(t => WorkflowEngine.MayTake(t, item, actor) && WorkflowConditions.AllHold(t, type, data))
            .Select(t => WorkflowConditions.MissingFields(t, type, data) is { Count: > 0 } missing
                ? new TransitionOption(t.Id, t.Label, t.CommentRequired, $"Fyll i {string.Join(", ", missing.Select(m => $"\"{m}\""))} först.", t.RequiresDecision)
                : new TransitionOption(t.Id, t.Label, t.CommentRequired, null, t.RequiresDecision))
            .ToList();

        var entries = await db.Set<WorkflowHistoryEntry>().AsNoTracking()
            .Where(h => h.ContentItemId == item.ContentItemId)
            .OrderBy(h => h.OccurredUtc).ThenBy(h => h.Id)
            .ToListAsync(cancellationToken);
        var actorIds = entries.Where(h => h.ActorId is not null).Select(h => h.ActorId!).Distinct().ToList();
        var names = await db.Set<PortalUser>().AsNoTracking()
            .Where(u => actorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, cancellationToken);
        // The submission is the first step of the history: the submitter's name must not leak here
        // to a reader whom the type's identity rules keep it from.
        var revealOwner = await identity.MayRevealOwnerAsync(user, type, item, cancellationToken);
        var decided = (await decisions.ForItemAsync(item.ContentItemId, cancellationToken)).ToDictionary(d => d.HistoryEntryId);
        var history = entries.Select(h => new HistoryRow(
            h.OccurredUtc,
            h.ActorId is null ? SystemActorName
                : h.ActorId == item.OwnerId && !revealOwner ? HiddenOwnerName
                : names.GetValueOrDefault(h.ActorId) ?? "(borttagen användare)",
            h.FromState,
            h.ToState,
            h.TransitionLabel,
            h.Comment,
            decided.GetValueOrDefault(h.Id))).ToList();

        return new ItemWorkflowView(
            stateName,
            state?.Description ?? "",
            state?.Final ?? false,
            item.AssignedTo == Assignee.User(item.OwnerId) && !revealOwner ? HiddenOwnerName : await recipients.HolderNameAsync(item.AssignedTo, cancellationToken),
            instance.EnteredStateUtc,
            instance.Revision,
            instance.DefinitionVersion,
            options,
            history);
    }

    /// <summary>Items held by the user or one of the user's roles, the longest-waiting first.</summary>
    public Task<(IReadOnlyList<TaskRow> Rows, int Total)> TasksAsync(ClaimsPrincipal user, int skip, int take, CancellationToken cancellationToken) =>
        TasksAsync(user, TaskFilter.LongestWaitingFirst, skip, take, cancellationToken);

    public async Task<(IReadOnlyList<TaskRow> Rows, int Total)> TasksAsync(ClaimsPrincipal user, TaskFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var actor = WorkflowActor.From(user);
        var holders = actor.Roles.Select(Assignee.Role).Append(Assignee.User(actor.UserId!)).ToList();
        var query =
            from item in contentQuery.Items
            where item.Latest && item.AssignedTo != null && holders.Contains(item.AssignedTo)
            join instance in db.Set<WorkflowInstance>().AsNoTracking() on item.ContentItemId equals instance.ContentItemId
            select new { item.ContentItemId, item.DisplayText, item.NormalizedTitle, item.ContentType, item.WorkflowState, instance.EnteredStateUtc, item.Id };
        if (!string.IsNullOrWhiteSpace(filter.ContentType))
        {
            query = query.Where(r => r.ContentType == filter.ContentType);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLowerInvariant();
            query = query.Where(r => r.NormalizedTitle.Contains(text));
        }

        var total = await query.CountAsync(cancellationToken);
        var ordered = filter.NewestFirst
            ? query.OrderByDescending(r => r.EnteredStateUtc).ThenByDescending(r => r.Id)
            : query.OrderBy(r => r.EnteredStateUtc).ThenBy(r => r.Id);
        var rows = await ordered.Skip(skip).Take(take).ToListAsync(cancellationToken);

        // Each task links to where the item is read and acted on (a module's own page, such as the idea page).
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            urls[row.ContentItemId] = await pages.ReadUrlAsync(row.ContentType, row.ContentItemId, cancellationToken);
        }

        return ([.. rows.Select(r => new TaskRow(r.ContentItemId, r.DisplayText, urls[r.ContentItemId], r.ContentType, r.WorkflowState, r.EnteredStateUtc))], total);
    }
}
