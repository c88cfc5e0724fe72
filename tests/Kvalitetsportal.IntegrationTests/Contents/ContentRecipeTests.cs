using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Contents;

public sealed class ContentRecipeTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    private const string List = "/admin/innehallstyper";

    private async Task<PortalClient> AdminAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return client;
    }

    [Fact]
    public async Task Export_then_import_round_trips_the_types()
    {
        var admin = await AdminAsync();
        await TypeAdminTests.CreateTypeAsync(admin, "Kundklagomål", "Kundklagomal");
        var page = $"{List}/Kundklagomal";
        await TypeAdminTests.AddFieldAsync(admin, page, [("Label", "Vad gäller det"), ("Kind", "Choice"), ("ChoicesText", "Bemötande\nHandläggningstid"), ("Multiple", "true"), ("Required", "true")]);
        await TypeAdminTests.AddFieldAsync(admin, page, [("Label", "Belopp"), ("Kind", "Number"), ("Min", "0"), ("Max", "1000")]);
        await TypeAdminTests.AddFieldAsync(admin, page, [("Label", "Underlag"), ("Kind", "Files"), ("AllowedExtensions", ".pdf"), ("MaxFiles", "2")]);
        await TypeAdminTests.AddFieldAsync(admin, page, [("Label", "Tidigare klagomål"), ("Kind", "ContentReference"), ("ReferencedType", "Kundklagomal")]);
        await TypeAdminTests.CreateTypeAsync(admin, "Beröm", "Berom");
        var original = Json(await TypeAsync("Kundklagomal"));

        var export = await admin.PostFieldsAsync(List, $"{List}/exportera", [("typ", "Kundklagomal")]);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("kvalitetsportal-innehallstyper.recipe.json", export.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var recipe = await export.Content.ReadAsByteArrayAsync();
        var parsed = JsonNode.Parse(recipe)!;
        Assert.Equal("contentTypes", parsed["steps"]![0]!["name"]!.GetValue<string>());
        var exported = parsed["steps"]![0]!["types"]!.AsArray();
        Assert.Equal(["Kundklagomal"], exported.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("Choice", exported[0]!["fields"]![0]!["kind"]!.GetValue<string>());

        var all = JsonNode.Parse(await (await admin.PostFieldsAsync(List, $"{List}/exportera", [])).Content.ReadAsStringAsync())!["steps"]![0]!["types"]!.AsArray();
        Assert.Contains("Berom", all.Select(t => t!["name"]!.GetValue<string>()));

        // Change the type, then import the export: it is back as it was.
        var settings = $"{page}/installningar";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFieldsAsync(settings, settings, [("DisplayName", "Ändrat namn")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFieldsAsync($"{page}/falt/belopp/ta-bort", $"{page}/falt/belopp/ta-bort", [])).StatusCode);
        Assert.NotEqual(original, Json(await TypeAsync("Kundklagomal")));

        var imported = await UploadAsync(admin, recipe);
        Assert.Contains("Receptet är importerat.", await admin.FollowAsync(imported));
        Assert.Equal(original, Json(await TypeAsync("Kundklagomal")));

        // The same file under another name makes a copy with the same fields.
        var copy = Encoding.UTF8.GetString(recipe).Replace("\"Kundklagomal\"", "\"KopiaKundklagomal\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(admin, Encoding.UTF8.GetBytes(copy))).StatusCode);
        var copied = await TypeAsync("KopiaKundklagomal");
        Assert.NotNull(copied);
        Assert.Equal(["vadGallerDet", "belopp", "underlag", "tidigareKlagomal"], copied.OrderedFields.Select(f => f.Name));
        Assert.Equal("KopiaKundklagomal", copied.Field("tidigareKlagomal")!.ReferencedType);
        Assert.Contains("KopiaKundklagomal", await admin.GetStringAsync(List));
    }

    [Fact]
    public async Task A_bad_recipe_changes_nothing_and_names_the_step()
    {
        var admin = await AdminAsync();
        await TypeAdminTests.CreateTypeAsync(admin, "Egenkontroll", "Egenkontroll");
        var before = Json(await TypeAsync("Egenkontroll"));
        var recipe = """
            {
              "name": "Trasigt",
              "steps": [
                { "name": "contentTypes", "types": [
                  { "name": "NyTyp", "displayName": "Ny typ", "fields": [ { "name": "text", "label": "Text", "kind": "ShortText" } ] },
                  { "name": "Egenkontroll", "displayName": "Ersatt", "fields": [] }
                ] },
                { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "NyTyp", "actions": ["Create"] } ] },
                { "name": "contentTypes", "types": [
                  { "name": "Trasig", "displayName": "Trasig", "fields": [ { "name": "val", "label": "Välj", "kind": "Choice", "choices": [] } ] }
                ] }
              ]
            }
            """;
        var response = await UploadAsync(admin, Encoding.UTF8.GetBytes(recipe));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("class=\"error-summary\"", html);
        Assert.Matches("Steg 3 \\(&quot;contentTypes&quot;, rad [0-9]+\\): typen &quot;Trasig&quot;: Fältet &quot;Välj&quot; är ett val men har inga alternativ.", html);

        Assert.Null(await TypeAsync("NyTyp"));
        Assert.Null(await TypeAsync("Trasig"));
        Assert.Equal(before, Json(await TypeAsync("Egenkontroll")));
        Assert.DoesNotContain("Contents.NyTyp.Create", await GrantsAsync("Medarbetare"));
        var list = await admin.GetStringAsync(List);
        Assert.DoesNotContain("NyTyp", list);
        Assert.DoesNotContain("Ersatt", list);

        var secondStepBad = """
            { "steps": [
                { "name": "contentTypes", "types": [ { "name": "Annan", "displayName": "Annan" } ] },
                { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "Annan", "actions": ["Create", "Fly"] } ] }
            ] }
            """;
        html = await (await UploadAsync(admin, Encoding.UTF8.GetBytes(secondStepBad))).Content.ReadAsStringAsync();
        Assert.Matches("Steg 2 \\(&quot;contentPermissions&quot;, rad [0-9]+\\): behörighet 1: okänd åtgärd &quot;Fly&quot;", html);
        Assert.Null(await TypeAsync("Annan"));

        html = await (await UploadAsync(admin, "{ inte json"u8.ToArray())).Content.ReadAsStringAsync();
        Assert.Contains("Receptet är inte giltig JSON", html);

        var tooLarge = await UploadAsync(admin, Encoding.UTF8.GetBytes("{\"steps\":[]," + new string(' ', 1024 * 1024) + "}"));
        Assert.Contains("Filen är större än 1 MB.", await tooLarge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Recipe_steps_create_types_and_add_grants_and_are_registered()
    {
        var recipe = """
            { "name": "Prov", "steps": [
                { "name": "contentTypes", "types": [
                  { "name": "Uppdrag", "displayName": "Uppdrag", "drafts": false, "fields": [ { "name": "ursprung", "label": "Ursprung", "kind": "ContentReference", "referencedType": "Forslag", "order": 1 } ] },
                  { "name": "Forslag", "displayName": "Förslag", "titleLabel": "Rubrik", "fields": [ { "name": "text", "label": "Text", "kind": "LongText", "required": true } ] }
                ] },
                { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "Forslag", "actions": ["Create", "ViewOwn", "EditOwn"] } ] }
            ] }
            """;
        await using (var scope = portal.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(new MemoryStream(Encoding.UTF8.GetBytes(recipe)));
        }

        var uppdrag = await TypeAsync("Uppdrag");
        Assert.NotNull(uppdrag);
        Assert.False(uppdrag.Drafts);
        Assert.Equal("Forslag", uppdrag.Field("ursprung")!.ReferencedType);
        Assert.Equal("Rubrik", (await TypeAsync("Forslag"))!.TitleLabel);
        var grants = await GrantsAsync("Medarbetare");
        Assert.Contains("Contents.Forslag.Create", grants);
        Assert.Contains("Contents.Forslag.ViewOwn", grants);
        Assert.Contains("Contents.Forslag.EditOwn", grants);
        Assert.DoesNotContain("Contents.Forslag.ViewAll", grants);

        var unknownRole = """{ "steps": [ { "name": "contentPermissions", "grants": [ { "role": "Ingen", "type": "Forslag", "actions": ["Create"] } ] } ] }""";
        await using (var scope = portal.CreateScope())
        {
            var error = await Assert.ThrowsAsync<RecipeException>(() => scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(new MemoryStream(Encoding.UTF8.GetBytes(unknownRole))));
            Assert.Matches("^Steg 1 \\(\"contentPermissions\", rad [0-9]+\\): behörighet 1: rollen \"Ingen\" finns inte\\.$", error.Message);
        }

        // A rolled-back recipe leaves nothing behind, not even in the definitions cache that a later step reloaded.
        var rolledBack = """
            { "steps": [
                { "name": "contentTypes", "types": [ { "name": "Spok", "displayName": "Spök" } ] },
                { "name": "contentPermissions", "grants": [ { "role": "Medarbetare", "type": "Finnsinte", "actions": ["Create"] } ] }
            ] }
            """;
        await using (var scope = portal.CreateScope())
        {
            var error = await Assert.ThrowsAsync<RecipeException>(() => scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(new MemoryStream(Encoding.UTF8.GetBytes(rolledBack))));
            Assert.Matches("^Steg 2 \\(\"contentPermissions\", rad [0-9]+\\): behörighet 1: innehållstypen \"Finnsinte\" finns inte\\.$", error.Message);
        }

        Assert.Null(await TypeAsync("Spok"));
    }

    private static Task<HttpResponseMessage> UploadAsync(PortalClient admin, byte[] recipe) => RecipeImport.UploadAndConfirmAsync(admin, recipe);

    private static string Json(ContentTypeDefinition? type) => JsonSerializer.Serialize(type, ContentDefinitionCache.Json);

    private async Task<ContentTypeDefinition?> TypeAsync(string name)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(name);
    }

    private async Task<IReadOnlySet<string>> GrantsAsync(string role)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IPermissionService>().GetGrantsAsync(role);
    }
}
