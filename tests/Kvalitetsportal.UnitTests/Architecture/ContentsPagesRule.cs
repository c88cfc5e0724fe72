using System.Reflection;
using ArchModel = ArchUnitNET.Domain.Architecture;

namespace Kvalitetsportal.UnitTests.Architecture;

/// <summary>Rule: a module's public face is not its pages. No type outside Contents uses a Contents page namespace.</summary>
internal static class ContentsPagesRule
{
    /// <summary>Where Contents keeps controllers, view models and view components.</summary>
    public static readonly string[] PageNamespaces =
    [
        "Kvalitetsportal.Contents.ContentItems",
        "Kvalitetsportal.Contents.TypeAdmin",
        "Kvalitetsportal.Contents.ContentExport",
        "Kvalitetsportal.Contents.ContentApi",
        "Kvalitetsportal.Contents.MyItems",
    ];

    public static IReadOnlyList<string> Violations(ArchModel model, IEnumerable<Assembly> assemblies) =>
        [.. assemblies
            .SelectMany(a => TypeGraph.UsesIn(model, a)
                .Where(u => PageNamespaces.Any(p => TypeGraph.IsIn(u.ToNamespace, p)))
                .GroupBy(u => u.FromNamespace == TypeGraph.CompiledViews ? $"{u.From} (a view in {a.GetName().Name})" : u.From)
                .Select(g => $"{g.Key} uses {string.Join(", ", g.Select(u => u.To).Distinct().Order(StringComparer.Ordinal))}"))
            .Order(StringComparer.Ordinal)];

    public static string Message(IReadOnlyList<string> violations) =>
        $"""
        Rule broken: no type outside {PortalAssemblies.Contents} may depend on a Contents page namespace
        ({string.Join(", ", PageNamespaces.Select(p => p[(PortalAssemblies.Contents.Length + 1)..]))}); controllers, view models and view components live there.
        Use Contents' public face instead (item URLs and dates, the type lookup, the form-token and edit use cases, IContentManager and the query service).
        If what you need exists only in a page namespace, move it to the public face in Contents first.
        {violations.Count} type(s) break it:
          - {string.Join("\n  - ", violations)}
        """;
}
