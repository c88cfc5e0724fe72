using System.Net;
using Kvalitetsportal.IntegrationTests.Users;
using static Kvalitetsportal.IntegrationTests.Organisation.OrganisationPages;

namespace Kvalitetsportal.IntegrationTests.Organisation;

/// <summary>A unit's manager (to whom workflows can hand the unit's items): set by the default recipe and in the tree admin.</summary>
public sealed class UnitManagerTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_default_recipe_makes_karl_manager_of_his_unit()
    {
        var unit = await UnitAsync(portal, "FVO-HEM-O");
        Assert.Equal(await UsersArrange.UserIdAsync(portal, PortalFactory.ManagerEmail), unit.ManagerUserId);
    }

    [Fact]
    public async Task An_administrator_names_a_manager_by_e_mail_and_an_unknown_address_is_refused()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var unit = await UnitAsync(portal, "FVO-HEM-V");
        var form = new Dictionary<string, string>
        {
            ["Code"] = unit.Code,
            ["Name"] = unit.Name,
            ["Kind"] = unit.Kind.ToString(),
            ["ParentId"] = unit.ParentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };

        var unknown = await client.PostFormAsync(EditUrl(unit.Id), EditUrl(unit.Id), new(form) { ["ManagerEmail"] = "ingen.alls@kvalitetsportal.local" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Det finns ingen användare med e-postadressen \"ingen.alls@kvalitetsportal.local\"", await TextOf(unknown));
        Assert.Null((await UnitAsync(portal, "FVO-HEM-V")).ManagerUserId);

        var saved = await client.PostFormAsync(EditUrl(unit.Id), EditUrl(unit.Id), new(form) { ["ManagerEmail"] = PortalFactory.ManagerEmail });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(await UsersArrange.UserIdAsync(portal, PortalFactory.ManagerEmail), (await UnitAsync(portal, "FVO-HEM-V")).ManagerUserId);
        Assert.Contains($"value=\"{PortalFactory.ManagerEmail}\"", await client.GetStringAsync(EditUrl(unit.Id)));

        var cleared = await client.PostFormAsync(EditUrl(unit.Id), EditUrl(unit.Id), new(form) { ["ManagerEmail"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null((await UnitAsync(portal, "FVO-HEM-V")).ManagerUserId);
    }
}
