using System.Net;

namespace Kvalitetsportal.IntegrationTests.Users;

public sealed class ChangePasswordTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    private const string Page = "/konto/losenord";

    private static Dictionary<string, string> Fields(string current, string next, string confirm) => new()
    {
        ["CurrentPassword"] = current,
        ["NewPassword"] = next,
        ["ConfirmPassword"] = confirm,
    };

    private async Task<PortalClient> SignedInAsNewUserAsync(string email)
    {
        await UsersArrange.CreateUserAsync(portal, email, "Byt Lösenordsson", "Medarbetare");
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, UsersArrange.Password);
        return client;
    }

    [Fact]
    public async Task The_user_menu_link_opens_a_labelled_form_for_signed_in_users_only()
    {
        var anonymous = await PortalClient.Create(portal).GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/konto/logga-in", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var client = await SignedInAsNewUserAsync("meny.losen@kvalitetsportal.local");
        Assert.Contains("href=\"/konto/losenord\"", await client.GetStringAsync("/"));
        var html = await client.GetStringAsync(Page);
        Assert.Contains("<label for=\"CurrentPassword\">Nuvarande lösenord</label>", html);
        Assert.Contains("<label for=\"NewPassword\">Nytt lösenord</label>", html);
        Assert.Contains("<label for=\"ConfirmPassword\">Upprepa det nya lösenordet</label>", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
    }

    [Fact]
    public async Task Wrong_current_password_gives_a_Swedish_field_error_and_changes_nothing()
    {
        const string email = "fel.nuvarande@kvalitetsportal.local";
        var client = await SignedInAsNewUserAsync(email);
        var response = await client.PostFormAsync(Page, Page, Fields("inte-rätt-lösenord", "Helt-Nytt-Lösen-7", "Helt-Nytt-Lösen-7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("class=\"error-summary\"", html);
        Assert.Contains("<a href=\"#CurrentPassword\">Det nuvarande lösenordet är fel.</a>", html);
        Assert.DoesNotContain("Helt-Nytt-Lösen-7", html);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(portal).SignInAsync(email, UsersArrange.Password)).StatusCode);
    }

    [Fact]
    public async Task New_password_works_afterwards_and_the_old_one_does_not()
    {
        const string email = "byter.losen@kvalitetsportal.local";
        const string newPassword = "Helt-Nytt-Lösen-7";
        var client = await SignedInAsNewUserAsync(email);

        var response = await client.PostFormAsync(Page, Page, Fields(UsersArrange.Password, newPassword, newPassword));

        var landing = await client.FollowAsync(response);
        Assert.Contains("Ditt lösenord är bytt.", landing);
        Assert.Contains("Välkommen, Byt Lösenordsson", landing); // still signed in

        var old = await PortalClient.Create(portal).SignInAsync(email, UsersArrange.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("Fel e-postadress eller lösenord.", await old.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(portal).SignInAsync(email, newPassword)).StatusCode);
    }

    [Fact]
    public async Task Too_weak_new_password_gets_the_password_rules_in_Swedish()
    {
        var client = await SignedInAsNewUserAsync("svagt.losen@kvalitetsportal.local");
        var response = await client.PostFormAsync(Page, Page, Fields(UsersArrange.Password, "kort", "kort"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Lösenordet måste ha minst 12 tecken.", html);
        // Length over composition (NIST SP 800-63B): no rules about upper case or digits.
        Assert.DoesNotContain("stor bokstav", html);
        Assert.DoesNotContain("minst en siffra", html);
        Assert.Contains("href=\"#NewPassword\"", html);
    }

    [Fact]
    public async Task Different_confirmation_and_overlong_input_give_field_errors_not_a_500()
    {
        var client = await SignedInAsNewUserAsync("olika.losen@kvalitetsportal.local");
        var mismatch = await client.PostFormAsync(Page, Page, Fields(UsersArrange.Password, "Helt-Nytt-Lösen-7", "Helt-Nytt-Lösen-8"));
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("Lösenorden är inte lika.", await mismatch.Content.ReadAsStringAsync());

        var overlong = await client.PostFormAsync(Page, Page, Fields(new string('x', 500), new string('Y', 500), ""));
        Assert.Equal(HttpStatusCode.OK, overlong.StatusCode);
        var html = await overlong.Content.ReadAsStringAsync();
        Assert.Contains("Lösenordet får vara högst 200 tecken.", html);
        Assert.Contains("Skriv det nya lösenordet en gång till.", html);
    }
}
