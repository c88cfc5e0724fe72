using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Contents;

/// <summary>A type whose items belong to the submitter's unit: the form does not ask, and a posted unit is ignored.</summary>
public sealed class UnitOwnershipTests(ContentsPortal portal) : IClassFixture<ContentsPortal>
{
    private const string Type = "Enhetsforslag";

    private async Task<(int AnnasUnit, int OtherUnit)> ArrangeAsync()
    {
        await portal.ArrangeAsync();
        await using var scope = portal.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>();
        Assert.Empty(await store.SaveAsync(new ContentTypeDefinition { Name = Type, DisplayName = "Enhetsförslag", UnitFromSubmitter = true, Drafts = false }));
        await store.GetAllAsync();
        var grants = new HashSet<string>(await scope.ServiceProvider.GetRequiredService<IPermissionService>().GetGrantsAsync("Medarbetare"), StringComparer.Ordinal)
        {
            ContentPermissions.Name(Type, ContentAction.Create),
            ContentPermissions.Name(Type, ContentAction.ViewOwn),
        };
        await scope.ServiceProvider.GetRequiredService<IPermissionService>().SetGrantsAsync("Medarbetare", grants);
        var units = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OrganisationUnit>();
        return (await units.Where(u => u.Code == "FVO-HEM-O").Select(u => u.Id).SingleAsync(), await units.Where(u => u.Code == "FSB-BYGG").Select(u => u.Id).SingleAsync());
    }

    [Fact]
    public async Task The_item_belongs_to_the_submitters_unit_whatever_is_posted()
    {
        var (annasUnit, otherUnit) = await ArrangeAsync();
        var anna = await portal.AnnaAsync();

        var form = await anna.GetStringAsync($"/innehall/{Type}/ny");
        Assert.DoesNotContain("name=\"UnitId\"", form);
        Assert.Contains("Hemtjänst öster", form);

        var response = await anna.PostFieldsAsync($"/innehall/{Type}/ny", $"/innehall/{Type}/ny", [("Title", "Nytt schema"), ("UnitId", otherUnit.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("SaveAs", "skicka")]);
        var id = response.Headers.Location!.OriginalString.Split('/').Last();
        var item = await portal.LatestAsync(id);
        Assert.NotNull(item);
        Assert.Equal(annasUnit, item.OrganisationUnitId);
    }
}
