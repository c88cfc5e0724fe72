using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Data;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Lucene.SearchAdmin;

/// <summary>This node's search index: how far behind the change log it is, the last error, and a rebuild button.</summary>
[Admin]
[RequirePermission(SearchPermissions.ManageSearchName)]
public sealed class SearchAdminController(SearchIndexer indexer, PortalDbContext db, IFeatureManager features, IStringLocalizer<SearchAdminController> localizer, ILogger<SearchAdminController> logger) : Controller
{
    public const string Path = "/admin/sok";

    [HttpGet(Path)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await indexer.StatusAsync(db, features, cancellationToken));

    [HttpPost(Path + "/bygg-om")]
    public IActionResult Rebuild()
    {
        indexer.RequestRebuild();
        logger.LogInformation("Search index rebuild requested by user {UserId}", Contents.Access.ContentAuthorizer.UserId(User));
        TempData["Message"] = localizer["Sökindexet byggs om från databasen. Sökningar använder det gamla indexet tills det nya är klart."].Value;
        return Redirect(Path);
    }
}
