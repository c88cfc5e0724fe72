using System.Reflection;
using ArchModel = ArchUnitNET.Domain.Architecture;

namespace Kvalitetsportal.UnitTests.Architecture;

/// <summary>
/// Rule: no dependency cycle between the folders of one project. A folder (slice) is the first namespace segment
/// below the project's root namespace: Kvalitetsportal.Workflows.(Runtime), Kvalitetsportal.(Modules).
/// </summary>
internal static class FolderCyclesRule
{
    /// <summary>The root namespace: what all the project's own namespaces share (Kvalitetsportal for Core and Abstractions).</summary>
    public static string RootOf(ArchModel model, Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var namespaces = model.Types
            .Where(t => t.Assembly.Name == name || t.Assembly.FullName.StartsWith(name + ",", StringComparison.Ordinal))
            .Select(t => t.Namespace?.FullName ?? "")
            .Where(n => TypeGraph.IsIn(n, "Kvalitetsportal"))
            .Distinct()
            .Select(n => n.Split('.'))
            .ToList();
        var common = namespaces.Count == 0 ? [] : namespaces.Aggregate((a, b) => [.. a.Zip(b).TakeWhile(p => p.First == p.Second).Select(p => p.First)]);
        return string.Join('.', common);
    }

    /// <summary>Each cycle as text: the folders in it and, for every arrow inside it, one type that makes it.</summary>
    public static IReadOnlyList<string> Violations(ArchModel model, Assembly assembly, string root)
    {
        var edges = TypeGraph.UsesIn(model, assembly, withinAssembly: true)
            .Select(u => (From: SliceOf(u.FromNamespace, root), To: SliceOf(u.ToNamespace, root), Use: u))
            .Where(e => e.From is not null && e.To is not null && e.From != e.To)
            .GroupBy(e => (e.From!, e.To!))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Use).OrderBy(u => u.From, StringComparer.Ordinal).ThenBy(u => u.To, StringComparer.Ordinal).First());

        var name = assembly.GetName().Name;
        return [.. StronglyConnected(edges.Keys)
            .Where(c => c.Count > 1)
            .Select(c =>
            {
                var inside = edges.Where(e => c.Contains(e.Key.Item1) && c.Contains(e.Key.Item2)).OrderBy(e => e.Key.Item1, StringComparer.Ordinal).ThenBy(e => e.Key.Item2, StringComparer.Ordinal);
                var arrows = inside.Select(e => $"      {e.Key.Item1} -> {e.Key.Item2}: {e.Value.From} uses {e.Value.To}");
                return $"{name}: {root}.{{{string.Join(", ", c.Order(StringComparer.Ordinal))}}}\n{string.Join("\n", arrows)}";
            })];
    }

    public static string Message(IReadOnlyList<string> violations) =>
        $"""
        Rule broken: the folders of a project (the first namespace level below its root) must not depend on each other in a cycle.
        A cycle means none of its folders can be understood, tested or moved on its own. Break it: move the piece both sides need
        into the lower folder (or a new one), or let the lower folder own an interface or event the higher one implements or handles.
        {violations.Count} cycle(s):
          - {string.Join("\n  - ", violations)}
        """;

    private static string? SliceOf(string ns, string root) =>
        ns.Length > root.Length && TypeGraph.IsIn(ns, root) ? ns[(root.Length + 1)..].Split('.')[0] : null;

    /// <summary>Tarjan's algorithm: the groups of folders that all reach each other.</summary>
    private static List<HashSet<string>> StronglyConnected(IEnumerable<(string From, string To)> arrows)
    {
        var next = arrows.GroupBy(a => a.From).ToDictionary(g => g.Key, g => g.Select(a => a.To).ToList());
        var nodes = next.Keys.Concat(next.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<HashSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(to, out var seen))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var component = new HashSet<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                result.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }
}
