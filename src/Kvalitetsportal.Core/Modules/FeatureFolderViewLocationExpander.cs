using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Kvalitetsportal.Modules;

/// <summary>
/// Views live beside their controller in a feature folder: a controller in namespace
/// Kvalitetsportal.Organisation.OrganisationUnits finds its views in /OrganisationUnits/.
/// Folder names are unique across modules (a test checks it).
/// </summary>
public sealed class FeatureFolderViewLocationExpander : IViewLocationExpander
{
    private const string Key = "featureFolder";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
        {
            context.Values[Key] = FolderOf(action.ControllerTypeInfo.AsType());
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(Key, out var folder) && !string.IsNullOrEmpty(folder))
        {
            yield return "/" + folder + "/{0}.cshtml";
        }

        foreach (var location in viewLocations)
        {
            yield return location;
        }
    }

    public static string FolderOf(Type controllerType)
    {
        var ns = controllerType.Namespace ?? "";
        var root = controllerType.Assembly.GetName().Name ?? "";
        var relative = ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..] : "";
        return relative.Replace('.', '/');
    }
}
