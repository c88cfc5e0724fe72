using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Users;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Users.UserAccounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Users;

/// <summary>
/// The portal with its default session check interval (a minute), so that the tests show a session
/// ending at once and not at the next refresh; and one trusted proxy.
/// </summary>
public sealed class SessionPortal : PortalFactory
{
    public const string Proxy = "10.0.0.5";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
        ["Portal:KnownProxies"] = Proxy,
    };
}

/// <summary>Sign-out and account changes end sessions on the server; forwarded headers only from the proxy (issue 20, finding 3).</summary>
public sealed partial class SessionEndTests(SessionPortal portal) : IClassFixture<SessionPortal>
{
    private static readonly Uri Base = new("http://localhost");

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        const string email = "kopierad@kvalitetsportal.local";
        await UsersArrange.CreateUserAsync(portal, email, "Kopierad Kaka", "Medarbetare");
        var (browser, cookies) = Browser();
        await browser.SignInOrFailAsync(email, UsersArrange.Password);
        var copy = Copied(cookies);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/konto/losenord", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/api/content-types", UriKind.Relative))).StatusCode);

        await browser.PostFormAsync("/", "/konto/logga-ut", []);

        var page = await copy.GetAsync(new Uri("/konto/losenord", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/konto/logga-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync(new Uri("/api/content-types", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task After_a_role_is_removed_the_old_cookie_no_longer_has_its_access()
    {
        const string email = "fd.anvandaradmin@kvalitetsportal.local";
        await UsersArrange.CreateRoleAsync(portal, "Kontohanterare", UsersPermissions.ManageUsersName);
        await UsersArrange.CreateUserAsync(portal, email, "Före detta Kontohanterare", "Medarbetare", "Kontohanterare");
        var (browser, cookies) = Browser();
        await browser.SignInOrFailAsync(email, UsersArrange.Password);
        var copy = Copied(cookies);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/admin/anvandare", UriKind.Relative))).StatusCode);

        await using (var scope = portal.CreateScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
            var result = await scope.ServiceProvider.GetRequiredService<UserAccountChanges>().ChangeAsync(
                user, new AccountChange(email, user.DisplayName, null, ["Medarbetare"], null, Lock: false, Unlock: false), _ => null, CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        var after = await copy.GetAsync(new Uri("/admin/anvandare", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/konto/logga-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_proxy_forwarding_https_gets_a_Secure_cookie_and_an_unknown_sender_does_not()
    {
        const string email = "bakom.proxy@kvalitetsportal.local";
        await UsersArrange.CreateUserAsync(portal, email, "Bakom Proxy", "Medarbetare");

        var viaProxy = await SignInCookieAsync(SessionPortal.Proxy, email);
        Assert.Contains("secure", viaProxy, StringComparison.OrdinalIgnoreCase);

        var spoofed = await SignInCookieAsync("203.0.113.9", email);
        Assert.DoesNotContain("secure", spoofed, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Signs in from <paramref name="remoteAddress"/> with X-Forwarded-Proto: https and returns the auth cookie's Set-Cookie header.</summary>
    private async Task<string> SignInCookieAsync(string remoteAddress, string email)
    {
        void Forwarded(HttpContext context, string method, string path)
        {
            context.Request.Method = method;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            context.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
        }

        var form = await portal.Server.SendAsync(context => Forwarded(context, "GET", "/konto/logga-in"));
        var html = await new StreamReader(form.Response.Body).ReadToEndAsync();
        var token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        var antiforgery = string.Join("; ", form.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
        using var fields = new FormUrlEncodedContent([new("Email", email), new("Password", UsersArrange.Password), new("__RequestVerificationToken", token)]);
        var body = await fields.ReadAsByteArrayAsync();

        var signedIn = await portal.Server.SendAsync(context =>
        {
            Forwarded(context, "POST", "/konto/logga-in");
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Headers.Cookie = antiforgery;
            context.Request.Body = new MemoryStream(body);
        });
        Assert.Equal(StatusCodes.Status302Found, signedIn.Response.StatusCode);
        return signedIn.Response.Headers.SetCookie.Single(c => c!.StartsWith("kvalitetsportal.auth=", StringComparison.Ordinal))!;
    }

    private (PortalClient Client, System.Net.CookieContainer Cookies) Browser()
    {
        var cookies = new System.Net.CookieContainer();
        return (new PortalClient(portal.CreateDefaultClient(Base, new CookieContainerHandler(cookies))), cookies);
    }

    /// <summary>What a thief copies from the browser: every cookie, as one header on another client.</summary>
    private HttpClient Copied(System.Net.CookieContainer cookies)
    {
        var client = portal.CreateDefaultClient(Base);
        client.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(Base));
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
