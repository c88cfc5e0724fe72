using Kvalitetsportal.Documents.Data;
using Kvalitetsportal.Documents.ItemDocuments;
using Kvalitetsportal.Documents.Templates;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Documents;

/// <summary>
/// Word templates per content type and purpose, filled with an item's data for whoever may read
/// the item (ADR 0026). Other modules add merge fields with an <see cref="IDocumentDataContributor"/>.
/// </summary>
public sealed class DocumentsStartup : IFeatureStartup
{
    public const string FeatureId = "Documents";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<DocumentTemplates>();
        services.AddScoped<DocumentDataSource>();
        services.AddScoped<ItemDocumentService>();
        services.AddScoped<IDocumentDataContributor, ItemDataContributor>();
        services.AddScoped<IDocumentDataContributor, WorkflowDataContributor>();
        services.AddScoped<IDocumentDataContributor, DecisionDataContributor>();
        services.AddScoped<IDocumentDataContributor, FactsDataContributor>();
        services.AddSingleton<IPermissionProvider, DocumentPermissions>();
        services.AddSingleton<INavigationProvider, DocumentsNavigation>();
        services.AddSingleton<IPageSectionProvider, ItemDocumentsPageSections>();
    }
}

public sealed class DocumentPermissions : IPermissionProvider
{
    public const string ManageTemplatesName = "ManageDocumentTemplates";

    public static readonly Permission ManageTemplates = new(ManageTemplatesName, "Hantera dokumentmallar", "Ladda upp, byta och ta bort Word-mallar som ärenden fylls i med.");

    public IEnumerable<Permission> GetPermissions() => [ManageTemplates];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class DocumentsNavigation : INavigationProvider
{
    public const string Url = "/admin/dokumentmallar";

    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Dokumentmallar", Url, 320, DocumentPermissions.ManageTemplatesName, "Innehåll"));
        }
    }
}
