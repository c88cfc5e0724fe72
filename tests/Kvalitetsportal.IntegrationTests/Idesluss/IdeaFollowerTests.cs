using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.IntegrationTests.Workflows;
using Kvalitetsportal.Notifications.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Idesluss;

/// <summary>
/// Following an idea: its followers are told when it changes state and when someone comments, in
/// the portal and (if they chose it) by mail through the outbox to a real SMTP server; the one who
/// did it is not told, nor is a follower who may no longer see the idea, and nothing names the giver.
/// </summary>
public sealed partial class IdeaFollowerTests(IdeslussMailPortal portal) : IClassFixture<IdeslussMailPortal>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Followers_are_told_when_the_idea_moves_by_notice_and_by_mail_if_they_chose_it_but_not_the_one_who_moved_it()
    {
        var (mailer, mailerEmail) = await FollowerAsync("Maja Mejlsson", byMail: true);
        var (reader, readerEmail) = await FollowerAsync("Pelle Portalsson", byMail: false);
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var title = $"Cykelparkering vid stadshuset {Guid.NewGuid().ToString("N")[..6]}";
        var id = await IdeslussNoticeTests.SubmitAsync(anna, title);
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        foreach (var follower in new[] { mailer, reader, sara })
        {
            await FollowAsync(follower, id);
        }

        var moved = await WorkflowSteps.TakeAsync(sara, id, "borja-prova", type: IdeaTypes.Idea);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var expected = $"Idén \"{title}\" som du följer har gått vidare till steget \"Under prövning\".";
        foreach (var follower in new[] { mailer, reader })
        {
            var notices = Decode(await follower.GetStringAsync("/notiser"));
            var notice = Assert.Single(NoticeLink().Matches(notices), m => m.Groups[2].Value.Contains(title, StringComparison.Ordinal));
            Assert.Equal(IdeaUrls.Detail(id), notice.Groups[1].Value);
            Assert.Equal(expected, notice.Groups[2].Value);
            Assert.DoesNotContain(IdeslussPortal.GiverName, notices, StringComparison.Ordinal);
        }

        // The coordinator moved it: she follows it too, and is not told what she did herself.
        Assert.DoesNotContain("som du följer", Decode(await sara.GetStringAsync("/notiser")), StringComparison.Ordinal);

        // By mail only to the follower who chose it: through the outbox, to the real SMTP server.
        var mail = await portal.Smtp.WaitForAsync(m => m.Subject == expected, MailWait, "flytten till Maja");
        Assert.Equal(mailerEmail, TestSmtpServer.AddressOf(mail));
        Assert.Contains(WorkflowPortal.BaseUrl + IdeaUrls.Detail(id), mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(IdeslussPortal.GiverName, mail.TextBody, StringComparison.Ordinal);
        var addressed = await MailedToAsync(id);
        Assert.Contains(mailerEmail, addressed);
        Assert.DoesNotContain(readerEmail, addressed);
        Assert.DoesNotContain(IdeslussPortal.Coordinator, addressed);
    }

    [Fact]
    public async Task A_new_comment_tells_the_followers_but_not_its_writer()
    {
        var (mailer, mailerEmail) = await FollowerAsync("Mona Mejlgren", byMail: true);
        var (writer, writerEmail) = await FollowerAsync("Kurt Kommentar", byMail: true);
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var title = $"Återbruk av kontorsmöbler {Guid.NewGuid().ToString("N")[..6]}";
        var id = await IdeslussNoticeTests.SubmitAsync(anna, title);
        await FollowAsync(mailer, id);
        await FollowAsync(writer, id);

        var commented = await writer.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/kommentar", new() { ["text"] = "Vi har ett förråd fullt av stolar." });
        Assert.Equal(HttpStatusCode.Redirect, commented.StatusCode);

        var expected = $"Ny kommentar på idén \"{title}\" som du följer.";
        var notice = Assert.Single(NoticeLink().Matches(Decode(await mailer.GetStringAsync("/notiser"))), m => m.Groups[2].Value.Contains(title, StringComparison.Ordinal));
        Assert.Equal(expected, notice.Groups[2].Value);
        Assert.Equal(IdeaUrls.Detail(id), notice.Groups[1].Value);
        Assert.DoesNotContain(title, Decode(await writer.GetStringAsync("/notiser")), StringComparison.Ordinal);

        var mail = await portal.Smtp.WaitForAsync(m => m.Subject == expected, MailWait, "kommentaren till Mona");
        Assert.Equal(mailerEmail, TestSmtpServer.AddressOf(mail));
        Assert.Contains(WorkflowPortal.BaseUrl + IdeaUrls.Detail(id), mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(writerEmail, await MailedToAsync(id));
    }

    [Fact]
    public async Task A_follower_who_may_no_longer_see_the_idea_is_not_told()
    {
        // A manager may read ideas once they are out of screening, not while they are screened
        // ("Under prövning" is for the coordinator, quality leads and the giver).
        var karlId = await UsersArrange.UserIdAsync(portal, PortalFactory.ManagerEmail);
        var (reader, _) = await FollowerAsync("Petra Prövare", byMail: false);
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var title = $"Gemensam bilpool {Guid.NewGuid().ToString("N")[..6]}";
        var id = await IdeslussNoticeTests.SubmitAsync(anna, title);
        await FollowAsync(reader, id);
        await using (var scope = portal.CreateScope())
        {
            // As a follow moved over from a merged duplicate would be: no page check on the way in.
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Add(new IdeaReaction { ContentItemId = id, UserId = karlId, Kind = ReactionKind.Follow, CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await WorkflowSteps.TakeAsync(sara, id, "borja-prova", type: IdeaTypes.Idea)).StatusCode);

        Assert.Contains(title, Decode(await reader.GetStringAsync("/notiser")), StringComparison.Ordinal);
        var karl = await SignedInAsync(PortalFactory.ManagerEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.GetAsync(IdeaUrls.Detail(id))).StatusCode);
        Assert.DoesNotContain(title, Decode(await karl.GetStringAsync("/notiser")), StringComparison.Ordinal);
    }

    /// <summary>A quality lead (who may read ideas while they are screened), signed in, with notices by mail or not.</summary>
    private async Task<(PortalClient Client, string Email)> FollowerAsync(string name, bool byMail)
    {
        var email = $"foljare.{Guid.NewGuid().ToString("N")[..8]}@kvalitetsportal.local";
        await UsersArrange.CreateUserAsync(portal, email, name, "Kvalitetsledare");
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, UsersArrange.Password);
        if (byMail)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFieldsAsync("/notiser/installningar", "/notiser/installningar", [("Delivery", "epost")])).StatusCode);
        }

        return (client, email);
    }

    private static async Task FollowAsync(PortalClient client, string id) =>
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/folj", [])).StatusCode);

    /// <summary>Everyone the outbox holds a mail for about the idea (sent or not).</summary>
    private async Task<List<string>> MailedToAsync(string id) =>
        [.. (await WorkflowSteps.OutboxAsync(portal, id))
            .Where(m => m.Kind == OutboxMessage.MailKind)
            .Select(m => JsonSerializer.Deserialize<MailPayload>(m.Payload, OutboxWriter.Json)!.To)];

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, PortalFactory.SamplePassword);
        return client;
    }

    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("<a href=\"(/ideer/[0-9a-f]{32})\">([^<]*)</a>")]
    private static partial Regex NoticeLink();
}
