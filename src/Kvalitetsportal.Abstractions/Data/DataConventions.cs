namespace Kvalitetsportal.Data;

/// <summary>
/// Marker for a module's EF Core entity configurations: the portal's database model is
/// composed of every IEntityTypeConfiguration found in module assemblies.
/// </summary>
public static class DataConventions
{
    /// <summary>Table names are prefixed by module so that modules never collide.</summary>
    public static string Table(string module, string name) => $"{module}_{name}";
}
