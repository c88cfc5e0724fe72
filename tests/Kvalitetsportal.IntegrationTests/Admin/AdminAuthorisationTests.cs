using System.Net;
using Kvalitetsportal.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Admin;

/// <summary>Every admin page, found from the route table so a new one cannot be forgotten, requires its permission.</summary>
public sealed class AdminAuthorisationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private IReadOnlyList<string> AdminGetPages()
    {
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return [.. endpoints
            .Where(e => e.Metadata.GetMetadata<AdminAttribute>() is not null)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l ? l.Content : "1")))))
            .Distinct()];
    }

    [Fact]
    public void There_are_admin_pages_to_check()
    {
        Assert.Contains("/admin", AdminGetPages());
        Assert.Contains("/admin/funktioner", AdminGetPages());
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_admin_page()
    {
        var client = PortalClient.Create(portal);
        foreach (var page in AdminGetPages())
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} svarade {(int)response.StatusCode}");
            Assert.StartsWith("/konto/logga-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Employees_get_403_on_every_admin_page()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        foreach (var page in AdminGetPages())
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{page} svarade {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/fel/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Administrator_opens_every_admin_page()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        foreach (var page in AdminGetPages())
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{page} svarade {(int)response.StatusCode}");
        }
    }
}
