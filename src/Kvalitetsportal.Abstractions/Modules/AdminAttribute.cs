namespace Kvalitetsportal.Modules;

/// <summary>Marks a controller or action as part of the administration: it is shown in the Admin theme.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class AdminAttribute : Attribute;
