using System.Net;

namespace Kvalitetsportal.IntegrationTests.Users;

public sealed class SessionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_form_posted_after_the_session_ended_gets_the_Swedish_explanation_not_a_500()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var token = await client.GetAntiforgeryTokenAsync("/admin/funktioner");

        // The session ends (signed out elsewhere, or the cookie expired) while the form is open.
        await client.PostFormAsync("/", "/konto/logga-ut", []);
        var response = await client.Http.PostAsync(new Uri("/admin/funktioner/Organisation/stang-av", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        // Sign-in is asked for first; the change is not made.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/konto/logga-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Contains("data-feature=\"Organisation\"", await client.GetStringAsync("/admin/funktioner"));
    }

    [Fact]
    public async Task A_stale_form_token_from_another_session_gets_the_Swedish_explanation_not_a_500()
    {
        var first = PortalClient.Create(portal);
        await first.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var staleToken = await first.GetAntiforgeryTokenAsync("/admin/funktioner");

        var second = PortalClient.Create(portal);
        await second.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var response = await second.Http.PostAsync(new Uri("/admin/funktioner/Organisation/stang-av", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", staleToken)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("har loggats ut", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tampered_cookie_is_treated_as_signed_out()
    {
        var client = PortalClient.Create(portal);
        client.Http.DefaultRequestHeaders.Add("Cookie", "kvalitetsportal.auth=CfDJ8-inte-en-giltig-biljett");
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/konto/logga-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
