using System.Net;
using Kvalitetsportal.Users;

namespace Kvalitetsportal.IntegrationTests.Users;

/// <summary>
/// The portal must always keep an administrator who can sign in. Own fixture: these tests count
/// administrators, so no other test may add one beside them.
/// </summary>
public sealed class LastAdministratorTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    private async Task<(PortalClient Client, string Edit, List<(string, string)> Fields)> AdminEditingSelfAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var edit = $"/admin/anvandare/{await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail)}";
        List<(string, string)> fields =
        [
            ("Email", PortalFactory.AdminEmail),
            ("DisplayName", "Portalens administratör"),
            ("OrganisationUnitId", (await UsersArrange.UnitIdAsync(portal, "KLF-KVAL")).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        return (client, edit, fields);
    }

    [Fact]
    public async Task The_only_administrator_cannot_lose_the_Administrator_role()
    {
        var (admin, edit, fields) = await AdminEditingSelfAsync();
        var response = await admin.PostFieldsAsync(edit, edit, [.. fields, ("Roles", "Medarbetare")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Det här är den enda aktiva administratören.", html);
        Assert.Contains("href=\"#Roles\"", html);
        Assert.Equal(["Administratör"], (await UsersArrange.FindUserAsync(portal, PortalFactory.AdminEmail))!.Value.Roles);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/roller")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_lock_their_own_account()
    {
        var (admin, edit, fields) = await AdminEditingSelfAsync();
        var response = await admin.PostFieldsAsync(edit, edit, [.. fields, ("Roles", "Administratör"), ("Locked", "true")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Du kan inte spärra ditt eget konto.", await response.Content.ReadAsStringAsync());
        Assert.Null((await UsersArrange.FindUserAsync(portal, PortalFactory.AdminEmail))!.Value.User.LockoutEnd);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task With_a_second_administrator_one_of_them_may_be_locked()
    {
        const string email = "andra.admin@kvalitetsportal.local";
        var userId = await UsersArrange.CreateUserAsync(portal, email, "Andra Administratören", "Administratör");
        var (admin, _, fields) = await AdminEditingSelfAsync();
        var edit = $"/admin/anvandare/{userId}";
        var response = await admin.PostFieldsAsync(edit, edit, [("Email", email), ("DisplayName", "Andra Administratören"), fields[2], ("Roles", "Administratör"), ("Locked", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await UsersArrange.FindUserAsync(portal, email))!.Value.User.LockoutEnd);
    }
}

/// <summary>Employees reach no admin action, not even by posting straight to it.</summary>
public sealed class UserAdminAuthorisationTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    [Fact]
    public async Task An_employee_cannot_post_to_any_user_or_role_admin_endpoint()
    {
        var employee = PortalClient.Create(portal);
        await employee.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var annaId = await UsersArrange.UserIdAsync(portal, PortalFactory.EmployeeEmail);
        var chefId = await UsersArrange.RoleIdAsync(portal, "Chef");
        var medarbetareId = await UsersArrange.RoleIdAsync(portal, "Medarbetare");
        var unit = (await UsersArrange.UnitIdAsync(portal, "FVO-HEM-O")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string Action, (string, string)[] Fields)[] posts =
        [
            ("/admin/anvandare/ny", [("Email", "inkraktare@example.se"), ("DisplayName", "Inkräktare"), ("OrganisationUnitId", unit), ("Password", "Inkräktare-Lösen-1"), ("Roles", "Administratör")]),
            ($"/admin/anvandare/{annaId}", [("Email", PortalFactory.EmployeeEmail), ("DisplayName", "Anna Andersson"), ("OrganisationUnitId", unit), ("Roles", "Administratör")]),
            ("/admin/roller/ny", [("Name", "Egen roll")]),
            ($"/admin/roller/{medarbetareId}", [("Description", "Kapad"), ("Permissions", UsersPermissions.ManageUsersName)]),
            ($"/admin/roller/{chefId}/ta-bort", []),
        ];

        foreach (var (action, fields) in posts)
        {
            // With a valid antiforgery token from a page the employee may open ...
            var response = await employee.PostFieldsAsync("/", action, fields);
            Assert.True(response.IsForbidden(), $"{action} svarade {(int)response.StatusCode}");

            // ... and without one.
            var bare = await employee.Http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
            Assert.True(bare.IsForbidden() || bare.StatusCode == HttpStatusCode.BadRequest, $"{action} utan token svarade {(int)bare.StatusCode}");
        }

        Assert.Null(await UsersArrange.FindUserAsync(portal, "inkraktare@example.se"));
        Assert.Equal(["Medarbetare"], (await UsersArrange.FindUserAsync(portal, PortalFactory.EmployeeEmail))!.Value.Roles);
        Assert.NotNull(await UsersArrange.RoleIdAsync(portal, "Chef"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => UsersArrange.RoleIdAsync(portal, "Egen roll"));
        Assert.True((await employee.GetAsync("/admin/anvandare")).IsForbidden());
    }

    [Fact]
    public async Task A_user_manager_who_is_not_an_administrator_cannot_hand_out_the_Administrator_role()
    {
        await UsersArrange.CreateRoleAsync(portal, "Personalhandläggare", UsersPermissions.ManageUsersName);
        const string email = "personal@kvalitetsportal.local";
        var userId = await UsersArrange.CreateUserAsync(portal, email, "Per Sonal", "Personalhandläggare");
        var manager = PortalClient.Create(portal);
        await manager.SignInOrFailAsync(email, UsersArrange.Password);
        var edit = $"/admin/anvandare/{userId}";
        var unit = (await UsersArrange.UnitIdAsync(portal, "KLF-HR")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await manager.PostFieldsAsync(edit, edit, [("Email", email), ("DisplayName", "Per Sonal"), ("OrganisationUnitId", unit), ("Roles", "Personalhandläggare"), ("Roles", "Administratör")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bara en administratör kan ge rollen Administratör.", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Personalhandläggare"], (await UsersArrange.FindUserAsync(portal, email))!.Value.Roles);

        var adminEdit = $"/admin/anvandare/{await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail)}";
        var takeover = await manager.PostFieldsAsync(edit, adminEdit, [("Email", "kapad@example.se"), ("DisplayName", "Kapad"), ("OrganisationUnitId", unit), ("Roles", "Administratör"), ("Password", "Kapat-Lösen-123")]);
        Assert.Equal(HttpStatusCode.OK, takeover.StatusCode);
        Assert.Contains("Bara en administratör kan ändra det.", await takeover.Content.ReadAsStringAsync());
        Assert.NotNull(await UsersArrange.FindUserAsync(portal, PortalFactory.AdminEmail));
    }
}
