namespace Kvalitetsportal.Modules;

/// <summary>Marks an assembly as a portal module and describes it (the module manifest).</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ModuleAttribute(string id, string name) : Attribute
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public string Description { get; init; } = "";
    public string Category { get; init; } = "Övrigt";
    public string Version { get; init; } = "1.0.0";
    /// <summary>Themes are modules too; they carry layouts and static assets but no features of their own.</summary>
    public bool IsTheme { get; init; }
}
