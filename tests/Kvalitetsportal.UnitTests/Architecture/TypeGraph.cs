using ArchUnitNET.Domain;
using ArchModel = ArchUnitNET.Domain.Architecture;

namespace Kvalitetsportal.UnitTests.Architecture;

/// <summary>One type using another, as the IL says (signatures, attributes and method bodies).</summary>
internal sealed record TypeUse(string From, string FromNamespace, string To, string ToNamespace);

internal static class TypeGraph
{
    /// <summary>
    /// What the types of an assembly use. Compiler-written nested types (async state machines, lambdas) are
    /// folded into the type whose code they are, so a message names the class a developer wrote.
    /// </summary>
    /// <param name="withinAssembly">Only uses of the assembly's own types (a folder of Core is not the namespace of the same name in Abstractions).</param>
    public static IEnumerable<TypeUse> UsesIn(ArchModel model, System.Reflection.Assembly assembly, bool withinAssembly = false)
    {
        var name = assembly.GetName().Name!;
        return model.Types
            .Where(t => InAssembly(t, name))
            // Generic parameters and the like have no namespace: they are no dependency on another folder.
            .SelectMany(t => t.Dependencies.Where(d => d.Target?.Namespace is not null && (!withinAssembly || InAssembly(d.Target, name))).Select(d => new TypeUse(Outer(t.FullName), t.Namespace?.FullName ?? "", Outer(d.Target.FullName), d.Target.Namespace.FullName)))
            .Where(u => u.From != u.To)
            .Distinct();
    }

    public static bool IsIn(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    /// <summary>Razor views are compiled into their module under this namespace; what they use counts too.</summary>
    public const string CompiledViews = "AspNetCoreGeneratedDocument";

    private static bool InAssembly(IType type, string name) =>
        type.Assembly.Name == name || type.Assembly.FullName.StartsWith(name + ",", StringComparison.Ordinal) || type.Assembly.Name.StartsWith(name + ",", StringComparison.Ordinal);

    private static string Outer(string fullName)
    {
        var cut = fullName.IndexOfAny(['+', '/']);
        return cut < 0 ? fullName : fullName[..cut];
    }
}
