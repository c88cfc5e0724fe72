namespace Kvalitetsportal.Modules;

/// <summary>
/// Declares a feature of the module the assembly belongs to. The startup type is typed, so a
/// misspelled startup fails the build, not a user.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class FeatureAttribute(string id, string name, Type startup) : Attribute
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public Type Startup { get; } = startup;
    public string Description { get; init; } = "";
    /// <summary>Feature ids this feature needs; enabling it enables them, and they cannot be disabled while it is on.</summary>
    public string[] Dependencies { get; init; } = [];
    /// <summary>Platform features (accounts, administration) that the portal cannot run without.</summary>
    public bool AlwaysEnabled { get; init; }
    /// <summary>Whether a fresh installation enables the feature.</summary>
    public bool EnabledByDefault { get; init; } = true;
}

/// <summary>
/// Ties a controller, navigation provider or permission provider to a feature. Without it the
/// type belongs to the first feature its assembly declares.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class BelongsToFeatureAttribute(string featureId) : Attribute
{
    public string FeatureId { get; } = featureId;
}
