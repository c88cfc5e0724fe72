using System.Net;

namespace Kvalitetsportal.IntegrationTests.Users;

public sealed class SignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        var response = await PortalClient.Create(portal).GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/konto/logga-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Employee_signs_in_and_sees_the_start_page_with_my_cases()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var html = await client.GetStringAsync("/");
        Assert.Contains("Välkommen, Anna Andersson", html);
        Assert.Contains("Mina ärenden", html);
        Assert.DoesNotContain("href=\"/admin\"", html);
    }

    [Fact]
    public async Task Wrong_password_gives_a_Swedish_message_and_keeps_the_email()
    {
        var client = PortalClient.Create(portal);
        var response = await client.SignInAsync(PortalFactory.ManagerEmail, "fel-lösenord");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Fel e-postadress eller lösenord.", html);
        Assert.Contains($"value=\"{PortalFactory.ManagerEmail}\"", html);
        Assert.Contains("class=\"error-summary\"", html);
    }

    [Fact]
    public async Task Empty_and_overlong_fields_get_field_errors_not_a_500()
    {
        var client = PortalClient.Create(portal);
        var response = await client.PostFormAsync("/konto/logga-in", "/konto/logga-in", new()
        {
            ["Email"] = new string('a', 300) + "@example.se",
            ["Password"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("E-postadressen får vara högst 256 tecken.", html);
        Assert.Contains("Skriv ditt lösenord.", html);
        Assert.Contains("href=\"#Password\"", html);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var response = await client.PostFormAsync("/", "/konto/logga-ut", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }
}

public sealed class SignInRateLimitTests(SignInRateLimitTests.LowLimitPortal portal) : IClassFixture<SignInRateLimitTests.LowLimitPortal>
{
    public sealed class LowLimitPortal : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Users:SignInAttemptsPerMinute"] = "3" };
    }

    [Fact]
    public async Task Rapid_sign_in_attempts_are_refused_with_a_Swedish_429_page()
    {
        var client = PortalClient.Create(portal);
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.SignInAsync("okand@example.se", "fel-lösenord");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("För många försök", await last.Content.ReadAsStringAsync());
        Assert.True(last.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1), last.Headers.RetryAfter?.ToString());
    }
}
