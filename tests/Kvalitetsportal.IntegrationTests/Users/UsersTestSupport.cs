using System.Net;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Users;

/// <summary>
/// The portal for account and administration tests: sign-in is not rate-limited (the tests sign in
/// often) and a session's roles and lock are re-checked on every request instead of every minute,
/// so a test sees at once what a user would see a minute later.
/// </summary>
public sealed class UsersPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
        ["Users:SessionCheckSeconds"] = "0",
    };
}

/// <summary>Arranges accounts and roles directly, and reads back what the portal stored.</summary>
internal static class UsersArrange
{
    public const string Password = "Prov-Lösenord-42";

    public static async Task<string> CreateUserAsync(PortalFactory portal, string email, string displayName, params string[] roles)
    {
        await using var scope = portal.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, Password));
        if (roles.Length > 0)
        {
            Check(await users.AddToRolesAsync(user, roles));
        }

        return user.Id;
    }

    public static async Task<string> CreateRoleAsync(PortalFactory portal, string name, params string[] permissions)
    {
        await using var scope = portal.CreateScope();
        var role = new PortalRole(name) { Description = "Skapad av ett test." };
        Check(await scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>().CreateAsync(role));
        await scope.ServiceProvider.GetRequiredService<IPermissionService>().SetGrantsAsync(name, permissions);
        return role.Id;
    }

    public static async Task<string> UserIdAsync(PortalFactory portal, string email)
    {
        await using var scope = portal.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        return user?.Id ?? throw new InvalidOperationException($"{email} finns inte");
    }

    public static async Task<string> RoleIdAsync(PortalFactory portal, string name)
    {
        await using var scope = portal.CreateScope();
        var role = await scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>().FindByNameAsync(name);
        return role?.Id ?? throw new InvalidOperationException($"rollen {name} finns inte");
    }

    public static async Task<(PortalUser User, IList<string> Roles)?> FindUserAsync(PortalFactory portal, string email)
    {
        await using var scope = portal.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is null ? null : (user, await users.GetRolesAsync(user));
    }

    public static async Task<int> UnitIdAsync(PortalFactory portal, string code)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OrganisationUnit>().Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

internal static class PortalClientExtensions
{
    /// <summary>Posts a form whose fields may repeat (checkbox groups), with the token from <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(this PortalClient client, string formPage, string action, IEnumerable<(string Name, string Value)> fields)
    {
        var token = await client.GetAntiforgeryTokenAsync(formPage);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.Http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values));
    }

    /// <summary>Follows a redirect the way a browser would and returns the page it lands on.</summary>
    public static async Task<string> FollowAsync(this PortalClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Whether the portal refused the signed-in user: 403, or a redirect to the 403 page.</summary>
    public static bool IsForbidden(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/fel/403", StringComparison.Ordinal));
}
