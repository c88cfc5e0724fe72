using System.Globalization;
using Kvalitetsportal.Organisation.Data;

namespace Kvalitetsportal.Organisation.Units;

/// <summary>A unit and the units directly under it.</summary>
public sealed record UnitNode(OrganisationUnit Unit, int Depth, IReadOnlyList<UnitNode> Children);

/// <summary>The organisation as a tree, built from a flat list of units (a municipality has hundreds, not millions).</summary>
public sealed class OrganisationTree
{
    private static readonly StringComparer SwedishOrder = StringComparer.Create(new CultureInfo("sv-SE"), ignoreCase: true);

    private readonly Dictionary<int, OrganisationUnit> _byId;

    public OrganisationTree(IEnumerable<OrganisationUnit> units)
    {
        _byId = units.ToDictionary(u => u.Id);
        var childrenOf = _byId.Values
            .Where(u => u.ParentId is int p && _byId.ContainsKey(p))
            .ToLookup(u => u.ParentId!.Value);

        List<UnitNode> Build(IEnumerable<OrganisationUnit> level, int depth, HashSet<int> path) =>
            [.. level
                .OrderBy(u => u.Kind).ThenBy(u => u.Name, SwedishOrder)
                .Where(u => path.Add(u.Id)) // a circle in bad data must not hang the page
                .Select(u => new UnitNode(u, depth, Build(childrenOf[u.Id], depth + 1, path)))];

        Roots = Build(_byId.Values.Where(u => u.ParentId is not int p || !_byId.ContainsKey(p)), 0, []);
    }

    public IReadOnlyList<UnitNode> Roots { get; }

    public int Count => _byId.Count;

    public int RetiredCount => _byId.Values.Count(u => !u.IsActive);

    public OrganisationUnit? Find(int id) => _byId.GetValueOrDefault(id);

    /// <summary>Every unit in tree order (each after its parent), with its depth.</summary>
    public IEnumerable<UnitNode> Flatten()
    {
        IEnumerable<UnitNode> Walk(IEnumerable<UnitNode> nodes) => nodes.SelectMany(n => Walk(n.Children).Prepend(n));
        return Walk(Roots);
    }

    /// <summary>Whether <paramref name="candidateId"/> is <paramref name="unitId"/> itself or lies somewhere under it.</summary>
    public bool IsInBranchOf(int candidateId, int unitId)
    {
        var seen = new HashSet<int>();
        for (var current = Find(candidateId); current is not null && seen.Add(current.Id); current = current.ParentId is int p ? Find(p) : null)
        {
            if (current.Id == unitId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The unit's level in the tree: 1 at the top.</summary>
    public int LevelOf(int unitId)
    {
        var level = 0;
        var seen = new HashSet<int>();
        for (var current = Find(unitId); current is not null && seen.Add(current.Id); current = current.ParentId is int p ? Find(p) : null)
        {
            level++;
        }

        return level;
    }

    /// <summary>How many levels the unit and everything under it span: 1 for a unit with nothing under it.</summary>
    public int HeightOf(int unitId)
    {
        var node = Flatten().FirstOrDefault(n => n.Unit.Id == unitId);
        if (node is null)
        {
            return 1;
        }

        IEnumerable<UnitNode> Below(UnitNode n) => n.Children.SelectMany(c => Below(c).Prepend(c));
        return Below(node).Select(n => n.Depth - node.Depth).DefaultIfEmpty(0).Max() + 1;
    }

    /// <summary>Active units directly under the unit.</summary>
    public IReadOnlyList<OrganisationUnit> ActiveChildrenOf(int unitId) =>
        [.. _byId.Values.Where(u => u.ParentId == unitId && u.IsActive).OrderBy(u => u.Name, SwedishOrder)];
}
