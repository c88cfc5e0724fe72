using System.Diagnostics;
using System.Net;

namespace Kvalitetsportal.IntegrationTests.Users;

public sealed class SignInPolicyPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
        ["Users:SignInFreeFailuresPerAddress"] = "1000",
    };
}

/// <summary>Finding 6: sign-in follows NIST SP 800-63B: slowed, never locked; no account enumeration; no common passwords.</summary>
public sealed class SignInPolicyTests(SignInPolicyPortal portal) : IClassFixture<SignInPolicyPortal>
{
    [Fact]
    public async Task Wrong_passwords_slow_the_administrator_with_Retry_After_but_never_lock_the_account()
    {
        var attacker = PortalClient.Create(portal);
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            last = await attacker.SignInAsync(PortalFactory.AdminEmail, "fel-lösenord-" + i);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        var wait = last.Headers.RetryAfter?.Delta;
        Assert.True(wait is { } w && w > TimeSpan.Zero && w <= TimeSpan.FromSeconds(60), last.Headers.RetryAfter?.ToString());
        var html = await last.Content.ReadAsStringAsync();
        Assert.Contains("Vänta", html);
        Assert.DoesNotContain("spärrat", html);

        // Waiting as long as Retry-After says is enough: the right password gets in, no 15-minute lockout.
        await Task.Delay(wait!.Value + TimeSpan.FromMilliseconds(300));
        var admin = PortalClient.Create(portal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_account_gets_the_same_answer_in_about_the_same_time_as_a_wrong_password()
    {
        var client = PortalClient.Create(portal);
        await client.SignInAsync(PortalFactory.EmployeeEmail, "uppvärmning-fel"); // first hash of the run warms up
        var known = new List<double>();
        var unknown = new List<double>();
        string? knownHtml = null, unknownHtml = null;
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            var a = await client.SignInAsync(PortalFactory.EmployeeEmail, "fel-lösenord-" + i);
            known.Add(watch.Elapsed.TotalMilliseconds);
            knownHtml = await a.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);

            watch.Restart();
            var b = await client.SignInAsync($"finns.inte.{i}@kvalitetsportal.local", "fel-lösenord-" + i);
            unknown.Add(watch.Elapsed.TotalMilliseconds);
            unknownHtml = await b.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        }

        Assert.Contains("Fel e-postadress eller lösenord.", knownHtml);
        Assert.Contains("Fel e-postadress eller lösenord.", unknownHtml);
        var knownMedian = known.Order().ElementAt(known.Count / 2);
        var unknownMedian = unknown.Order().ElementAt(unknown.Count / 2);
        Assert.True(unknownMedian > knownMedian * 0.5, $"unknown {unknownMedian:0} ms, known {knownMedian:0} ms");
    }

    [Theory]
    [InlineData("Sommar2026")]
    [InlineData("Sommar2026!!")]
    [InlineData("Lösenord123456")]
    [InlineData("password1234")]
    [InlineData("aaaaaaaaaaaaaaa")]
    public async Task Common_and_breached_passwords_are_refused(string password)
    {
        var (client, _) = await NewUserAsync();
        var response = await client.PostFormAsync("/konto/losenord", "/konto/losenord", new()
        {
            ["CurrentPassword"] = UsersArrange.Password,
            ["NewPassword"] = password,
            ["ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(html.Contains("för vanligt", StringComparison.Ordinal) || html.Contains("minst 12 tecken", StringComparison.Ordinal), html[..Math.Min(400, html.Length)]);
    }

    [Fact]
    public async Task A_long_passphrase_without_digits_or_capitals_is_accepted()
    {
        var (client, email) = await NewUserAsync();
        const string phrase = "tre gröna hästar springer i regnet";
        var response = await client.PostFormAsync("/konto/losenord", "/konto/losenord", new()
        {
            ["CurrentPassword"] = UsersArrange.Password,
            ["NewPassword"] = phrase,
            ["ConfirmPassword"] = phrase,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(portal).SignInAsync(email, phrase)).StatusCode);
    }

    private async Task<(PortalClient Client, string Email)> NewUserAsync()
    {
        var email = $"losen.{Guid.NewGuid().ToString("N")[..8]}@kvalitetsportal.local";
        await UsersArrange.CreateUserAsync(portal, email, "Lisa Lösensson", "Medarbetare");
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, UsersArrange.Password);
        return (client, email);
    }
}
