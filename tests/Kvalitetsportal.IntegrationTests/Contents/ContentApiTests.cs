using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Contents;

public sealed record ApiArranged(ContentItem AnnasItem, ContentItem KarlsItem, string AnnaId);

public sealed class ApiPortal : ContentsPortal<ApiArranged>
{
    public const string Type = "Idee";
    public const string UngrantedType = "Hemligtyp";

    protected override async Task<ApiArranged> ArrangeAsync()
    {
        await ContentsArrange.SaveTypeAsync(this, ContentsArrange.Suggestion(Type));
        await ContentsArrange.SaveTypeAsync(this, ContentsArrange.Suggestion(UngrantedType));
        await ContentsArrange.GrantAsync(this, Type);
        await UsersArrange.CreateUserAsync(this, ContentsArrange.CoordinatorEmail, "Sara Samordnare", ContentsArrange.CoordinatorRole);
        var anna = await ContentsArrange.CreateItemAsync(this, Type, PortalFactory.EmployeeEmail, "Annas idé om återbruk", new JsonObject { ["beskrivning"] = "Återbruk av möbler.", ["kostnad"] = 100m });
        var karl = await ContentsArrange.CreateItemAsync(this, Type, PortalFactory.ManagerEmail, "Karls idé", new JsonObject { ["beskrivning"] = "Chefens förslag." });
        return new ApiArranged(anna, karl, await UsersArrange.UserIdAsync(this, PortalFactory.EmployeeEmail));
    }
}

public sealed class ContentApiTests(ApiPortal portal) : IClassFixture<ApiPortal>
{
    private const string Items = $"/api/content/{ApiPortal.Type}";

    [Fact]
    public async Task Content_types_lists_the_types_the_user_may_use_with_their_fields()
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        var types = await Json(await anna.GetAsync("/api/content-types"));
        var one = await Json(await anna.GetAsync($"/api/content-types/{ApiPortal.Type}"));

        var type = Assert.Single(types.AsArray());
        Assert.Equal(ApiPortal.Type, (string?)type!["name"]);
        Assert.Equal("Förbättringsförslag", (string?)type["displayName"]);
        Assert.True((bool)type["canCreate"]!);
        Assert.False((bool)type["canViewAll"]!);
        var fields = type["fields"]!.AsArray();
        Assert.Equal(["beskrivning", "kostnad", "kategori", "bradskande", "bilagor"], fields.Select(f => (string?)f!["name"]));
        Assert.Equal("Beskrivning av förbättringen", (string?)fields[0]!["label"]);
        Assert.True((bool)fields[0]!["required"]!);
        Assert.Equal("Number", (string?)fields[1]!["kind"]);
        Assert.Equal(1_000_000m, (decimal)fields[1]!["max"]!);
        Assert.Equal(["Miljö", "Arbetsmiljö", "Ekonomi"], fields[2]!["choices"]!.AsArray().Select(c => (string?)c));
        Assert.True((bool)fields[4]!["readOnly"]!);
        Assert.Equal(ApiPortal.Type, (string?)one["name"]);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync($"/api/content-types/{ApiPortal.UngrantedType}")).StatusCode);
    }

    [Fact]
    public async Task List_returns_only_the_callers_items_and_a_coordinator_sees_all()
    {
        var arranged = await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var sara = await ContentsArrange.SignedInAsync(portal, ContentsArrange.CoordinatorEmail, UsersArrange.Password);

        var annas = await Json(await anna.GetAsync(Items + "?q=idé&storlek=10"));
        var saras = await Json(await sara.GetAsync(Items + "?sortering=titel&storlek=1&sida=2"));

        var ids = annas["items"]!.AsArray().Select(i => (string?)i!["id"]).ToList();
        Assert.Contains(arranged.AnnasItem.ContentItemId, ids);
        Assert.DoesNotContain(arranged.KarlsItem.ContentItemId, ids);
        Assert.Equal(10, (int)annas["pageSize"]!);
        var item = annas["items"]!.AsArray().First(i => (string?)i!["id"] == arranged.AnnasItem.ContentItemId)!;
        Assert.Equal("Annas idé om återbruk", (string?)item["title"]);
        Assert.Equal(arranged.AnnaId, (string?)item["ownerId"]);
        Assert.Equal("Återbruk av möbler.", (string?)item["data"]!["beskrivning"]);
        Assert.EndsWith("Z", (string?)item["created"], StringComparison.Ordinal);
        Assert.True((int)saras["total"]! >= 2);
        Assert.Equal(2, (int)saras["page"]!);
        Assert.Single(saras["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.GetAsync($"/api/content/{ApiPortal.UngrantedType}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync("/api/content/Finnsinte")).StatusCode);
    }

    [Fact]
    public async Task Get_returns_the_item_with_its_revision_and_hides_another_owners_item()
    {
        var arranged = await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);

        var own = await anna.GetAsync($"{Items}/{arranged.AnnasItem.ContentItemId}");
        var karls = await anna.GetAsync($"{Items}/{arranged.KarlsItem.ContentItemId}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.NotNull(own.Headers.ETag);
        Assert.Equal(arranged.AnnasItem.ContentItemId, (string?)(await Json(own))["id"]);
        Assert.Equal(HttpStatusCode.NotFound, karls.StatusCode);
        Assert.Equal("application/problem+json", karls.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("Karls idé", await karls.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_then_update_with_if_match_and_a_stale_revision_gets_409()
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var token = await TokenAsync(anna);

        var created = await SendAsync(anna, HttpMethod.Post, Items, token, new
        {
            title = "Cykelpool för hemtjänsten",
            data = new { beskrivning = "Elcyklar i stället för bilar.", kostnad = "45 000,50", kategori = "Miljö", bradskande = true },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await Json(created);
        var id = (string)item["id"]!;
        Assert.Equal($"/api/content/{ApiPortal.Type}/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(45000.50m, (decimal)item["data"]!["kostnad"]!);
        Assert.Equal(1, (int)item["revision"]!);
        Assert.Equal("Cykelpool för hemtjänsten", (await ContentsArrange.LatestAsync(portal, id))!.DisplayText);

        var updated = await SendAsync(anna, HttpMethod.Put, $"{Items}/{id}", token, new
        {
            title = "Cykelpool för hemtjänst öster",
            data = new { beskrivning = "Elcyklar.", kategori = "Ekonomi" },
        }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var saved = await Json(updated);
        Assert.Equal("Cykelpool för hemtjänst öster", (string?)saved["title"]);
        Assert.Equal("Ekonomi", (string?)saved["data"]!["kategori"]);
        Assert.Null(saved["data"]!["kostnad"]);
        var revision = (int)saved["revision"]!;
        Assert.True(revision > 1);

        var stale = await SendAsync(anna, HttpMethod.Put, $"{Items}/{id}", token, new { title = "Gammal ändring", revision = 1, data = new { beskrivning = "x" } });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(revision, (int)(await Json(stale))["currentRevision"]!);
        Assert.Equal("Cykelpool för hemtjänst öster", (await ContentsArrange.LatestAsync(portal, id))!.DisplayText);

        var missing = await SendAsync(anna, HttpMethod.Put, $"{Items}/{id}", token, new { title = "Utan revision", data = new { beskrivning = "x" } });
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
    }

    [Fact]
    public async Task Invalid_input_gets_a_validation_problem_keyed_by_field_with_swedish_messages()
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var before = await CountAsync();

        var response = await SendAsync(anna, HttpMethod.Post, Items, await TokenAsync(anna), new
        {
            title = "  ",
            unitId = 999_999,
            data = new { kostnad = "mycket", kategori = "Okänd", okantFalt = "x", bilagor = new[] { "fil.pdf" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await Json(response))["errors"]!.AsObject();
        Assert.Equal(["beskrivning", "bilagor", "kategori", "kostnad", "okantFalt", "title", "unitId"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Rubrik måste fyllas i.", (string?)errors["title"]![0]);
        Assert.Equal("Beskrivning av förbättringen måste fyllas i.", (string?)errors["beskrivning"]![0]);
        Assert.Equal("Uppskattad kostnad måste vara ett tal, till exempel 12 eller 3,5.", (string?)errors["kostnad"]![0]);
        Assert.Equal("\"Okänd\" är inget av alternativen för Kategori.", (string?)errors["kategori"]![0]);
        Assert.Contains("filer kan inte", (string?)errors["bilagor"]![0], StringComparison.Ordinal);
        Assert.Contains("Enheten finns inte", (string?)errors["unitId"]![0], StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Another_owners_item_cannot_be_changed_and_view_all_without_edit_gets_403()
    {
        var arranged = await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var sara = await ContentsArrange.SignedInAsync(portal, ContentsArrange.CoordinatorEmail, UsersArrange.Password);
        var body = new { title = "Kapat", data = new { beskrivning = "Kapat" } };

        var byAnna = await SendAsync(anna, HttpMethod.Put, $"{Items}/{arranged.KarlsItem.ContentItemId}", await TokenAsync(anna), body, ifMatch: "\"1\"");
        var bySara = await SendAsync(sara, HttpMethod.Put, $"{Items}/{arranged.KarlsItem.ContentItemId}", await TokenAsync(sara), body, ifMatch: "\"1\"");
        var saraCreates = await SendAsync(sara, HttpMethod.Post, Items, await TokenAsync(sara), body);

        Assert.Equal(HttpStatusCode.NotFound, byAnna.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bySara.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, saraCreates.StatusCode);
        Assert.Equal("Karls idé", (await ContentsArrange.LatestAsync(portal, arranged.KarlsItem.ContentItemId))!.DisplayText);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("inte-en-token")]
    public async Task Writes_without_a_valid_antiforgery_header_are_refused_and_save_nothing(string? token)
    {
        var arranged = await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var before = await CountAsync();
        var body = new { title = "Smygskapad", data = new { beskrivning = "CSRF" } };

        var post = await SendAsync(anna, HttpMethod.Post, Items, token, body, xRequestedWith: true);
        var put = await SendAsync(anna, HttpMethod.Put, $"{Items}/{arranged.AnnasItem.ContentItemId}", token, body, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("Säkerhetstoken", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        Assert.Equal("Annas idé om återbruk", (await ContentsArrange.LatestAsync(portal, arranged.AnnasItem.ContentItemId))!.DisplayText);
    }

    [Fact]
    public async Task Another_users_antiforgery_token_is_refused()
    {
        await portal.ArrangedAsync();
        var anna = await ContentsArrange.SignedInAsync(portal, PortalFactory.EmployeeEmail);
        var karl = await ContentsArrange.SignedInAsync(portal, PortalFactory.ManagerEmail);

        var response = await SendAsync(anna, HttpMethod.Post, Items, await TokenAsync(karl), new { title = "Med fel token", data = new { beskrivning = "x" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/content-types")]
    [InlineData("GET", Items)]
    [InlineData("POST", Items)]
    public async Task Anonymous_calls_get_401_not_a_redirect(string method, string url)
    {
        await portal.ArrangedAsync();
        var client = PortalClient.Create(portal);

        var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? JsonContent.Create(new { title = "x" }) : null });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_content_api_and_the_antiforgery_header()
    {
        var response = await PortalClient.Create(portal).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/content/{type}"));
        Assert.True(paths.ContainsKey("/api/content/{type}/{id}"));
        Assert.True(paths.ContainsKey("/api/content-types"));
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/admin", StringComparison.Ordinal));
        var post = paths["/api/content/{type}"]!["post"]!;
        Assert.Equal("CreateContent", (string?)post["operationId"]);
        Assert.Contains(post["parameters"]!.AsArray(), p => (string?)p!["name"] == "RequestVerificationToken" && (string?)p["in"] == "header");
        Assert.Contains("RequestVerificationToken", (string?)document["info"]!["description"], StringComparison.Ordinal);

        // How to authenticate and what an unauthenticated or unauthorised call gets are described.
        var scheme = document["components"]!["securitySchemes"]!["portalCookie"]!;
        Assert.Equal("apiKey", (string?)scheme["type"]);
        Assert.Equal("cookie", (string?)scheme["in"]);
        Assert.Equal("kvalitetsportal.auth", (string?)scheme["name"]);
        Assert.True(document["security"]!.AsArray().Single()!.AsObject().ContainsKey("portalCookie"));
        foreach (var (path, operations) in paths)
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                Assert.True(operation!["responses"]!.AsObject().ContainsKey("401"), $"{method} {path} saknar 401");
                Assert.True(operation["responses"]!.AsObject().ContainsKey("403"), $"{method} {path} saknar 403");
            }
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await PortalClient.Create(portal).GetAsync("/api/content-types")).StatusCode); // as described
    }

    private static async Task<string> TokenAsync(PortalClient client)
    {
        var token = await Json(await client.GetAsync("/api/antiforgery"));
        Assert.Equal("RequestVerificationToken", (string?)token["headerName"]);
        return (string)token["token"]!;
    }

    private static Task<HttpResponseMessage> SendAsync(PortalClient client, HttpMethod method, string url, string? token, object body, string? ifMatch = null, bool xRequestedWith = false)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (xRequestedWith)
        {
            request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        }

        return client.Http.SendAsync(request);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<int> CountAsync()
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ContentItem>().CountAsync();
    }
}
