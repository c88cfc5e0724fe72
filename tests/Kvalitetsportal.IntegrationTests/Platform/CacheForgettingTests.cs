using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.IntegrationTests.Contents;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Organisation.OrganisationPages;

namespace Kvalitetsportal.IntegrationTests.Platform;

/// <summary>
/// Every cache family forgets as a user would notice (ADR 0018): what was shown before a change is
/// not shown after it, on the very next request, although each cache would otherwise keep it for
/// seconds or minutes. (The idea figures, the search answers and the feature set have their own
/// such tests in Idesluss, Lucene and Organisation.)
/// </summary>
public sealed partial class CacheForgettingTests(ContentsPortal portal) : IClassFixture<ContentsPortal>
{
    [Fact]
    public async Task A_list_total_and_its_page_change_as_soon_as_an_item_of_the_type_is_saved()
    {
        var anna = await portal.AnnaAsync();
        var before = Total(await anna.GetStringAsync(ContentsPortal.List));
        Assert.Equal(before, Total(await anna.GetStringAsync(ContentsPortal.List))); // now remembered

        await ContentPages.CreateAsync(anna, "Cykelställ vid biblioteket");

        var after = await anna.GetStringAsync(ContentsPortal.List);
        Assert.Equal(before + 1, Total(after));
        Assert.Contains("Cykelställ vid biblioteket", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permission_granted_to_a_role_takes_effect_at_once_and_so_does_taking_it_back()
    {
        var anna = await portal.AnnaAsync();
        var id = await ContentPages.CreateAsync(anna, "Annas förslag om skyltning");
        var berit = await portal.BeritAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await berit.GetAsync(ContentPages.Detail(id))).StatusCode); // and the role's grants are remembered

        var own = new[] { ContentAction.Create, ContentAction.ViewOwn, ContentAction.EditOwn }.Select(a => ContentPermissions.Name(ContentsPortal.Type, a)).ToList();
        await SetGrantsAsync([.. own, ContentPermissions.Name(ContentsPortal.Type, ContentAction.ViewAll)]);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await berit.GetAsync(ContentPages.Detail(id))).StatusCode);
        }
        finally
        {
            await SetGrantsAsync(own);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await berit.GetAsync(ContentPages.Detail(id))).StatusCode);
    }

    [Fact]
    public async Task A_changed_content_type_shows_on_its_form_at_once()
    {
        var anna = await portal.AnnaAsync();
        Assert.Contains("Kategori", await anna.GetStringAsync(ContentsPortal.New), StringComparison.Ordinal);

        var changed = ContentsPortal.Definition();
        changed.Fields.Single(f => f.Name == "kategori").Label = "Område för förslaget";
        await SaveTypeAsync(changed);
        try
        {
            Assert.Contains("Område för förslaget", await anna.GetStringAsync(ContentsPortal.New), StringComparison.Ordinal);
        }
        finally
        {
            await SaveTypeAsync(ContentsPortal.Definition());
        }
    }

    [Fact]
    public async Task A_renamed_unit_shows_in_the_lists_unit_filter_at_once()
    {
        await portal.ArrangeAsync();
        var admin = await portal.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var unit = await UnitAsync(portal, "FKF-FRITID");
        Assert.Contains(unit.Name, await admin.GetStringAsync(ContentsPortal.List), StringComparison.Ordinal); // the tree is now remembered

        var renamed = await admin.PostFormAsync(EditUrl(unit.Id), EditUrl(unit.Id), new()
        {
            ["Code"] = unit.Code,
            ["Name"] = "Fritid och friluftsliv",
            ["Kind"] = unit.Kind.ToString(),
            ["ParentId"] = unit.ParentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var list = await admin.GetStringAsync(ContentsPortal.List);
        Assert.Contains("Fritid och friluftsliv", list, StringComparison.Ordinal);
        Assert.DoesNotContain(unit.Name, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feature_switched_off_is_off_at_once_and_back_at_once_when_switched_on()
    {
        var admin = await portal.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Import)).StatusCode); // the enabled set is now remembered

        await using (var scope = portal.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IFeatureManager>().DisableAsync("Organisation.Import")).Succeeded);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Import)).StatusCode);

        await using (var scope = portal.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IFeatureManager>().EnableAsync("Organisation.Import")).Succeeded);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Import)).StatusCode);
    }

    [Fact]
    public async Task A_type_saved_in_a_recipe_is_there_once_the_recipe_commits_although_someone_read_the_types_meanwhile()
    {
        var type = ContentsPortal.Definition();
        type.Name = "Avvikelse";
        type.DisplayName = "Avvikelse";
        await using var recipe = portal.CreateScope();
        var db = recipe.ServiceProvider.GetRequiredService<Kvalitetsportal.Data.PortalDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Empty(await recipe.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(type));

            // A request on another connection reads the types before the commit (and so remembers them without the new one).
            await using (var reader = portal.CreateScope())
            {
                Assert.Null(await reader.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Avvikelse"));
            }

            await transaction.CommitAsync();
        }

        await using var after = portal.CreateScope();
        Assert.NotNull(await after.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Avvikelse"));
    }

    private async Task SetGrantsAsync(IEnumerable<string> permissions)
    {
        await using var scope = portal.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IPermissionService>().SetGrantsAsync("Medarbetare", permissions);
    }

    private async Task SaveTypeAsync(ContentTypeDefinition type)
    {
        await using var scope = portal.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(type));
    }

    private static int Total(string listPage) =>
        int.Parse(TotalPattern().Match(listPage) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("Ingen summa på listan."), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<p role=""status"">(\d+) träffar\.</p>")]
    private static partial Regex TotalPattern();
}
