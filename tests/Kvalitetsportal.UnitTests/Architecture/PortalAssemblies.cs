using System.Reflection;
using ArchUnitNET.Loader;
using Microsoft.Extensions.DependencyModel;
using ArchModel = ArchUnitNET.Domain.Architecture;

namespace Kvalitetsportal.UnitTests.Architecture;

/// <summary>
/// The assemblies the architecture rules hold for: every Kvalitetsportal project the host references, found the
/// way <c>ModuleCatalog</c> finds modules (project references in the deps file), so a new module cannot slip past.
/// </summary>
internal static class PortalAssemblies
{
    public const string Contents = "Kvalitetsportal.Contents";

    public static IReadOnlyList<Assembly> All { get; } = Discover();

    public static IReadOnlyList<Assembly> OutsideContents { get; } = [.. All.Where(a => a.GetName().Name != Contents)];

    /// <summary>ArchUnitNET's model of the portal and of this test assembly (whose fixtures break the rules on purpose).</summary>
    public static ArchModel Model => LazyModel.Value;

    private static readonly Lazy<ArchModel> LazyModel = new(() =>
        new ArchLoader().LoadAssemblies([.. All, typeof(PortalAssemblies).Assembly]).Build());

    public static Assembly Named(string name) => All.Single(a => a.GetName().Name == name);

    private static List<Assembly> Discover()
    {
        var context = DependencyContext.Default ?? throw new InvalidOperationException("The test host has no deps file to find the portal's projects in.");
        return [.. context.RuntimeLibraries
            .Where(l => l.Type == "project" && l.Name.StartsWith("Kvalitetsportal.", StringComparison.Ordinal) && !l.Name.EndsWith("Tests", StringComparison.Ordinal))
            .Select(l => Assembly.Load(new AssemblyName(l.Name)))
            .OrderBy(a => a.GetName().Name, StringComparer.Ordinal)];
    }
}
