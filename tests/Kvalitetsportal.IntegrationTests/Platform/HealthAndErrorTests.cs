using System.Net;

namespace Kvalitetsportal.IntegrationTests.Platform;

public sealed class HealthAndErrorTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Ready_answers_200_when_the_database_is_reachable()
    {
        var client = PortalClient.Create(portal);
        var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_answers_200()
    {
        var response = await PortalClient.Create(portal).GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_page_gives_a_Swedish_404_page()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var response = await client.GetAsync("/finns-inte");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sidan finns inte", html);
        Assert.Contains("lang=\"sv\"", html);
    }

    [Fact]
    public async Task Form_posted_without_antiforgery_token_gets_a_clear_400_not_a_500()
    {
        var client = PortalClient.Create(portal);
        var response = await client.Http.PostAsync(new Uri("/konto/logga-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = PortalFactory.AdminEmail,
            ["Password"] = PortalFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Felaktig begäran", html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task Responses_carry_a_correlation_id_and_security_headers()
    {
        var response = await PortalClient.Create(portal).GetAsync("/konto/logga-in");
        Assert.True(response.Headers.TryGetValues("X-Correlation-ID", out var ids));
        Assert.False(string.IsNullOrWhiteSpace(ids.Single()));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Swedish_characters_are_written_as_characters_not_entities()
    {
        var html = await PortalClient.Create(portal).GetStringAsync("/konto/logga-in");
        Assert.Contains("Lösenord", html);
        Assert.DoesNotContain("&#xF6;", html);
    }
}

public sealed class StaticAssetTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/_content/Kvalitetsportal.Themes.Portal/css/portal.css")]
    [InlineData("/_content/Kvalitetsportal.Themes.Admin/css/admin.css")]
    [InlineData("/_content/Kvalitetsportal.Contents/js/autosave.js")]
    public async Task Theme_and_module_assets_are_served(string path)
    {
        var response = await PortalClient.Create(portal).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
