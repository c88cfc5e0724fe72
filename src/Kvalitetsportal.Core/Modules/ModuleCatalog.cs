using System.Reflection;
using Microsoft.Extensions.DependencyModel;

namespace Kvalitetsportal.Modules;

public sealed class ModuleCatalog : IModuleCatalog
{
    private readonly Dictionary<string, FeatureDescriptor> _featuresById;
    private readonly Dictionary<Assembly, ModuleDescriptor> _modulesByAssembly;

    // Asked on every request (feature gate, permissions, menus) for a handful of types; attributes don't change.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, FeatureDescriptor?> _featureOfType = new();

    public ModuleCatalog(IEnumerable<ModuleDescriptor> modules)
    {
        Modules = [.. modules.OrderBy(m => m.Id, StringComparer.Ordinal)];
        Features = DependencyOrder.Sort([.. Modules.SelectMany(m => m.Features)]);
        _featuresById = Features.ToDictionary(f => f.Id, StringComparer.OrdinalIgnoreCase);
        _modulesByAssembly = [];
        foreach (var module in Modules)
        {
            _modulesByAssembly.TryAdd(module.Assembly, module);
        }
    }

    public IReadOnlyList<ModuleDescriptor> Modules { get; }

    public IReadOnlyList<FeatureDescriptor> Features { get; }

    public IEnumerable<Assembly> ModuleAssemblies => Modules.Select(m => m.Assembly);

    public FeatureDescriptor? FindFeature(string featureId) => _featuresById.GetValueOrDefault(featureId);

    public FeatureDescriptor? FeatureOf(Type type) => _featureOfType.GetOrAdd(type, FindFeatureOf);

    private FeatureDescriptor? FindFeatureOf(Type type)
    {
        var explicitFeature = type.GetCustomAttribute<BelongsToFeatureAttribute>();
        if (explicitFeature is not null)
        {
            return FindFeature(explicitFeature.FeatureId)
                ?? throw new ModuleLoadException($"Typen {type.FullName} hör till funktionen \"{explicitFeature.FeatureId}\", som inte finns.");
        }

        return _modulesByAssembly.TryGetValue(type.Assembly, out var module) ? (module.Features.Count > 0 ? module.Features[0] : null) : null;
    }

    /// <summary>Finds every module assembly the host references, directly or through other modules.</summary>
    public static ModuleCatalog Discover(Assembly entryAssembly)
    {
        var assemblies = new HashSet<Assembly>();
        var context = DependencyContext.Load(entryAssembly);
        if (context is not null)
        {
            // Modules are the project references (direct or through other modules) that carry [Module].
            foreach (var library in context.RuntimeLibraries)
            {
                if (library.Type == "project")
                {
                    assemblies.Add(Assembly.Load(new AssemblyName(library.Name)));
                }
            }
        }
        else
        {
            assemblies.UnionWith(AppDomain.CurrentDomain.GetAssemblies());
        }

        return FromAssemblies(assemblies);
    }

    public static ModuleCatalog FromAssemblies(IEnumerable<Assembly> assemblies) =>
        new(assemblies.Select(Describe).OfType<ModuleDescriptor>());

    private static ModuleDescriptor? Describe(Assembly assembly)
    {
        var module = assembly.GetCustomAttribute<ModuleAttribute>();
        if (module is null)
        {
            return null;
        }

        var features = assembly.GetCustomAttributes<FeatureAttribute>()
            .Select(f =>
            {
                if (!typeof(IFeatureStartup).IsAssignableFrom(f.Startup))
                {
                    throw new ModuleLoadException($"Modulen \"{module.Id}\": funktionen \"{f.Id}\" har startklassen {f.Startup.Name}, som inte implementerar IFeatureStartup.");
                }

                return new FeatureDescriptor(f.Id, f.Name, f.Description, module.Id, f.Startup, f.Dependencies, f.AlwaysEnabled, f.EnabledByDefault);
            })
            .ToList();

        return new ModuleDescriptor(module.Id, module.Name, module.Description, module.Category, module.Version, module.IsTheme, assembly, features);
    }
}
