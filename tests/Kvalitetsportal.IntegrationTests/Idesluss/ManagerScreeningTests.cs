using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.IntegrationTests.Workflows;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Idesluss;

/// <summary>
/// DOMAIN.md: a manager screens the ideas of their own unit. The shipped recipe's early states
/// let a Chef see (and start screening) the ideas of their unit and the units below it, and not
/// another unit's; the coordinator and quality leads still see every idea (ADR 22).
/// </summary>
public sealed partial class ManagerScreeningTests(IdeslussPortal portal) : IClassFixture<IdeslussPortal>
{
    [Fact]
    public async Task A_chef_sees_and_screens_early_ideas_of_their_unit_and_below_but_not_another_units()
    {
        var ost = await UnitAsync("FVO-HEM-O");
        var hr = await UnitAsync("KLF-HR");
        var forvaltningChef = await ChefAsync("FVO");
        var hrChef = await ChefAsync("KLF-HR");

        var anna = await WorkflowSteps.SignInAsync(portal, PortalFactory.EmployeeEmail);
        var own = await SubmitAsync(anna, $"Nyckelskåp i hemtjänsten {Guid.NewGuid():N}"[..40], ost);
        var other = await SubmitAsync(anna, $"Lönebesked digitalt {Guid.NewGuid():N}"[..40], hr);

        var karl = await WorkflowSteps.SignInAsync(portal, PortalFactory.ManagerEmail); // Chef of FVO-HEM-O
        await AssertSeesAsync(karl, own, other);
        await AssertSeesAsync(forvaltningChef, own, other); // the förvaltning's chef: the unit below
        await AssertSeesAsync(hrChef, other, own);

        // Karl screens the idea of his unit; he may not start screening another unit's.
        Assert.Equal(HttpStatusCode.Redirect, (await WorkflowSteps.TakeAsync(karl, own, "borja-prova", type: IdeaTypes.Idea)).StatusCode);
        Assert.Contains("Under prövning", await karl.GetStringAsync(IdeaUrls.Detail(own)));
        await AssertSeesAsync(karl, own, other); // still his to follow while it is screened

        // The coordinator and a quality lead keep seeing every idea.
        foreach (var email in new[] { IdeslussPortal.Coordinator, IdeslussPortal.Assessor })
        {
            var reader = await WorkflowSteps.SignInAsync(portal, email);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(IdeaUrls.Detail(own))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(IdeaUrls.Detail(other))).StatusCode);
        }
    }

    private static async Task AssertSeesAsync(PortalClient chef, string seen, string hidden)
    {
        Assert.Equal(HttpStatusCode.OK, (await chef.GetAsync(IdeaUrls.Detail(seen))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chef.GetAsync(IdeaUrls.Detail(hidden))).StatusCode);
        var list = await chef.GetStringAsync($"/innehall/{IdeaTypes.Idea}?storlek=100");
        Assert.Contains(seen, list, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, list, StringComparison.Ordinal);
        var api = await chef.GetStringAsync($"/api/content/{IdeaTypes.Idea}?storlek=100");
        Assert.Contains(seen, api, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, api, StringComparison.Ordinal);
    }

    private async Task<int> UnitAsync(string code) => await UsersArrange.UnitIdAsync(portal, code);

    private async Task<PortalClient> ChefAsync(string unitCode)
    {
        var email = $"chef.{Guid.NewGuid().ToString("N")[..6]}@kvalitetsportal.local";
        var id = await UsersArrange.CreateUserAsync(portal, email, "Chef " + unitCode, "Medarbetare", "Chef");
        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var unit = await db.Set<OrganisationUnit>().SingleAsync(u => u.Code == unitCode);
            (await db.Set<PortalUser>().SingleAsync(u => u.Id == id)).OrganisationUnitId = unit.Id;
            await db.SaveChangesAsync();
        }

        return await WorkflowSteps.SignInAsync(portal, email, UsersArrange.Password);
    }

    private static async Task<string> SubmitAsync(PortalClient client, string title, int unit)
    {
        var html = await client.GetStringAsync(IdeaUrls.Submit);
        var content = new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(html).Groups[1].Value), "FormToken" },
            { new StringContent(title), "Title" },
            { new StringContent(unit.ToString(System.Globalization.CultureInfo.InvariantCulture)), "UnitId" },
            { new StringContent("Nycklarna försvinner."), "f.problem" },
            { new StringContent("Kollegor"), "f.forWhom" },
            { new StringContent("Ett skåp med kod."), "f.solution" },
        };
        var response = await client.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString().Split('/')[2];
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();
}
