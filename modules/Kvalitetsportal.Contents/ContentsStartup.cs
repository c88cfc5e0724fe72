using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Contents;

public sealed class ContentsStartup : IFeatureStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ContentDefinitionCache>();
        services.AddScoped<IContentDefinitionStore, ContentDefinitionStore>();
        services.AddScoped<IContentManager, ContentManager>();
        services.AddScoped<ContentAuthorizer>();
        services.AddScoped<Queries.ContentListQuery>();
        services.AddSingleton<Files.IFileStore, Files.LocalFileStore>();
        services.AddSingleton<IPermissionProvider, ContentPermissions>();
        services.AddSingleton<IPermissionProvider, TypeAdmin.TypeAdminPermissions>();
        services.AddSingleton<INavigationProvider, ContentsNavigation>();
        services.AddScoped<Recipes.IRecipeStepHandler, ContentRecipes.ContentTypesStep>();
        services.AddScoped<Recipes.IRecipeStepHandler, ContentRecipes.ContentPermissionsStep>();
    }
}

public sealed class ContentsNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Innehållstyper", "/admin/innehallstyper", 300, ContentPermissions.ManageContentTypesName, "Innehåll"));
        }
    }
}
