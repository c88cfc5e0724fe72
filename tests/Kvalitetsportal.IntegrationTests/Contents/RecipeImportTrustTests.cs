using System.Net;
using System.Text;
using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Contents;

/// <summary>The content-type import runs only what it is for, only what its user may do, and logs every step (issue 20, finding 1).</summary>
public sealed class RecipeImportTrustTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    [Fact]
    public async Task The_import_page_refuses_a_recipe_with_a_users_step_and_runs_none_of_it()
    {
        var admin = await SignedInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        const string intruder = "inkraktare@kvalitetsportal.local";
        var recipe = $$"""
            { "name": "Typer", "steps": [
                { "name": "contentTypes", "types": [ { "name": "Trojan", "displayName": "Trojan" } ] },
                { "name": "users", "users": [ { "email": "{{intruder}}", "displayName": "Inkräktare", "roles": ["Administratör"], "passwordSetting": "Setup:SamplePassword" } ] }
            ] }
            """;

        var response = await UploadAsync(admin, recipe);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Receptet importerades inte och ingenting har ändrats. Inga steg kördes.", page);
        Assert.Contains("steg 2 \"users\"", page);
        Assert.Null(await UsersArrange.FindUserAsync(portal, intruder));
        Assert.Null(await TypeAsync("Trojan"));
        Assert.NotEqual(HttpStatusCode.Redirect, (await PortalClient.Create(portal).SignInAsync(intruder, PortalFactory.SamplePassword)).StatusCode);
    }

    [Fact]
    public async Task Granting_permissions_from_the_import_needs_the_role_administrators_permission()
    {
        await UsersArrange.CreateRoleAsync(portal, "Typredaktör", ContentPermissions.ManageContentTypesName);
        await UsersArrange.CreateUserAsync(portal, "typredaktor@kvalitetsportal.local", "Typ Redaktör", "Typredaktör");
        var editor = await SignedInAsync("typredaktor@kvalitetsportal.local", UsersArrange.Password);
        var recipe = """
            { "steps": [
                { "name": "contentTypes", "types": [ { "name": "Egen", "displayName": "Egen" } ] },
                { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "Egen", "actions": ["ViewAll"] } ] }
            ] }
            """;

        var page = WebUtility.HtmlDecode(await (await UploadAsync(editor, recipe)).Content.ReadAsStringAsync());

        Assert.Contains("Du saknar behörighet att köra steg 2 \"contentPermissions\"", page);
        Assert.Null(await TypeAsync("Egen"));
    }

    [Fact]
    public async Task The_upload_lists_what_the_recipe_will_do_and_runs_nothing_until_confirmed()
    {
        var admin = await SignedInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var recipe = """
            { "steps": [
                { "name": "contentTypes", "types": [ { "name": "Forhand", "displayName": "Förhand" }, { "name": "Forhand2", "displayName": "Förhand 2" } ] },
                { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "Forhand", "actions": ["Create"] } ] }
            ] }
            """;

        var listed = await RecipeImport.UploadAsync(admin, Encoding.UTF8.GetBytes(recipe), "forhand.json");

        var page = WebUtility.HtmlDecode(await listed.Content.ReadAsStringAsync());
        Assert.Contains("Bekräfta importen", page);
        Assert.Contains("Skapar eller ersätter innehållstyper (2 st.", page);
        Assert.Contains("Ger roller behörigheter till innehållstyper (1 st.", page);
        Assert.Null(await TypeAsync("Forhand"));

        Assert.Equal(HttpStatusCode.Redirect, (await RecipeImport.UploadAndConfirmAsync(admin, Encoding.UTF8.GetBytes(recipe), "forhand.json")).StatusCode);
        Assert.NotNull(await TypeAsync("Forhand"));
    }

    [Fact]
    public async Task Every_step_an_import_runs_is_in_the_audit_log_with_who_ran_it()
    {
        var admin = await SignedInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var recipe = """
            { "steps": [
                { "name": "contentTypes", "types": [ { "name": "Loggad", "displayName": "Loggad" } ] },
                { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "Loggad", "actions": ["Create"] } ] }
            ] }
            """;

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(admin, recipe)).StatusCode);

        var adminId = await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail);
        await using var scope = portal.CreateScope();
        var steps = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Category == AuditCategories.Recipes && e.Action == AuditActions.RecipeStepRun)
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["contentTypes", "contentPermissions"], steps.Select(e => e.SubjectId));
        Assert.All(steps, e => Assert.Equal(adminId, e.ActorId));
        Assert.Contains("loggad.json", steps[0].Changes, StringComparison.Ordinal);
    }

    private async Task<PortalClient> SignedInAsync(string email, string password)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, password);
        return client;
    }

    private static Task<HttpResponseMessage> UploadAsync(PortalClient client, string recipe) =>
        RecipeImport.UploadAndConfirmAsync(client, Encoding.UTF8.GetBytes(recipe), "loggad.json");

    private async Task<ContentTypeDefinition?> TypeAsync(string name)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(name);
    }
}
