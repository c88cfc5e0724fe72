using System.Reflection;

namespace Kvalitetsportal.Modules;

/// <summary>The modules and features the host found, in dependency order.</summary>
public interface IModuleCatalog
{
    IReadOnlyList<ModuleDescriptor> Modules { get; }

    /// <summary>All features, each after the features it depends on.</summary>
    IReadOnlyList<FeatureDescriptor> Features { get; }

    FeatureDescriptor? FindFeature(string featureId);

    /// <summary>The feature a type (controller, provider) belongs to, or null for host types.</summary>
    FeatureDescriptor? FeatureOf(Type type);

    IEnumerable<Assembly> ModuleAssemblies { get; }
}
