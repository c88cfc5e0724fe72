using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Kvalitetsportal.UnitTests.Architecture;

/// <summary>
/// Rule: one writer per table. Outside Contents no code calls <c>Set&lt;ContentItem&gt;()</c> or runs
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> on content items. Read from the IL: the generic argument of a call
/// is not a type dependency ArchUnitNET reports per call site.
/// </summary>
internal static class ContentWritesRule
{
    public const string ContentItem = "Kvalitetsportal.Contents.Items.ContentItem";

    public static IReadOnlyList<string> Violations(IEnumerable<Assembly> assemblies)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            using var module = ModuleDefinition.ReadModule(assembly.Location);
            foreach (var type in module.GetTypes())
            {
                foreach (var method in type.Methods.Where(m => m.HasBody))
                {
                    foreach (var call in method.Body.Instructions.Select(i => i.Operand).OfType<GenericInstanceMethod>().Where(IsContentWrite))
                    {
                        found.Add($"{Outer(type).FullName}.{WrittenName(type, method)} calls {call.ElementMethod.DeclaringType.Name}.{call.Name}<ContentItem>");
                    }
                }
            }
        }

        return [.. found];
    }

    public static string Message(IReadOnlyList<string> violations) =>
        $"""
        Rule broken: outside {PortalAssemblies.Contents} no code may write content rows: no DbContext.Set<ContentItem>() and no
        ExecuteUpdate/ExecuteDelete on a ContentItem query. Contents is the only writer of {ContentItem}.
        Change items through IContentManager (its handlers and events then run), and read them through Contents' query service.
        {violations.Count} place(s) break it:
          - {string.Join("\n  - ", violations)}
        """;

    private static bool IsContentWrite(GenericInstanceMethod call) =>
        call.GenericArguments.Count > 0
        && call.GenericArguments[0].FullName == ContentItem
        && (call.Name == "Set" || call.Name.StartsWith("ExecuteUpdate", StringComparison.Ordinal) || call.Name.StartsWith("ExecuteDelete", StringComparison.Ordinal));

    private static TypeDefinition Outer(TypeDefinition type) => type.DeclaringType is { } outer ? Outer(outer) : type;

    /// <summary>The method as written: "Handled" rather than "&lt;Handled&gt;d__3.MoveNext" or "&lt;Index&gt;b__0".</summary>
    private static string WrittenName(TypeDefinition type, MethodDefinition method)
    {
        var name = (method.Name.StartsWith('<') ? method.Name : type.Name.StartsWith('<') ? type.Name : method.Name).TrimStart('<');
        return name.IndexOf('>', StringComparison.Ordinal) is > 0 and var end ? name[..end] : name;
    }
}
