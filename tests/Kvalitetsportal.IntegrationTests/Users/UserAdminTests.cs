using System.Net;
using Kvalitetsportal.Users;
using Kvalitetsportal.Users.UserAccounts;
using Kvalitetsportal.Users.UserAdmin;

namespace Kvalitetsportal.IntegrationTests.Users;

public sealed class UserAdminTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    private const string List = "/admin/anvandare";
    private const string NewUser = "/admin/anvandare/ny";

    private async Task<PortalClient> AdminAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return client;
    }

    private async Task<List<(string, string)>> NewUserFieldsAsync(string email, string name, string password, string unitCode = "FVO-HEM-V", params string[] roles) =>
    [
        ("Email", email),
        ("DisplayName", name),
        ("OrganisationUnitId", (await UsersArrange.UnitIdAsync(portal, unitCode)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Password", password),
        .. roles.Select(r => ("Roles", r)),
    ];

    [Fact]
    public async Task Admin_creates_a_user_who_can_then_sign_in()
    {
        var admin = await AdminAsync();
        var form = await admin.GetStringAsync(NewUser);
        Assert.Contains("<legend>Roller</legend>", form);
        Assert.Contains("Hemtjänst väster (Förvaltningen vård och omsorg)", form);

        var response = await admin.PostFieldsAsync(NewUser, NewUser,
            await NewUserFieldsAsync("  ny.kollega@kvalitetsportal.local ", "Nina Nykomling", "Startar-Här-2026", "FVO-HEM-V", "Medarbetare", "Chef"));

        var list = await admin.FollowAsync(response);
        Assert.Contains("Kontot för Nina Nykomling är skapat.", list);
        var stored = await UsersArrange.FindUserAsync(portal, "ny.kollega@kvalitetsportal.local");
        Assert.NotNull(stored);
        Assert.Equal(["Chef", "Medarbetare"], stored.Value.Roles.Order());
        Assert.Equal(await UsersArrange.UnitIdAsync(portal, "FVO-HEM-V"), stored.Value.User.OrganisationUnitId);

        var newcomer = PortalClient.Create(portal);
        await newcomer.SignInOrFailAsync("ny.kollega@kvalitetsportal.local", "Startar-Här-2026");
        Assert.Contains("Välkommen, Nina Nykomling", await newcomer.GetStringAsync("/"));
    }

    [Fact]
    public async Task Duplicate_email_is_refused_with_a_message_and_the_input_is_kept()
    {
        var admin = await AdminAsync();
        var response = await admin.PostFieldsAsync(NewUser, NewUser,
            await NewUserFieldsAsync(PortalFactory.EmployeeEmail, "Dubbel Dubbelsson", "Startar-Här-2026", "FVO-HEM-O", "Chef"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("används redan.", html);
        Assert.Contains("href=\"#Email\"", html);
        Assert.Contains("value=\"Dubbel Dubbelsson\"", html);
        Assert.Contains($"value=\"{PortalFactory.EmployeeEmail}\"", html);
        Assert.Contains("value=\"Chef\" checked=\"checked\"", html);
        Assert.DoesNotContain("Startar-Här-2026", html); // passwords are never written back
        Assert.Equal("Anna Andersson", (await UsersArrange.FindUserAsync(portal, PortalFactory.EmployeeEmail))!.Value.User.DisplayName);
    }

    [Fact]
    public async Task Too_weak_password_is_explained_in_Swedish()
    {
        var admin = await AdminAsync();
        var response = await admin.PostFieldsAsync(NewUser, NewUser,
            await NewUserFieldsAsync("svag@kvalitetsportal.local", "Svag Svagsson", "abc", "FVO-HEM-V", "Medarbetare"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Lösenordet måste ha minst 12 tecken.", html);
        Assert.Contains("href=\"#Password\"", html);
        Assert.Contains("value=\"Svag Svagsson\"", html);
        Assert.Null(await UsersArrange.FindUserAsync(portal, "svag@kvalitetsportal.local"));
    }

    [Fact]
    public async Task Overlong_and_missing_fields_give_field_errors_not_a_500()
    {
        var admin = await AdminAsync();
        var response = await admin.PostFieldsAsync(NewUser, NewUser,
        [
            ("Email", new string('a', 300) + "@example.se"),
            ("DisplayName", new string('N', 300)),
            ("OrganisationUnitId", "inte-ett-tal"),
            ("Password", ""),
            ("Roles", "Finns inte"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("E-postadressen får vara högst 256 tecken.", html);
        Assert.Contains("Namnet får vara högst 200 tecken.", html);
        Assert.Contains("Skriv ett startlösenord.", html);
        Assert.Contains("Välj bara roller som finns i listan.", html);
        Assert.Contains("href=\"#OrganisationUnitId\"", html);
    }

    [Fact]
    public async Task List_searches_filters_by_role_and_unit_and_pages_by_25()
    {
        for (var i = 1; i <= 27; i++)
        {
            await UsersArrange.CreateUserAsync(portal, $"sida{i:00}@kvalitetsportal.local", $"Sidsökare {i:00}", "Medarbetare");
        }

        var admin = await AdminAsync();
        var first = await admin.GetStringAsync(List + "?q=sidsökare");
        Assert.Contains("Visar 1–25 av 27 användare.", first);
        Assert.Contains("Sidsökare 01", first);
        Assert.DoesNotContain("Sidsökare 26", first);
        Assert.Contains("href=\"/admin/anvandare?q=sids%C3%B6kare&amp;sida=2\"", first);

        var second = await admin.GetStringAsync(List + "?q=sidsökare&sida=2");
        Assert.Contains("Visar 26–27 av 27 användare.", second);
        Assert.Contains("Sidsökare 27", second);

        var byEmail = await admin.GetStringAsync(List + "?q=SIDA07@");
        Assert.Contains("Visar 1–1 av 1 användare.", byEmail);

        var managers = await admin.GetStringAsync(List + "?roll=Chef");
        Assert.Contains("Karl Karlsson", managers);
        Assert.DoesNotContain("Anna Andersson", managers);

        // A förvaltning includes its units: both sample users work in Hemtjänst öster.
        var inCare = await admin.GetStringAsync(List + "?enhet=" + await UsersArrange.UnitIdAsync(portal, "FVO"));
        Assert.Contains("Anna Andersson", inCare);
        Assert.Contains("Karl Karlsson", inCare);
        Assert.Contains("<td>Hemtjänst öster</td>", inCare);
        Assert.DoesNotContain($"<td>{PortalFactory.AdminEmail}</td>", inCare);
        Assert.Contains($"<td>{PortalFactory.AdminEmail}</td>", await admin.GetStringAsync(List + "?enhet=" + await UsersArrange.UnitIdAsync(portal, "KLF")));

        var nobody = await admin.GetStringAsync(List + "?q=finns-verkligen-inte&sida=-4");
        Assert.Contains("Inga användare matchar sökningen.", nobody);
    }

    [Fact]
    public async Task Admin_gives_a_role_and_the_signed_in_user_gains_access()
    {
        await UsersArrange.CreateRoleAsync(portal, "Rollvårdare", UsersPermissions.ManageRolesName);
        const string email = "blir.rollvardare@kvalitetsportal.local";
        var userId = await UsersArrange.CreateUserAsync(portal, email, "Rolf Rollsson", "Medarbetare");
        var user = PortalClient.Create(portal);
        await user.SignInOrFailAsync(email, UsersArrange.Password);
        Assert.True((await user.GetAsync("/admin/roller")).IsForbidden());

        var admin = await AdminAsync();
        var edit = $"{List}/{userId}";
        var response = await admin.PostFieldsAsync(edit, edit,
        [
            ("Email", email),
            ("DisplayName", "Rolf Rollsson"),
            ("OrganisationUnitId", (await UsersArrange.UnitIdAsync(portal, "KLF-HR")).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Roles", "Medarbetare"),
            ("Roles", "Rollvårdare"),
        ]);

        Assert.Contains("Ändringarna för Rolf Rollsson är sparade.", await admin.FollowAsync(response));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/admin/roller")).StatusCode);
        Assert.True((await user.GetAsync(List)).IsForbidden());
        Assert.Contains("<td>HR-avdelningen</td>", await admin.GetStringAsync(List + "?q=Rolf"));
    }

    [Fact]
    public async Task Locked_account_is_signed_out_and_kept_out_until_an_administrator_unlocks_it()
    {
        const string email = "ska.sparras@kvalitetsportal.local";
        var userId = await UsersArrange.CreateUserAsync(portal, email, "Sara Spärrad", "Medarbetare");
        var user = PortalClient.Create(portal);
        await user.SignInOrFailAsync(email, UsersArrange.Password);
        var admin = await AdminAsync();
        var edit = $"{List}/{userId}";
        var unit = (await UsersArrange.UnitIdAsync(portal, "KLF-HR")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var locked = await admin.PostFieldsAsync(edit, edit, [("Email", email), ("DisplayName", "Sara Spärrad"), ("OrganisationUnitId", unit), ("Roles", "Medarbetare"), ("Locked", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("Spärrad", await admin.GetStringAsync(List + "?q=Sara"));
        Assert.Contains("Spärrat av en administratör.", await admin.GetStringAsync(edit));

        var session = await user.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, session.StatusCode);
        Assert.StartsWith("/konto/logga-in", session.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var refused = await PortalClient.Create(portal).SignInAsync(email, UsersArrange.Password);
        Assert.Contains("Kontot är spärrat.", await refused.Content.ReadAsStringAsync());

        var unlocked = await admin.PostFieldsAsync(edit, edit, [("Email", email), ("DisplayName", "Sara Spärrad"), ("OrganisationUnitId", unit), ("Roles", "Medarbetare"), ("Locked", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(portal).SignInAsync(email, UsersArrange.Password)).StatusCode);
    }

    [Fact]
    public async Task Admin_sets_a_new_password_and_changes_the_email_address()
    {
        const string email = "gammal.adress@kvalitetsportal.local";
        var userId = await UsersArrange.CreateUserAsync(portal, email, "Ebba Epost", "Medarbetare");
        var admin = await AdminAsync();
        var edit = $"{List}/{userId}";
        var unit = (await UsersArrange.UnitIdAsync(portal, "KLF-HR")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var weak = await admin.PostFieldsAsync(edit, edit, [("Email", "ny.adress@kvalitetsportal.local"), ("DisplayName", "Ebba Epost"), ("OrganisationUnitId", unit), ("Password", "svagt")]);
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("Lösenordet måste ha minst 12 tecken.", await weak.Content.ReadAsStringAsync());
        Assert.NotNull(await UsersArrange.FindUserAsync(portal, email)); // nothing was saved

        var saved = await admin.PostFieldsAsync(edit, edit, [("Email", "ny.adress@kvalitetsportal.local"), ("DisplayName", "Ebba Epost"), ("OrganisationUnitId", unit), ("Password", "Nytt-Från-Admin-1")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PortalClient.Create(portal).SignInAsync(email, UsersArrange.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(portal).SignInAsync("ny.adress@kvalitetsportal.local", "Nytt-Från-Admin-1")).StatusCode);
    }

    [Fact]
    public async Task Unknown_user_gives_404_not_a_500()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(List + "/finns-inte")).StatusCode);
        var post = await admin.PostFieldsAsync(List, List + "/finns-inte", [("Email", "x@example.se")]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public void Admin_lock_never_runs_out_by_itself()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(LockKind.Administrator, LockState.Of(LockState.Indefinitely, now).Kind);
        Assert.Equal(LockKind.FailedAttempts, LockState.Of(now.AddMinutes(15), now).Kind);
        Assert.Equal(LockKind.None, LockState.Of(now.AddMinutes(-1), now).Kind);
    }
}
