using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Lucene.Searching;
using Kvalitetsportal.Lucene.Similar;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Lucene;

public sealed class LuceneStartup : IFeatureStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(SearchOptions.From(configuration));
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<Searching.SearchResultCache>();
        services.AddSingleton<Searching.AccessFilter>();
        services.AddSingleton<AttachmentText>();
        services.AddSingleton<ContentDocuments>();
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>(SearchIndexHealthCheck.Name, tags: ["ready"]);
        // Part of every content save, whether or not the feature is on: the log lets the index catch up later.
        services.AddScoped<IContentHandler, IndexingTaskHandler>();
        services.AddScoped<IContentCommittedHandler, IndexingNudge>();
        services.AddScoped<SearchService>();
        services.AddScoped<SimilarItems>();
        services.AddSingleton<IPermissionProvider, SearchPermissions>();
        services.AddSingleton<INavigationProvider, SearchNavigation>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => SimilarApi.Map(endpoints);
}

public sealed class SearchPermissions : IPermissionProvider
{
    public const string ManageSearchName = "ManageSearch";

    public static readonly Permission ManageSearch = new(ManageSearchName, "Hantera sökindexet", "Se sökindexets status och bygga om det från databasen.");

    public IEnumerable<Permission> GetPermissions() => [ManageSearch];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class SearchNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Sökindex", SearchAdmin.SearchAdminController.Path, 800, SearchPermissions.ManageSearchName, "Plattform"));
        }
        else if (menuName == Menus.Search)
        {
            // The portal layout shows its header search box when an enabled feature offers a search page.
            items.Add(new MenuItem("Sök", SearchPage.SearchController.Path));
        }
    }
}
