using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.IntegrationTests.Users;

namespace Kvalitetsportal.IntegrationTests.Idesluss;

/// <summary>The Idésluss portal (default recipe) with its mail going to an SMTP server in the test process.</summary>
public sealed class IdeslussMailPortal() : WorkflowPortal(TestSmtpServer.StartNew())
{
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

/// <summary>
/// Who is told what outside the workflow's own steps: the giver of a duplicate when the coordinator
/// merges it (a notice and a mail through the outbox), and an assessor when chosen (a notice, and
/// a mail too for one who asked for notices by mail).
/// </summary>
public sealed partial class IdeslussNoticeTests(IdeslussMailPortal portal) : IClassFixture<IdeslussMailPortal>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_giver_of_a_merged_duplicate_gets_a_notice_and_a_mail_that_lead_to_the_kept_idea()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var kept = await SubmitAsync(anna, "Gemensam kalender för vikarier");
        var karl = await SignedInAsync(PortalFactory.ManagerEmail);
        var duplicate = await SubmitAsync(karl, "Vikariekalender för hela förvaltningen");
        var before = Decode(await karl.GetStringAsync("/notiser"));
        Assert.DoesNotContain("slagits ihop", before);

        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var merged = await sara.PostFormAsync(IdeaUrls.Detail(duplicate), $"/ideer/{duplicate}/sla-ihop", new() { ["keep"] = kept[..8].ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);

        // In the portal: an unread notice that names both ideas and leads to the one that is kept.
        var notices = Decode(await karl.GetStringAsync("/notiser"));
        var notice = NoticeLink().Matches(notices).Select(m => (Url: m.Groups[1].Value, Text: m.Groups[2].Value)).Single(n => n.Text.Contains("slagits ihop", StringComparison.Ordinal));
        Assert.Equal(IdeaUrls.Detail(kept), notice.Url);
        Assert.Contains("\"Vikariekalender för hela förvaltningen\"", notice.Text, StringComparison.Ordinal);
        Assert.Contains("\"Gemensam kalender för vikarier\"", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Notiser (", notices, StringComparison.Ordinal);

        // By mail, through the outbox: to Karl alone, with links to both ideas.
        var mail = await portal.Smtp.WaitForAsync(m => m.Subject == "Din idé \"Vikariekalender för hela förvaltningen\" har slagits ihop med en annan idé", MailWait, "sammanslagningen till Karl");
        Assert.Equal(PortalFactory.ManagerEmail, TestSmtpServer.AddressOf(mail));
        Assert.Contains("Hej Karl Karlsson!", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(WorkflowPortal.BaseUrl + IdeaUrls.Detail(kept), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(WorkflowPortal.BaseUrl + IdeaUrls.Detail(duplicate), mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.Smtp.Messages, m => (m.Subject ?? "").Contains("har slagits ihop", StringComparison.Ordinal) && TestSmtpServer.AddressOf(m) != PortalFactory.ManagerEmail);

        // The giver of the kept idea is not told her idea was merged away.
        Assert.DoesNotContain("slagits ihop med en liknande idé", Decode(await anna.GetStringAsync("/notiser")));
    }

    [Fact]
    public async Task The_workflows_receipt_mail_links_to_the_idea_page()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Pollinatörsvänliga rabatter vid skolan");

        // The workflow's own mail (Liquid {{ item.url }}) leads to where an idea is read, not to the generic item page.
        var mail = await portal.Smtp.WaitForAsync(m => m.Subject == "Tack för din idé \"Pollinatörsvänliga rabatter vid skolan\"", MailWait, "kvittot till Anna");
        Assert.Equal(PortalFactory.EmployeeEmail, TestSmtpServer.AddressOf(mail));
        Assert.Contains(WorkflowPortal.BaseUrl + IdeaUrls.Detail(id), mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/innehall/", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_assessor_gets_a_notice_once_without_the_givers_name()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Skyltning till vårdcentralen");
        var lars = await SignedInAsync(IdeslussPortal.Assessor);
        Assert.DoesNotContain("Skyltning till vårdcentralen", Decode(await lars.GetStringAsync("/notiser")));

        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var larsId = await UserIdAsync(IdeslussPortal.Assessor);
        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/bedomare", new() { ["assessorId"] = larsId })).StatusCode);

        var notices = Decode(await lars.GetStringAsync("/notiser"));
        var mine = NoticeLink().Matches(notices).Select(m => (Url: m.Groups[1].Value, Text: m.Groups[2].Value)).Where(n => n.Text.Contains("Skyltning till vårdcentralen", StringComparison.Ordinal)).ToList();
        var notice = Assert.Single(mine);
        Assert.Equal("Du har fått en idé att bedöma: \"Skyltning till vårdcentralen\"", notice.Text);
        Assert.Equal(IdeaUrls.Detail(id), notice.Url);
        Assert.DoesNotContain(IdeslussPortal.GiverName, notices, StringComparison.Ordinal);

        // Choosing the same assessor again tells nobody twice.
        await sara.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/bedomare", new() { ["assessorId"] = larsId });
        Assert.Single(NoticeLink().Matches(Decode(await lars.GetStringAsync("/notiser"))), m => m.Groups[2].Value.Contains("Skyltning till vårdcentralen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_assessor_who_wants_notices_by_mail_is_mailed_when_chosen()
    {
        var email = $"expert.{Guid.NewGuid().ToString("N")[..6]}@kvalitetsportal.local";
        await UsersArrange.CreateUserAsync(portal, email, "Erik Expert", "Kvalitetsledare");
        var erik = PortalClient.Create(portal);
        await erik.SignInOrFailAsync(email, UsersArrange.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await erik.PostFieldsAsync("/notiser/installningar", "/notiser/installningar", [("Delivery", "epost")])).StatusCode);

        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Matsedel i appen");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/bedomare", new() { ["assessorEmail"] = email })).StatusCode);

        var mail = await portal.Smtp.WaitForAsync(m => m.Subject == "Du har fått en idé att bedöma: \"Matsedel i appen\"", MailWait, "tilldelningen till experten");
        Assert.Equal(email, TestSmtpServer.AddressOf(mail));
        Assert.Contains(WorkflowPortal.BaseUrl + IdeaUrls.Detail(id), mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(IdeslussPortal.GiverName, mail.TextBody, StringComparison.Ordinal);
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, PortalFactory.SamplePassword);
        return client;
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = portal.CreateScope();
        var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Kvalitetsportal.Users.Data.PortalUser>>(scope.ServiceProvider);
        return (await users.FindByEmailAsync(email))!.Id;
    }

    internal static async Task<string> SubmitAsync(PortalClient client, string title)
    {
        var html = await client.GetStringAsync(IdeaUrls.Submit);
        var content = new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(html).Groups[1].Value), "FormToken" },
            { new StringContent(title), "Title" },
            { new StringContent("Det saknas ett enkelt sätt i dag."), "f.problem" },
            { new StringContent("Kollegor och invånare"), "f.forWhom" },
            { new StringContent("Gör det enkelt."), "f.solution" },
        };
        var response = await client.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString().Split('/')[2];
    }

    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<a href=\"(/ideer/[0-9a-f]{32})\">([^<]*)</a>")]
    private static partial Regex NoticeLink();
}
