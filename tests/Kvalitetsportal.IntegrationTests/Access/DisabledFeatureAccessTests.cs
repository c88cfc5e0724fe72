using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Kvalitetspris;
using Kvalitetsportal.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Access;

public sealed class FeatureSwitchPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };
}

/// <summary>Finding 5: a disabled feature narrows access or leaves it as it was, never widens it.</summary>
public sealed partial class DisabledFeatureAccessTests(FeatureSwitchPortal portal) : IClassFixture<FeatureSwitchPortal>
{
    [Fact]
    public async Task Turning_Idesluss_and_Workflows_off_does_not_let_an_employee_list_ideas_in_screening()
    {
        var karl = PortalClient.Create(portal);
        await karl.SignInOrFailAsync(PortalFactory.ManagerEmail, PortalFactory.SamplePassword);
        var html = await karl.GetStringAsync(IdeaUrls.Submit);
        var response = await karl.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(html).Groups[1].Value), "FormToken" },
            { new StringContent("Karls idé under granskning"), "Title" },
            { new StringContent("Köerna är långa."), "f.problem" },
            { new StringContent("Invånare"), "f.forWhom" },
            { new StringContent("Återuppringning."), "f.solution" },
            { new StringContent("Kortare väntan."), "f.benefit" },
            { new StringContent("Bemötande och service"), "f.area" },
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var karlsIdea = response.Headers.Location!.ToString().Split('/')[2];

        var anna = PortalClient.Create(portal);
        await anna.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var before = await VisibleIdsAsync(anna);
        Assert.DoesNotContain(karlsIdea, before);

        await using (var scope = portal.CreateScope())
        {
            var features = scope.ServiceProvider.GetRequiredService<IFeatureManager>();
            foreach (var dependentFirst in new[] { IdeslussStartup.FeatureId, KvalitetsprisStartup.FeatureId, "InternKontroll", "Riskanalys", "Diarium", "Documents", "Workflows" })
            {
                var result = await features.DisableAsync(dependentFirst);
                Assert.True(result.Succeeded, result.Message);
            }

            Assert.False(await features.IsEnabledAsync("Workflows"));
        }

        var after = await VisibleIdsAsync(anna);
        Assert.DoesNotContain(karlsIdea, after);
        Assert.True(after.Count <= before.Count, $"{before.Count} before, {after.Count} after");
        Assert.NotEqual(HttpStatusCode.OK, (await anna.GetAsync($"/api/content/{IdeaTypes.Idea}/{karlsIdea}")).StatusCode);
    }

    private static async Task<List<string>> VisibleIdsAsync(PortalClient client)
    {
        var response = await client.GetAsync($"/api/content/{IdeaTypes.Idea}?storlek=200");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }

        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();
}
