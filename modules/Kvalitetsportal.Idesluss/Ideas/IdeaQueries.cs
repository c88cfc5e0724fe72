using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Organisation.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>The board's filters; null means "any".</summary>
public sealed record BoardFilter(int? UnitId, string? Area, int? OlderThanDays, string? AssessorId);

public sealed record IdeaCard(ContentItem Item, IdeaRecord? Record);


/// <summary>One board column: a workflow state (in the definition's order), how many ideas are in it and the oldest few.</summary>
public sealed record BoardColumn(string State, string Description, int Count, IReadOnlyList<IdeaCard> Cards);

/// <summary>Reads ideas for the module's pages, always through the content access scope (the one definition of who reaches what).</summary>
public sealed class IdeaQueries(PortalDbContext db, IContentQuery contentQuery, IUnitDirectory unitDirectory, ContentAccessService access, IContentDefinitionStore definitions, IWorkflowDefinitionStore workflows, IdeaFiguresCache figures, TimeProvider clock)
{
    public const int CardsPerColumn = 30;

    public async Task<ContentTypeDefinition> TypeAsync(string name, CancellationToken cancellationToken) =>
        await definitions.GetAsync(name, cancellationToken) ?? throw new InvalidOperationException($"Content type {name} is missing; has the Idésluss recipe run?");

    /// <summary>The states of the idea workflow in the administrator's order; items without a state belong to the first.</summary>
    public async Task<(IReadOnlyList<WorkflowState> States, string? Initial)> StatesAsync(CancellationToken cancellationToken)
    {
        var current = await workflows.GetCurrentAsync(IdeaTypes.Idea, cancellationToken);
        return current is { } c ? (c.Definition.States, c.Definition.InitialState) : ([], null);
    }

    /// <summary>Which ideas the user may see (the content access scope for the idea type).</summary>
    public async Task<ContentAccessScope> ScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await access.ScopeAsync(user, await TypeAsync(IdeaTypes.Idea, cancellationToken), ContentAccessKind.View, cancellationToken);

    /// <summary>The ideas the user reaches (not merged away), filtered.</summary>
    public async Task<IQueryable<ContentItem>> VisibleIdeasAsync(ClaimsPrincipal user, BoardFilter filter, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(user, cancellationToken);
        var items = contentQuery.Items.Where(i => i.ContentType == IdeaTypes.Idea && i.Latest && i.Published).Where(scope.ToPredicate());
        var records = db.Set<IdeaRecord>().AsNoTracking();
        items = items.Where(i => !records.Any(r => r.ContentItemId == i.ContentItemId && r.MergedInto != null));
        if (filter.UnitId is int unitId)
        {
            var units = (await unitDirectory.LoadAsync(cancellationToken)).SelfAndDescendants(unitId).ToList();
            items = items.Where(i => i.OrganisationUnitId != null && units.Contains(i.OrganisationUnitId.Value));
        }

        if (filter.Area is { Length: > 0 } area)
        {
            items = items.Where(i => records.Any(r => r.ContentItemId == i.ContentItemId && r.Area == area));
        }

        if (filter.OlderThanDays is int days)
        {
            var before = clock.GetUtcNow().UtcDateTime.AddDays(-days);
            items = items.Where(i => i.CreatedUtc <= before);
        }

        if (filter.AssessorId is { Length: > 0 } assessor)
        {
            items = items.Where(i => records.Any(r => r.ContentItemId == i.ContentItemId && r.AssessorId == assessor));
        }

        return items;
    }

    /// <summary>
    /// The board: per state, how many ideas match and the oldest few (read in index order:
    /// ContentType, WorkflowState, CreatedUtc), with one read of their projections for all columns.
    /// Counting reads every matching idea and the oldest may lie far apart in a big state, so the
    /// columns are kept in <see cref="IdeaFiguresCache"/> per filter and access scope until an idea
    /// changes (the age filter's cut-off is then at most <see cref="IdeaFiguresCache.MaxAge"/> old).
    /// </summary>
    public async Task<IReadOnlyList<BoardColumn>> BoardAsync(ClaimsPrincipal user, BoardFilter filter, CancellationToken cancellationToken)
    {
        var (states, initial) = await StatesAsync(cancellationToken);
        var key = $"board|{filter.UnitId}|{filter.Area}|{filter.OlderThanDays}|{filter.AssessorId}|{string.Join('/', states.Select(s => s.Name))}";
        return await figures.GetOrComputeAsync(key, await ScopeAsync(user, cancellationToken), () => ColumnsAsync(user, filter, states, initial, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<BoardColumn>> ColumnsAsync(ClaimsPrincipal user, BoardFilter filter, IReadOnlyList<WorkflowState> states, string? initial, CancellationToken cancellationToken)
    {
        var items = await VisibleIdeasAsync(user, filter, cancellationToken);
        // Grouped here rather than in SQL: a GROUP BY on the state makes SQLite walk the state index
        // over every idea of the type to save a sort, instead of the (selective) unit index.
        var counts = (await items.Select(i => i.WorkflowState).ToListAsync(cancellationToken))
            .GroupBy(state => state).Select(g => new { State = g.Key, Count = g.Count() }).ToList();
        var columns = new List<(WorkflowState State, int Count, List<ContentItem> Items)>();
        foreach (var state in states.Count > 0 ? states : [new WorkflowState { Name = "Inskickad" }])
        {
            // Items the workflow has not reached yet (no runtime, or submitted before the workflow existed) wait in the first column.
            var isFirst = state.Name == (initial ?? state.Name);
            var count = counts.Where(c => c.State == state.Name || (isFirst && c.State is null)).Sum(c => c.Count);
            var oldest = new List<ContentItem>();
            if (count > 0)
            {
                // Each state on its own (an OR with "no state" would keep the index from giving the order).
                var name = state.Name;
                oldest = await Cards(items.Where(i => i.WorkflowState == name)).ToListAsync(cancellationToken);
                if (isFirst && counts.Any(c => c.State is null))
                {
                    oldest = [.. oldest.Concat(await Cards(items.Where(i => i.WorkflowState == null)).ToListAsync(cancellationToken)).OrderBy(i => i.CreatedUtc).Take(CardsPerColumn)];
                }
            }

            columns.Add((state, count, oldest));
        }

        var ids = columns.SelectMany(c => c.Items).Select(i => i.ContentItemId).ToList();
        var records = ids.Count == 0 ? [] : await db.Set<IdeaRecord>().AsNoTracking().Where(r => ids.Contains(r.ContentItemId)).ToDictionaryAsync(r => r.ContentItemId, cancellationToken);
        return [.. columns.Select(c => new BoardColumn(c.State.Name, c.State.Description, c.Count, [.. c.Items.Select(i => new IdeaCard(i, records.GetValueOrDefault(i.ContentItemId)))]))];
    }

    /// <summary>The oldest ideas of a column, without their fields (a card shows title, reference, unit and date).</summary>
    private static IQueryable<ContentItem> Cards(IQueryable<ContentItem> items) => items
        .OrderBy(i => i.CreatedUtc)
        .Take(CardsPerColumn)
        .Select(i => new ContentItem
        {
            Id = i.Id,
            ContentItemId = i.ContentItemId,
            ContentType = i.ContentType,
            Version = i.Version,
            Latest = i.Latest,
            Published = i.Published,
            DisplayText = i.DisplayText,
            OwnerId = i.OwnerId,
            AuthorId = i.AuthorId,
            OrganisationUnitId = i.OrganisationUnitId,
            WorkflowState = i.WorkflowState,
            AssignedTo = i.AssignedTo,
            CreatedUtc = i.CreatedUtc,
            ModifiedUtc = i.ModifiedUtc,
            PublishedUtc = i.PublishedUtc,
            Revision = i.Revision,
        });

    public async Task<IReadOnlyList<IdeaCard>> WithRecordsAsync(IQueryable<ContentItem> items, CancellationToken cancellationToken)
    {
        var list = await items.ToListAsync(cancellationToken);
        var ids = list.Select(i => i.ContentItemId).ToList();
        var records = await db.Set<IdeaRecord>().AsNoTracking().Where(r => ids.Contains(r.ContentItemId)).ToDictionaryAsync(r => r.ContentItemId, cancellationToken);
        return [.. list.Select(i => new IdeaCard(i, records.GetValueOrDefault(i.ContentItemId)))];
    }

    public Task<IdeaRecord?> RecordAsync(string ideaId, CancellationToken cancellationToken) =>
        db.Set<IdeaRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemId == ideaId, cancellationToken);

    /// <summary>Users who may be chosen as assessors: members of roles granted the assess permission, by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AssessorsAsync(IEnumerable<string> roleNames, CancellationToken cancellationToken)
    {
        var roles = roleNames.ToList();
        var roleIds = await db.Set<PortalRole>().Where(r => roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(cancellationToken);
        var userIds = db.Set<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var users = await db.Set<PortalUser>().Where(u => userIds.Contains(u.Id)).ToListAsync(cancellationToken);
        return [.. users.Select(u => (u.Id, NameOf(u))).OrderBy(u => u.Item2, StringComparer.CurrentCulture)];
    }

    public async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Set<PortalUser>().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, NameOf, cancellationToken);
    }

    public static string NameOf(PortalUser user) => user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? user.Id;
}
