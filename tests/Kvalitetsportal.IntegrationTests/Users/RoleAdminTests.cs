using System.Net;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Users;

public sealed class RoleAdminTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    private const string List = "/admin/roller";
    private const string NewRole = "/admin/roller/ny";

    private async Task<PortalClient> AdminAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return client;
    }

    private async Task<IReadOnlySet<string>> GrantsAsync(string role)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IPermissionService>().GetGrantsAsync(role);
    }

    [Fact]
    public async Task List_shows_each_role_with_its_description_and_user_count()
    {
        var html = await (await AdminAsync()).GetStringAsync(List);
        Assert.Contains("<th scope=\"col\">Antal användare</th>", html);
        Assert.Contains("Driver idéslussen: prövning, vidareförmedling, test och spridning.", html);
        var chefId = await UsersArrange.RoleIdAsync(portal, "Chef");
        Assert.Contains($"<a href=\"/admin/roller/{chefId}\">Chef</a>", html);
        Assert.Contains("aria-label=\"1 användare med rollen Chef\">1</a>", html);
    }

    [Fact]
    public async Task Admin_creates_a_role_and_chooses_its_permissions_grouped_by_feature()
    {
        var admin = await AdminAsync();
        var created = await admin.PostFormAsync(NewRole, NewRole, new() { ["Name"] = " Utvecklingsledare ", ["Description"] = "Leder utvecklingsarbetet på en förvaltning." });

        var edit = created.Headers.Location!.OriginalString;
        var html = await admin.FollowAsync(created);
        Assert.Contains("Rollen Utvecklingsledare är skapad.", html);
        Assert.Contains("<legend>Användare och roller</legend>", html);
        Assert.Contains("<legend>Administration</legend>", html);
        Assert.Contains("value=\"ManageUsers\"", html);
        Assert.Contains("Hantera användare", html);

        var saved = await admin.PostFieldsAsync(edit, edit, [("Description", "Ny beskrivning."), ("Permissions", "AccessAdmin"), ("Permissions", "ManageUsers")]);
        Assert.Contains("Rollen Utvecklingsledare är sparad.", await admin.FollowAsync(saved));
        Assert.Equal(["AccessAdmin", "ManageUsers"], (await GrantsAsync("Utvecklingsledare")).Order());
        var again = await admin.GetStringAsync(edit);
        Assert.Contains("value=\"ManageUsers\" checked=\"checked\"", again);
        Assert.DoesNotContain("value=\"ManageRoles\" checked=\"checked\"", again);
        Assert.Contains("Ny beskrivning.", again);
    }

    [Fact]
    public async Task Granting_a_permission_to_a_role_takes_effect_for_its_signed_in_users()
    {
        var roleId = await UsersArrange.CreateRoleAsync(portal, "Användarstöd");
        await UsersArrange.CreateUserAsync(portal, "anvandarstod@kvalitetsportal.local", "Ulla Stöd", "Medarbetare", "Användarstöd");
        var user = PortalClient.Create(portal);
        await user.SignInOrFailAsync("anvandarstod@kvalitetsportal.local", UsersArrange.Password);
        Assert.True((await user.GetAsync("/admin/anvandare")).IsForbidden());

        var admin = await AdminAsync();
        var edit = $"{List}/{roleId}";
        var saved = await admin.PostFieldsAsync(edit, edit, [("Description", "Hjälper kollegor med konton."), ("Permissions", UsersPermissions.ManageUsersName)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/admin/anvandare")).StatusCode);
        Assert.True((await user.GetAsync(List)).IsForbidden());

        var revoked = await admin.PostFieldsAsync(edit, edit, [("Description", "Hjälper kollegor med konton.")]);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.True((await user.GetAsync("/admin/anvandare")).IsForbidden());
    }

    [Fact]
    public async Task Administrator_role_holds_every_permission_without_checkboxes()
    {
        var admin = await AdminAsync();
        var edit = $"{List}/{await UsersArrange.RoleIdAsync(portal, "Administratör")}";
        var html = await admin.GetStringAsync(edit);
        Assert.Contains("Administratör har alltid alla behörigheter", html);
        Assert.Contains("<li>Hantera roller och behörigheter</li>", html);
        Assert.DoesNotContain("name=\"Permissions\"", html);
        Assert.DoesNotContain("/ta-bort", html);

        var deleted = await admin.PostFieldsAsync(edit, edit + "/ta-bort", []);
        Assert.Contains("Rollen Administratör kan inte tas bort.", await admin.FollowAsync(deleted));
        Assert.NotNull(await UsersArrange.RoleIdAsync(portal, "Administratör"));
    }

    [Fact]
    public async Task A_role_is_deleted_only_when_no_user_has_it()
    {
        var admin = await AdminAsync();
        var chef = $"{List}/{await UsersArrange.RoleIdAsync(portal, "Chef")}";
        var refused = await admin.PostFieldsAsync(chef, chef + "/ta-bort", []);
        Assert.Contains("Rollen Chef kan inte tas bort eftersom 1 användare har den.", await admin.FollowAsync(refused));
        Assert.NotNull(await UsersArrange.RoleIdAsync(portal, "Chef"));

        var unusedId = await UsersArrange.CreateRoleAsync(portal, "Tillfällig roll", "AccessAdmin");
        var unused = $"{List}/{unusedId}";
        Assert.Contains("Ingen användare har rollen.", await admin.GetStringAsync(unused));
        var deleted = await admin.PostFieldsAsync(unused, unused + "/ta-bort", []);
        var list = await admin.FollowAsync(deleted);
        Assert.Contains("Rollen Tillfällig roll är borttagen.", list);
        Assert.DoesNotContain($"/admin/roller/{unusedId}\"", list);
        Assert.Empty(await GrantsAsync("Tillfällig roll"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(unused)).StatusCode);
    }

    [Fact]
    public async Task Duplicate_name_is_refused_with_a_message_and_the_input_is_kept()
    {
        var admin = await AdminAsync();
        var response = await admin.PostFormAsync(NewRole, NewRole, new() { ["Name"] = "chef", ["Description"] = "Ska inte bli av." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("finns redan.", html);
        Assert.Contains("href=\"#Name\"", html);
        Assert.Contains("value=\"chef\"", html);
        Assert.Contains("Ska inte bli av.", html);
    }

    [Fact]
    public async Task Overlong_and_forged_input_gives_field_errors_not_a_500()
    {
        var admin = await AdminAsync();
        var created = await admin.PostFormAsync(NewRole, NewRole, new() { ["Name"] = new string('R', 150), ["Description"] = new string('b', 600) });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync();
        Assert.Contains("Namnet får vara högst 100 tecken.", html);
        Assert.Contains("Beskrivningen får vara högst 500 tecken.", html);

        var empty = await admin.PostFormAsync(NewRole, NewRole, new() { ["Name"] = "   " });
        Assert.Contains("Skriv rollens namn.", await empty.Content.ReadAsStringAsync());

        var edit = $"{List}/{await UsersArrange.RoleIdAsync(portal, "Jurymedlem")}";
        var forged = await admin.PostFieldsAsync(edit, edit, [("Description", new string('b', 600)), ("Permissions", "FinnsInte")]);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var forgedHtml = await forged.Content.ReadAsStringAsync();
        Assert.Contains("Beskrivningen får vara högst 500 tecken.", forgedHtml);
        Assert.Contains("Välj bara behörigheter som finns i listan.", forgedHtml);
        Assert.Empty(await GrantsAsync("Jurymedlem"));
    }
}
