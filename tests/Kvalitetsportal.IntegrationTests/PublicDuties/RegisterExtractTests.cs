using System.Net;
using System.Text.Json.Nodes;
using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.PublicDuties;

/// <summary>
/// A person's register extract and erasure on request (issue 20, GDPR): each person reaches only their
/// own extract, an administrator reaches anyone's, and erasure pseudonymises while keeping public records.
/// </summary>
public sealed class RegisterExtractTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    [Fact]
    public async Task A_person_downloads_their_own_extract_and_cannot_reach_anothers()
    {
        var alva = await ArrangePersonAsync("alva");
        var bo = await ArrangePersonAsync("bo");

        var boClient = PortalClient.Create(portal);
        await boClient.SignInOrFailAsync(bo.Email, UsersArrange.Password);
        var boFile = await boClient.GetAsync("/konto/registerutdrag/fil");
        Assert.Equal(HttpStatusCode.OK, boFile.StatusCode);
        Assert.Equal("application/json", boFile.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", boFile.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var boText = await boFile.Content.ReadAsStringAsync();
        Assert.Contains(bo.Title, boText, StringComparison.Ordinal);
        Assert.Contains(bo.Comment, boText, StringComparison.Ordinal);
        Assert.Contains(bo.Email, boText, StringComparison.Ordinal);
        Assert.Contains("Avisering till bo-", boText, StringComparison.Ordinal);
        Assert.Contains("Steg av bo-", boText, StringComparison.Ordinal);
        Assert.DoesNotContain("alva-", boText, StringComparison.Ordinal);
        Assert.DoesNotContain(alva.Title, boText, StringComparison.Ordinal);
        Assert.DoesNotContain(alva.Comment, boText, StringComparison.Ordinal);
        Assert.DoesNotContain(alva.Email, boText, StringComparison.Ordinal);

        // No id in the URL is honoured: the extract is always the signed-in person's.
        var page = await boClient.GetStringAsync("/konto/registerutdrag?userId=" + alva.Id + "&id=" + alva.Id);
        Assert.Contains(bo.Title, page, StringComparison.Ordinal);
        Assert.DoesNotContain(alva.Title, page, StringComparison.Ordinal);

        // The administrator's pages are closed to a person without the permission.
        foreach (var url in new[] { "/admin/personuppgifter/" + alva.Id, "/admin/personuppgifter/" + alva.Id + "/fil", "/admin/personuppgifter?q=alva" })
        {
            var response = await boClient.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(alva.Title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var erase = await boClient.Http.PostAsync(new Uri("/admin/personuppgifter/" + alva.Id + "/radera", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["RequestReference"] = "x", ["Confirm"] = "true" }));
        Assert.NotEqual(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal(alva.DisplayName, await DisplayNameAsync(alva.Id));

        var anonymous = PortalClient.Create(portal);
        var anonymousFile = await anonymous.GetAsync("/konto/registerutdrag/fil");
        Assert.Equal(HttpStatusCode.Redirect, anonymousFile.StatusCode);
        Assert.StartsWith("/konto/logga-in", anonymousFile.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_produces_a_persons_extract_and_the_audit_log_says_who_asked()
    {
        var cilla = await ArrangePersonAsync("cilla");
        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var found = await admin.GetStringAsync("/admin/personuppgifter?q=" + Uri.EscapeDataString(cilla.Email));
        Assert.Contains("/admin/personuppgifter/" + cilla.Id, found, StringComparison.Ordinal);

        var page = await admin.GetStringAsync("/admin/personuppgifter/" + cilla.Id);
        Assert.Contains(cilla.Title, page, StringComparison.Ordinal);
        Assert.Contains(cilla.Comment, page, StringComparison.Ordinal);
        var file = await admin.GetStringAsync("/admin/personuppgifter/" + cilla.Id + "/fil");
        Assert.Contains(cilla.Title, file, StringComparison.Ordinal);

        var adminId = await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail);
        await using var scope = portal.CreateScope();
        var events = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<AuditEvent>()
            .Where(e => e.SubjectId == cilla.Id && e.Action == AuditActions.PersonalDataExtracted).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(adminId, e.ActorId));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/personuppgifter/finns-inte")).StatusCode);
    }

    [Fact]
    public async Task Erasure_pseudonymises_the_person_ends_their_sessions_and_keeps_public_records()
    {
        var dan = await ArrangePersonAsync("dan");
        var danClient = PortalClient.Create(portal);
        await danClient.SignInOrFailAsync(dan.Email, UsersArrange.Password);
        Assert.Equal(HttpStatusCode.OK, (await danClient.GetAsync("/konto/registerutdrag")).StatusCode);

        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var personPage = "/admin/personuppgifter/" + dan.Id;

        // Not confirmed: refused with a Swedish error, what was typed kept, nothing erased.
        var unconfirmed = await admin.PostFormAsync(personPage, personPage + "/radera", new() { ["RequestReference"] = "KS 2026/123" });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        var unconfirmedHtml = await unconfirmed.Content.ReadAsStringAsync();
        Assert.Contains("Kryssa i att du har läst", unconfirmedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"KS 2026/123\"", unconfirmedHtml, StringComparison.Ordinal);
        Assert.Equal(dan.DisplayName, await DisplayNameAsync(dan.Id));

        var erased = await admin.PostFormAsync(personPage, personPage + "/radera", new() { ["RequestReference"] = "KS 2026/123", ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var erasedHtml = await erased.Content.ReadAsStringAsync();
        Assert.Contains("Borttagen person", erasedHtml, StringComparison.Ordinal);
        Assert.Contains("allmänna handlingar", erasedHtml, StringComparison.Ordinal);

        // The person's session ended and the old address no longer signs in.
        var after = await danClient.GetAsync("/konto/registerutdrag");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PortalClient.Create(portal).SignInAsync(dan.Email, UsersArrange.Password)).StatusCode);

        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Set<PortalUser>().AsNoTracking().SingleAsync(u => u.Id == dan.Id);
        Assert.StartsWith("Borttagen person", user.DisplayName, StringComparison.Ordinal);
        Assert.DoesNotContain("dan", user.Email!, StringComparison.Ordinal);
        Assert.Null(user.PasswordHash);

        // Kept: the item (a public record), the comment, the support. Erased: following.
        var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().GetLatestAsync(dan.ItemId);
        Assert.NotNull(item);
        Assert.Equal(dan.Id, item.OwnerId);
        Assert.True(await db.Set<IdeaComment>().AnyAsync(c => c.AuthorId == dan.Id));
        Assert.True(await db.Set<IdeaReaction>().AnyAsync(r => r.UserId == dan.Id && r.Kind == ReactionKind.Support));
        Assert.False(await db.Set<IdeaReaction>().AnyAsync(r => r.UserId == dan.Id && r.Kind == ReactionKind.Follow));
        Assert.False(await db.Set<Notification>().AnyAsync(n => n.UserId == dan.Id));
        Assert.True(await db.Set<WorkflowHistoryEntry>().AnyAsync(h => h.ActorId == dan.Id));

        var adminId = await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail);
        var erasure = await db.Set<AuditEvent>().AsNoTracking().SingleAsync(e => e.SubjectId == dan.Id && e.Action == AuditActions.PersonalDataErased);
        Assert.Equal(adminId, erasure.ActorId);
        Assert.Contains("KS 2026/123", erasure.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain(dan.DisplayName, erasure.SubjectTitle + erasure.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_cannot_erase_their_own_account()
    {
        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var adminId = await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail);
        var personPage = "/admin/personuppgifter/" + adminId;
        var response = await admin.PostFormAsync(personPage, personPage + "/radera", new() { ["RequestReference"] = "Test", ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Du kan inte radera ditt eget konto", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/personuppgifter")).StatusCode);
    }

    private sealed record Person(string Id, string Email, string DisplayName, string Title, string Comment, string ItemId);

    /// <summary>A person with an idea they own, a comment, a support and a follow; every text unique to the person.</summary>
    private async Task<Person> ArrangePersonAsync(string name)
    {
        var tag = name + "-" + Guid.NewGuid().ToString("N")[..8];
        var email = $"{tag}@kvalitetsportal.local";
        var displayName = $"Person {tag}";
        var id = await UsersArrange.CreateUserAsync(portal, email, displayName, "Medarbetare");
        var title = $"Idé från {tag}";
        var comment = $"Kommentar av {tag}";
        await using var scope = portal.CreateScope();
        var services = scope.ServiceProvider;
        var type = (await services.GetRequiredService<IContentDefinitionStore>().GetAsync("Ide"))!;
        var item = await services.GetRequiredService<IContentManager>().CreateAsync(type, new ContentChange(title, null, new JsonObject { ["beskrivning"] = "Beskrivning av " + tag }), id, publish: true);
        var db = services.GetRequiredService<PortalDbContext>();
        db.Add(new IdeaComment { ContentItemId = item.ContentItemId, AuthorId = id, Text = comment, CreatedUtc = DateTime.UtcNow });
        db.Add(new IdeaReaction { ContentItemId = item.ContentItemId, UserId = id, Kind = ReactionKind.Support, CreatedUtc = DateTime.UtcNow });
        db.Add(new IdeaReaction { ContentItemId = item.ContentItemId, UserId = id, Kind = ReactionKind.Follow, CreatedUtc = DateTime.UtcNow });
        db.Add(new Notification { UserId = id, Message = $"Avisering till {tag}", ContentItemId = item.ContentItemId, CreatedUtc = DateTime.UtcNow });
        db.Add(new WorkflowHistoryEntry { ContentItemId = item.ContentItemId, ToState = "Inskickad", ActorId = id, Comment = $"Steg av {tag}", OccurredUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return new Person(id, email, displayName, title, comment, item.ContentItemId);
    }

    private async Task<string> DisplayNameAsync(string userId)
    {
        await using var scope = portal.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!.DisplayName;
    }
}
