using System.Reflection;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Kvalitetsportal.UnitTests.Modules;

/// <summary>Rules that keep modules from failing at run time: checked here, so a user never meets them.</summary>
public sealed class ModuleConventionTests
{
    private static readonly ModuleCatalog Catalog = ModuleCatalog.Discover(typeof(Program).Assembly);

    [Fact]
    public void The_host_finds_the_platform_modules_and_themes()
    {
        var ids = Catalog.Modules.Select(m => m.Id).ToList();
        Assert.Contains("Kvalitetsportal.Users", ids);
        Assert.Contains("Kvalitetsportal.Organisation", ids);
        Assert.Contains("Kvalitetsportal.Admin", ids);
        Assert.Contains("Kvalitetsportal.Themes.Portal", ids);
        Assert.Contains("Kvalitetsportal.Themes.Admin", ids);
    }

    [Fact]
    public void Compiled_view_paths_are_unique_across_modules()
    {
        var paths = Catalog.ModuleAssemblies.Append(typeof(Program).Assembly)
            .SelectMany(a => new RazorCompiledItemLoader().LoadItems(a).Select(i => (i.Identifier, Assembly: a.GetName().Name)))
            .Where(i => !i.Identifier.EndsWith("_ViewImports.cshtml", StringComparison.Ordinal))
            .GroupBy(i => i.Identifier, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(i => i.Assembly))}")
            .ToList();
        Assert.Empty(paths);
    }

    [Fact]
    public void Every_required_permission_is_declared_by_some_module()
    {
        var declared = Catalog.ModuleAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(IPermissionProvider).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null) // providers built from stored data declare no fixed names
            .SelectMany(t => ((IPermissionProvider)Activator.CreateInstance(t)!).GetPermissions())
            .Select(p => p.Name)
            .ToHashSet();
        var required = Catalog.ModuleAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RequirePermissionAttribute>().Concat(t.GetMethods().SelectMany(m => m.GetCustomAttributes<RequirePermissionAttribute>())))
            .Select(a => a.PermissionName)
            .Distinct()
            .ToList();
        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains(name, declared));
    }

    [Fact]
    public void Every_admin_controller_requires_a_permission()
    {
        var unguarded = Catalog.ModuleAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<AdminAttribute>() is not null)
            .Where(t => t.GetCustomAttribute<RequirePermissionAttribute>() is null)
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(unguarded);
    }
}
