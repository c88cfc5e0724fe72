using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.ContentApi;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
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
        services.AddScoped<IContentQuery, ContentQuery>();
        services.AddScoped<Access.ContentAccessService>();
        services.AddScoped<Access.ReaderUnits>();
        services.AddScoped<Members.IContentMembers, Members.ContentMembers>();
        services.AddScoped<Kvalitetsportal.PersonalData.IPersonalDataSource, PersonalData.ContentPersonalData>();
        services.AddScoped<Access.ContentIdentityVisibility>();
        services.AddScoped<ContentAuthorizer>();
        services.AddScoped<Queries.ContentListQuery>();
        services.AddSingleton<Queries.ContentCountCache>();
        services.AddSingleton<Queries.ContentPageCache>();
        services.AddScoped<ContentItemPages>();
        services.AddScoped<IContentCommittedHandler, Queries.ContentCountInvalidator>();
        services.AddScoped<ContentExport.ContentExporter>();
        services.AddScoped<Fields.FieldDisplay>();
        services.AddScoped<ContentApi.ContentApiInput>();
        services.AddContentApiOpenApi();
        services.AddSingleton<Files.IFileStore, Files.LocalFileStore>();
        services.AddScoped<Files.IStoredFileReferences, Files.ContentFileReferences>();
        services.AddScoped<IContentCommittedHandler, Files.RemovedItemFiles>();
        services.AddSingleton<Files.AbandonedUploadSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Files.AbandonedUploadSweeper>());
        services.AddSingleton<IPermissionProvider, ContentPermissions>();
        services.AddSingleton<IPermissionProvider, TypeAdmin.TypeAdminPermissions>();
        services.AddSingleton<INavigationProvider, ContentsNavigation>();
        services.AddSingleton<Editing.OneTimeFormTokens>();
        services.AddScoped<Editing.CreateWithFormToken>();
        services.AddScoped<Editing.EditWithConflictCheck>();
        services.AddScoped<Access.VisibleContentItems>();
        services.AddScoped<ContentItems.ContentEditorForms>();
        services.AddScoped<ContentItems.ContentItemViews>();
        services.AddScoped<TypeAdmin.ContentTypeChanges>();
        services.AddScoped<TypeAdmin.ContentTypeGrants>();
        services.AddScoped<TypeAdmin.FieldRules>();
        services.AddSingleton<IStartPageSectionProvider, MyItems.MyItemsSectionProvider>();
        services.AddScoped<Recipes.IRecipeStepHandler, ContentRecipes.ContentTypesStep>();
        services.AddScoped<Recipes.IRecipeStepHandler, ContentRecipes.ContentPermissionsStep>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ContentApiEndpoints.Map(endpoints);
        // Public on purpose: it describes the API's shape for integrators and holds no data (authorisation matrix, issue 20).
        endpoints.MapOpenApi(ContentApiOpenApi.DocumentPath).AllowAnonymous();
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
        else if (menuName == Menus.Portal)
        {
            // One entry for all types: which types a user may use is decided per request on /innehall.
            items.Add(new MenuItem("Innehåll", "/innehall", 100));
        }
    }
}
