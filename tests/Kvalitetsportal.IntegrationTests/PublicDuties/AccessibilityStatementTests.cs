using System.Net;
using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.PublicDuties;

/// <summary>The accessibility statement the DOS law requires (issue 20): open to all, linked from every footer, edited by an administrator.</summary>
public sealed class AccessibilityStatementTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    [Fact]
    public async Task Anyone_reads_the_statement_and_every_page_links_to_it()
    {
        var anonymous = PortalClient.Create(portal);
        var statement = await anonymous.GetAsync("/tillganglighet");
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        var html = await statement.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Tillgänglighetsredogörelse</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Rapportera en brist", html, StringComparison.Ordinal);

        Assert.Contains("href=\"/tillganglighet\"", await anonymous.GetStringAsync("/konto/logga-in"), StringComparison.Ordinal);
        var employee = PortalClient.Create(portal);
        await employee.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var start = await employee.GetStringAsync("/");
        Assert.Contains("href=\"/tillganglighet\"", start, StringComparison.Ordinal);
        Assert.Contains("href=\"/konto/registerutdrag\"", start, StringComparison.Ordinal);
        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Contains("href=\"/tillganglighet\"", await admin.GetStringAsync("/admin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_edits_the_statement_and_an_employee_may_not()
    {
        var employee = PortalClient.Create(portal);
        await employee.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        Assert.NotEqual(HttpStatusCode.OK, (await employee.GetAsync("/admin/tillganglighet")).StatusCode);

        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var empty = await admin.PostFormAsync("/admin/tillganglighet", "/admin/tillganglighet", new() { ["Text"] = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Skriv redogörelsens text", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var text = "## Om redogörelsen " + Guid.NewGuid().ToString("N")[..6] + "\nKommunens kontaktcenter svarar på 010-123 45 67.\n- Gamla PDF-filer saknar taggar.";
        var saved = await admin.PostFormAsync("/admin/tillganglighet", "/admin/tillganglighet", new() { ["Text"] = text });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var html = await PortalClient.Create(portal).GetStringAsync("/tillganglighet");
        Assert.Contains("<h2>" + text.Split('\n')[0][3..] + "</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Gamla PDF-filer saknar taggar.</li>", html, StringComparison.Ordinal);

        await using var scope = portal.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<AuditEvent>()
            .AnyAsync(e => e.SubjectType == "Tillgänglighetsredogörelse" && e.Action == AuditActions.Updated));
    }

    [Fact]
    public async Task A_reported_barrier_reaches_the_administrators_and_a_missing_description_keeps_what_was_typed()
    {
        var anonymous = PortalClient.Create(portal);
        var missing = await anonymous.PostFormAsync("/tillganglighet", "/tillganglighet/rapportera", new() { ["Description"] = "", ["Contact"] = "svar@example.se" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var missingHtml = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Beskriv vad som inte fungerade.", missingHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"svar@example.se\"", missingHtml, StringComparison.Ordinal);

        var adminId = await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail);
        var noticesBefore = await AdminNoticesAsync(adminId);
        var description = "Knappen Skicka går inte att nå med tangentbordet " + Guid.NewGuid().ToString("N")[..6];
        var sent = await anonymous.PostFormAsync("/tillganglighet", "/tillganglighet/rapportera", new() { ["Description"] = description, ["Page"] = "/ideer/ny" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(noticesBefore + 1, await AdminNoticesAsync(adminId));

        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Contains(description, await admin.GetStringAsync("/admin/tillganglighet"), StringComparison.Ordinal);
    }

    private async Task<int> AdminNoticesAsync(string adminId)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Kvalitetsportal.Notifications.Notices.Notification>()
            .CountAsync(n => n.UserId == adminId && n.Message.Contains("brist i portalens tillgänglighet"));
    }
}

/// <summary>The portal with a low limit on barrier reports, to see the limit without sending ten.</summary>
public sealed class BarrierLimitPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["PublicDuties:BarrierReportsPerHour"] = "2",
    };
}

public sealed class BarrierReportLimitTests(BarrierLimitPortal portal) : IClassFixture<BarrierLimitPortal>
{
    [Fact]
    public async Task One_address_cannot_flood_the_barrier_form()
    {
        var anonymous = PortalClient.Create(portal);
        for (var i = 0; i < 2; i++)
        {
            var sent = await anonymous.PostFormAsync("/tillganglighet", "/tillganglighet/rapportera", new() { ["Description"] = "Rapport " + i });
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var refused = await anonymous.PostFormAsync("/tillganglighet", "/tillganglighet/rapportera", new() { ["Description"] = "En rapport för mycket" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        await using var scope = portal.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Kvalitetsportal.PublicDuties.Data.BarrierReport>()
            .AnyAsync(r => r.Description == "En rapport för mycket"));
    }
}
