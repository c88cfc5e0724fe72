using System.Linq.Expressions;
using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.Contents.Access;

/// <summary>What a user wants to do with an item; each kind has its own scope.</summary>
public enum ContentAccessKind
{
    View,
    Edit,
    Delete,
}

/// <summary>
/// One way a user reaches items of a type: every condition that is set must hold (null means
/// "any"). Conditions are on indexed columns only, so the same clause filters a database list, a
/// search index and a single item in memory, and the three can never disagree.
/// </summary>
/// <param name="OwnerId">Only items this user owns.</param>
/// <param name="States">Only items in one of these workflow states.</param>
/// <param name="AssignedTo">Only items held by one of these (see <see cref="Assignee"/>).</param>
/// <param name="IncludeNoState">
/// With <paramref name="States"/> set: items that have no workflow state yet (drafts, items from
/// before the type got a workflow) match too, so a workflow's state rules leave them as they were.
/// </param>
/// <param name="Units">
/// Only items of one of these organisation units: a rule's "the reader's unit (and the units below
/// it)" expanded for one reader from the organisation tree (see <see cref="ReaderUnits"/>).
/// </param>
/// <param name="Items">
/// Only these items: the reader's memberships with some roles, expanded for one reader (see
/// <see cref="IContentMembers"/>).
/// </param>
/// <param name="ExceptItems">
/// Never these items, whatever else holds: items the reader is excluded from (jäv) or that are
/// confidential to them. Every clause of a scope carries the same set, so exclusion wins over any grant.
/// </param>
public sealed record ContentAccessClause(
    string ContentType,
    string? OwnerId = null,
    IReadOnlySet<string>? States = null,
    IReadOnlySet<string>? AssignedTo = null,
    bool IncludeNoState = false,
    IReadOnlySet<int>? Units = null,
    IReadOnlySet<string>? Items = null,
    IReadOnlySet<string>? ExceptItems = null)
{
    /// <summary>
    /// The clause as text: equal keys reach exactly the same items, so caches of what a reader
    /// sees (list totals and pages, search filters, module figures) share entries by it.
    /// </summary>
    public string Key => string.Join("\t",
        ContentType,
        OwnerId ?? "*",
        States is null ? "*" : string.Join(",", States.Order(StringComparer.Ordinal)) + (IncludeNoState ? "|none" : ""),
        AssignedTo is null ? "*" : string.Join(",", AssignedTo.Order(StringComparer.Ordinal)))
        + (Units is null ? "" : "\tu:" + string.Join(",", Units.Order()))
        + (Items is null ? "" : "\ti:" + string.Join(",", Items.Order(StringComparer.Ordinal)))
        + (ExceptItems is null || ExceptItems.Count == 0 ? "" : "\tx:" + string.Join(",", ExceptItems.Order(StringComparer.Ordinal)));

    public bool Matches(ContentItem item) =>
        item.ContentType == ContentType
        && (OwnerId is null || item.OwnerId == OwnerId)
        && (States is null || (item.WorkflowState is null ? IncludeNoState : States.Contains(item.WorkflowState)))
        && (AssignedTo is null || (item.AssignedTo is not null && AssignedTo.Contains(item.AssignedTo)))
        && (Units is null || (item.OrganisationUnitId is int unit && Units.Contains(unit)))
        && (Items is null || Items.Contains(item.ContentItemId))
        && (ExceptItems is null || !ExceptItems.Contains(item.ContentItemId));
}

/// <summary>The items a user may reach for one kind of access: the union of its clauses. No clauses: none.</summary>
public sealed record ContentAccessScope(IReadOnlyList<ContentAccessClause> Clauses)
{
    public static readonly ContentAccessScope None = new([]);

    public bool IsEmpty => Clauses.Count == 0;

    /// <summary>The clauses' keys in a fixed order (see <see cref="ContentAccessClause.Key"/>).</summary>
    public string Key => KeyOf(Clauses);

    public static string KeyOf(IEnumerable<ContentAccessClause> clauses) => string.Join("\n", clauses.Select(c => c.Key).Order(StringComparer.Ordinal));

    public bool Matches(ContentItem item) => Clauses.Any(c => c.Matches(item));

    /// <summary>The scope as a database predicate (an OR of the clauses' ANDs), for lists and exports.</summary>
    public Expression<Func<ContentItem, bool>> ToPredicate()
    {
        var item = Expression.Parameter(typeof(ContentItem), "i");
        Expression? any = null;
        foreach (var clause in Clauses)
        {
            var all = Equal(item, nameof(ContentItem.ContentType), clause.ContentType);
            if (clause.OwnerId is not null)
            {
                all = Expression.AndAlso(all, Equal(item, nameof(ContentItem.OwnerId), clause.OwnerId));
            }

            if (clause.States is not null)
            {
                Expression inStates = In(item, nameof(ContentItem.WorkflowState), clause.States);
                if (clause.IncludeNoState)
                {
                    inStates = Expression.OrElse(
                        Expression.Equal(Expression.Property(item, nameof(ContentItem.WorkflowState)), Expression.Constant(null, typeof(string))),
                        inStates);
                }

                all = Expression.AndAlso(all, inStates);
            }

            if (clause.AssignedTo is not null)
            {
                all = Expression.AndAlso(all, In(item, nameof(ContentItem.AssignedTo), clause.AssignedTo));
            }

            if (clause.Units is not null)
            {
                all = Expression.AndAlso(all, In(item, nameof(ContentItem.OrganisationUnitId), clause.Units.Select(u => (int?)u).ToHashSet()));
            }

            if (clause.Items is not null)
            {
                all = Expression.AndAlso(all, In(item, nameof(ContentItem.ContentItemId), clause.Items));
            }

            if (clause.ExceptItems is { Count: > 0 })
            {
                all = Expression.AndAlso(all, Expression.Not(In(item, nameof(ContentItem.ContentItemId), clause.ExceptItems)));
            }

            any = any is null ? all : Expression.OrElse(any, all);
        }

        return Expression.Lambda<Func<ContentItem, bool>>(any ?? Expression.Constant(false), item);
    }

    private static BinaryExpression Equal(ParameterExpression item, string property, string value) =>
        Expression.Equal(Expression.Property(item, property), Parameter(value));

    private static MethodCallExpression In<T>(ParameterExpression item, string property, IReadOnlySet<T> values) =>
        Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)],
            Parameter(values.ToList()), Expression.Property(item, property));

    // A member of a closure, as a lambda's captured variable would be, so EF sends it as a query
    // parameter instead of baking it into the SQL (one cached plan for every user).
    private static MemberExpression Parameter<T>(T value) =>
        Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed record Box<T>(T Value);
}

/// <summary>How the holder of an item is written in <see cref="ContentItem.AssignedTo"/>.</summary>
public static class Assignee
{
    public static string User(string userId) => "user:" + userId;

    public static string Role(string roleName) => "role:" + roleName;

    public static bool TryParse(string? value, out bool isRole, out string name)
    {
        isRole = value?.StartsWith("role:", StringComparison.Ordinal) == true;
        name = value is null ? "" : value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return value is not null && (isRole || value.StartsWith("user:", StringComparison.Ordinal));
    }
}
