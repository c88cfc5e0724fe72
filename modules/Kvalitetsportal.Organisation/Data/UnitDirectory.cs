using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Kvalitetsportal.Organisation.Data;

/// <summary>One choice in a unit list: indented by its depth in the tree, with its förvaltning named.</summary>
public sealed record UnitOption(int Id, string Label, int Depth, bool IsActive)
{
    /// <summary>
    /// The label as a picker shows it in the hierarchy: indented with no-break spaces (a browser
    /// collapses ordinary ones in an option) and marked "–" under its parent unit.
    /// </summary>
    public string IndentedLabel => Depth == 0 ? Label : new string('\u00A0', (Depth - 1) * 4) + "\u00A0\u00A0└\u00A0" + Label;
}

/// <summary>
/// The shared organisation tree. Almost every page shows a unit, and the tree changes a few times
/// a year, so a loaded tree is shared for a few seconds: a change is seen at once where
/// <see cref="Invalidate"/> is called after it (on every node, through the cache's tag), a change
/// that was not announced within <see cref="UnitDirectory.MaxAge"/>.
/// </summary>
public interface IUnitDirectory
{
    /// <summary>The tree; inside a transaction it is read afresh (it may hold uncommitted units) and not shared.</summary>
    Task<UnitDirectory> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets the shared tree; call it after saving a change to units.</summary>
    void Invalidate();
}

public sealed class CachedUnitDirectory(PortalDbContext db, IFusionCache cache) : IUnitDirectory
{
    private const string Key = "organisation:units";

    /// <summary>The tag that forgets the tree.</summary>
    public const string Tag = "organisation:units";

    public async Task<UnitDirectory> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await ReadAsync(cancellationToken);
        }

        return await cache.GetOrSetAsync<UnitDirectory>(Key, (_, ct) => ReadAsync(ct), options => options.SetDuration(UnitDirectory.MaxAge), [Tag], cancellationToken);
    }

    public void Invalidate() => cache.RemoveByTag(Tag);

    private async Task<UnitDirectory> ReadAsync(CancellationToken cancellationToken) =>
        new(await db.Set<OrganisationUnit>().AsNoTracking().ToListAsync(cancellationToken));
}

/// <summary>A loaded organisation tree, for unit lists and "this unit and the ones below" (see <see cref="IUnitDirectory"/>).</summary>
public sealed class UnitDirectory
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Dictionary<int, OrganisationUnit> _byId;
    private readonly List<(OrganisationUnit Unit, int Depth)> _treeOrder = [];

    internal UnitDirectory(List<OrganisationUnit> units)
    {
        _byId = units.ToDictionary(u => u.Id);
        var children = units.ToLookup(u => u.ParentId is int p && _byId.ContainsKey(p) ? p : (int?)null);
        void Walk(int? parentId, int depth)
        {
            foreach (var unit in children[parentId].OrderBy(u => u.Kind).ThenBy(u => u.Name, StringComparer.CurrentCulture))
            {
                _treeOrder.Add((unit, depth));
                Walk(unit.Id, depth + 1);
            }
        }

        Walk(null, 0);
    }

    public string? NameOf(int? id) => id is int i && _byId.TryGetValue(i, out var unit) ? unit.Name : null;

    public bool IsActive(int id) => _byId.TryGetValue(id, out var unit) && unit.IsActive;

    /// <summary>Active units in tree order; <paramref name="keepId"/> (a user's current unit) is kept even if retired.</summary>
    public IReadOnlyList<UnitOption> Options(int? keepId = null) =>
        [.. _treeOrder
            .Where(x => x.Unit.IsActive || x.Unit.Id == keepId)
            .Select(x => new UnitOption(x.Unit.Id, LabelOf(x.Unit), x.Depth, x.Unit.IsActive))];

    /// <summary>The unit and every unit below it.</summary>
    public IReadOnlySet<int> SelfAndDescendants(int id)
    {
        var result = new HashSet<int>();
        var queue = new Queue<int>([id]);
        while (queue.TryDequeue(out var current))
        {
            if (result.Add(current))
            {
                foreach (var child in _byId.Values.Where(u => u.ParentId == current))
                {
                    queue.Enqueue(child.Id);
                }
            }
        }

        return result;
    }

    /// <summary>The förvaltning a unit belongs to (itself if it is one), for figures per administration.</summary>
    public (int Id, string Name)? ForvaltningOf(int? id)
    {
        if (id is not int i || !_byId.TryGetValue(i, out var unit))
        {
            return null;
        }

        var forvaltning = unit.Kind == UnitKind.Forvaltning ? unit : Ancestors(unit).FirstOrDefault(a => a.Kind == UnitKind.Forvaltning);
        return forvaltning is null ? null : (forvaltning.Id, forvaltning.Name);
    }

    private string LabelOf(OrganisationUnit unit)
    {
        // Screen readers do not announce the indentation, so a unit also names its förvaltning.
        var forvaltning = unit.Kind == UnitKind.Forvaltning ? null : Ancestors(unit).FirstOrDefault(a => a.Kind == UnitKind.Forvaltning);
        return forvaltning is null ? unit.Name : $"{unit.Name} ({forvaltning.Name})";
    }

    private IEnumerable<OrganisationUnit> Ancestors(OrganisationUnit unit)
    {
        var seen = new HashSet<int> { unit.Id };
        while (unit.ParentId is int parentId && _byId.TryGetValue(parentId, out var parent) && seen.Add(parent.Id))
        {
            yield return parent;
            unit = parent;
        }
    }
}
