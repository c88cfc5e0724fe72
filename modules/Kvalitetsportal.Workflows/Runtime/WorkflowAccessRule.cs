using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// The workflow's item-level rules, as access clauses so that lists, detail pages, the API,
/// exports and search all agree: a state's ViewRoles/EditRoles narrow "see/edit all", its
/// OwnerCanView/OwnerCanEdit narrow "see/edit own", and whoever holds the item (the person, or a
/// member of the role) may see it. Items with no state yet (drafts) are left as they were.
/// A state's UnitViewRoles let a role with "see all" see the state's items of the reader's unit
/// (and below) only; its MemberViewRoles let the item's members in those roles see it (ADR 22).
/// The rules apply whether or not the Workflows feature is on: turning the feature off stops items
/// moving, it must never open the states it hid (a disabled feature narrows access, never widens it).
/// </summary>
public sealed class WorkflowAccessRule(WorkflowStateRules rules, IContentQuery contentQuery, ReaderUnits readerUnits, IContentMembers members) : IContentAccessRule
{
    public async ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken)
    {
        if (await rules.GetAsync(request.Type.Name, cancellationToken) is not { Count: > 0 } states)
        {
            return clauses;
        }

        var refined = new List<ContentAccessClause>(clauses.Count + 1);
        foreach (var clause in clauses)
        {
            // Clauses another rule already narrowed by state or holder are left to that rule.
            if (clause.ContentType != request.Type.Name || clause.States is not null || clause.AssignedTo is not null)
            {
                refined.Add(clause);
                continue;
            }

            var allowed = states.Values.Where(s => Allows(s, all: clause.OwnerId is null, request)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            refined.Add(allowed.Count == states.Count ? clause : clause with { States = allowed, IncludeNoState = true });
            if (clause.OwnerId is null && allowed.Count < states.Count)
            {
                // Seeing all items includes one's own: where a state hides items from the role, the
                // submitter still follows their own item wherever the state lets submitters see it.
                var own = states.Values.Where(s => Allows(s, all: false, request)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
                refined.Add(clause with { OwnerId = request.UserId, States = own, IncludeNoState = true });
            }

            if (clause.OwnerId is null && request.Kind == ContentAccessKind.View)
            {
                await AddUnitClausesAsync(refined, clause, states.Values.Where(s => !allowed.Contains(s.Name)), request, cancellationToken);
            }
        }

        if (request.Kind == ContentAccessKind.View)
        {
            var holders = request.Roles.Select(Assignee.Role).Append(Assignee.User(request.UserId)).ToHashSet(StringComparer.Ordinal);

            // Someone with no other access gets a clause only when they hold an item of the type, so the
            // type's list does not open (empty) to everyone.
            var type = request.Type.Name;
            if (refined.Count > 0 || await contentQuery.Items.AnyAsync(i => i.Latest && i.ContentType == type && i.AssignedTo != null && holders.Contains(i.AssignedTo), cancellationToken))
            {
                refined.Add(new ContentAccessClause(type, AssignedTo: holders));
            }

            await AddMemberClausesAsync(refined, states.Values, request, cancellationToken);
        }

        return refined;
    }

    // A state the role may not see across the organisation may still be open to it within the
    // reader's unit: one clause per reach, on the unit ids the reader's reach expands to.
    private async Task AddUnitClausesAsync(List<ContentAccessClause> refined, ContentAccessClause all, IEnumerable<WorkflowState> hidden, ContentAccessRequest request, CancellationToken cancellationToken)
    {
        foreach (var byReach in hidden.Where(s => s.UnitViewRoles.Any(request.Roles.Contains)).GroupBy(s => s.UnitReach))
        {
            var units = await readerUnits.ExpandAsync(request.User, byReach.Key, cancellationToken);
            if (units.Count > 0)
            {
                refined.Add(all with { States = byReach.Select(s => s.Name).ToHashSet(StringComparer.Ordinal), Units = units });
            }
        }
    }

    // Members see the item in the states that name their role: the reader's memberships are read
    // once per scope and become the clause's item set (part of its key, so caches follow changes).
    private async Task AddMemberClausesAsync(List<ContentAccessClause> refined, IEnumerable<WorkflowState> states, ContentAccessRequest request, CancellationToken cancellationToken)
    {
        foreach (var byRoles in states.Where(s => s.MemberViewRoles.Count > 0).GroupBy(s => string.Join("\n", s.MemberViewRoles.Order(StringComparer.Ordinal))))
        {
            var roles = byRoles.First().MemberViewRoles;
            var items = await members.ItemsWithRoleAsync(request.Type.Name, request.UserId, roles, cancellationToken);
            if (items.Count > 0)
            {
                refined.Add(new ContentAccessClause(request.Type.Name, States: byRoles.Select(s => s.Name).ToHashSet(StringComparer.Ordinal), Items: items));
            }
        }
    }

    private static bool Allows(WorkflowState state, bool all, ContentAccessRequest request) => request.Kind switch
    {
        ContentAccessKind.View => all ? state.ViewRoles.Count == 0 || state.ViewRoles.Any(request.Roles.Contains) : state.OwnerCanView,

        // Deleting follows editing: what may not be changed in a state may not be removed either.
        _ => all ? state.EditRoles.Count == 0 || state.EditRoles.Any(request.Roles.Contains) : state.OwnerCanEdit,
    };
}
