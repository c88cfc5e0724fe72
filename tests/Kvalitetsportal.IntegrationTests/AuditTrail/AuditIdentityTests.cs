using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.AuditTrail;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.IntegrationTests.Users;

namespace Kvalitetsportal.IntegrationTests.AuditTrail;

public sealed class AuditIdentityPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };
}

/// <summary>Finding 2: the audit log keeps the same identity and access rules as the idea's own page.</summary>
public sealed partial class AuditIdentityTests(AuditIdentityPortal portal) : IClassFixture<AuditIdentityPortal>
{
    [Fact]
    public async Task A_reader_with_only_the_audit_permission_sees_neither_the_pseudonymised_giver_nor_the_ideas_text()
    {
        var anna = PortalClient.Create(portal);
        await anna.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var html = await anna.GetStringAsync(IdeaUrls.Submit);
        var response = await anna.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(html).Groups[1].Value), "FormToken" },
            { new StringContent("Hemlig idé om schemaläggning"), "Title" },
            { new StringContent("Personalen på Solgården får sina scheman för sent."), "f.problem" },
            { new StringContent("Invånare"), "f.forWhom" },
            { new StringContent("Återuppringning."), "f.solution" },
            { new StringContent("Kortare väntan."), "f.benefit" },
            { new StringContent("Bemötande och service"), "f.area" },
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await UsersArrange.CreateRoleAsync(portal, "Logggranskare", AuditTrailPermissions.ViewAuditTrailName);
        await UsersArrange.CreateUserAsync(portal, "logg.granskare@kvalitetsportal.local", "Greta Granskare", "Logggranskare");
        var reader = PortalClient.Create(portal);
        await reader.SignInOrFailAsync("logg.granskare@kvalitetsportal.local", UsersArrange.Password);
        var log = WebUtility.HtmlDecode(await reader.GetStringAsync("/admin/granskningslogg"));

        Assert.Contains("Dold (pseudonymiserad)", log);
        Assert.DoesNotContain("Anna Andersson", log);
        Assert.DoesNotContain("Hemlig idé om schemaläggning", log);
        Assert.DoesNotContain("Solgården", log);
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();
}
