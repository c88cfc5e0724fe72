using System.Reflection;

namespace Kvalitetsportal.Modules;

public sealed record ModuleDescriptor(
    string Id,
    string Name,
    string Description,
    string Category,
    string Version,
    bool IsTheme,
    Assembly Assembly,
    IReadOnlyList<FeatureDescriptor> Features);

public sealed record FeatureDescriptor(
    string Id,
    string Name,
    string Description,
    string ModuleId,
    Type StartupType,
    IReadOnlyList<string> Dependencies,
    bool AlwaysEnabled,
    bool EnabledByDefault);
