using System.Net;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Access;

/// <summary>
/// The authorisation matrix of issue 20, generated from the endpoints' own metadata × every role: every
/// endpoint states a rule (a permission, signed-in, or deliberately anonymous), so a new endpoint without
/// one fails here; and every page a role lacks the permission for is refused to that role, and every
/// signed-in page to an anonymous caller.
/// </summary>
public sealed class AuthorisationMatrixTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    private sealed record Rule(string Route, string Methods, bool Anonymous, IReadOnlyList<string> Permissions, bool HasParameters);

    [Fact]
    public void Every_endpoint_states_who_may_call_it()
    {
        var missing = Rules().Where(r => !r.Anonymous && r.Permissions.Count == 0 && !HasAuthorize(r.Route, r.Methods)).ToList();
        Assert.True(missing.Count == 0,
            "Endpoints without an authorisation rule ([Authorize], [RequirePermission] or a deliberate [AllowAnonymous]):\n"
            + string.Join("\n", missing.Select(r => $"{r.Methods} {r.Route}")));
    }

    [Fact]
    public async Task Every_role_is_refused_the_pages_it_lacks_the_permission_for_and_anonymous_callers_every_signed_in_page()
    {
        var pages = Rules().Where(r => !r.HasParameters && r.Methods.Contains("GET", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);
        var failures = new List<string>();
        var refusalsChecked = 0;

        var anonymous = PortalClient.Create(portal);
        foreach (var page in pages.Where(p => !p.Anonymous))
        {
            var response = await anonymous.GetAsync(page.Route);
            refusalsChecked++;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                failures.Add($"anonym fick {page.Route}");
            }
        }

        List<string> roles;
        await using (var scope = portal.CreateScope())
        {
            roles = await scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>().Roles.Select(r => r.Name!).ToListAsync();
        }

        foreach (var role in roles.Where(r => r != WellKnownRoles.Administrator))
        {
            var email = $"matris.{Guid.NewGuid():N}@kvalitetsportal.local";
            await UsersArrange.CreateUserAsync(portal, email, "Matris " + role, role);
            IReadOnlySet<string> grants;
            await using (var scope = portal.CreateScope())
            {
                grants = await scope.ServiceProvider.GetRequiredService<IPermissionService>().GetGrantsAsync(role);
            }

            var client = PortalClient.Create(portal);
            await client.SignInOrFailAsync(email, UsersArrange.Password);
            foreach (var page in pages.Where(p => p.Permissions.Count > 0 && !p.Permissions.All(grants.Contains)))
            {
                var response = await client.GetAsync(page.Route);
                refusalsChecked++;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    failures.Add($"{role} saknar {string.Join(", ", page.Permissions)} men fick {page.Route}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The matrix is only worth something if it asked: every role lacks some admin page, and every page but sign-in needs a session.
        Assert.True(refusalsChecked > pages.Count + roles.Count, $"Only {refusalsChecked} refusals were checked.");
    }

    private IEnumerable<Rule> Rules()
    {
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = string.Join(",", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var permissions = endpoint.Metadata.GetOrderedMetadata<RequirePermissionAttribute>().Select(p => p.PermissionName).Distinct().ToList();
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            _authorized[(route, methods)] = authorize;
            yield return new Rule(route, methods, anonymous, permissions, endpoint.RoutePattern.Parameters.Count > 0);
        }
    }

    private readonly Dictionary<(string, string), bool> _authorized = [];

    private bool HasAuthorize(string route, string methods) => _authorized.GetValueOrDefault((route, methods));
}
