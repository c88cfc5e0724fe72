using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.PublicDuties.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.PublicDuties.AccessibilityStatement;

/// <summary>The statement's saved text (or the default until an administrator saves one) and the barrier reports.</summary>
public sealed class AccessibilityStatementStore(
    PortalDbContext db,
    IAuditTrail audit,
    INotifier notifier,
    IPermissionService permissions,
    RoleManager<PortalRole> roles,
    UserManager<PortalUser> users,
    TimeProvider clock)
{
    public const string SubjectType = "Tillgänglighetsredogörelse";

    /// <summary>
    /// DIGG's model for a statement (lagen om tillgänglighet till digital offentlig service, 2018:1937),
    /// with the portal's known state; the administrator completes it with the municipality's contacts.
    /// </summary>
    public const string DefaultText = """
        ## Tillgänglighet för Kvalitetsportalen
        Kommunen står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur Kvalitetsportalen uppfyller lagen om tillgänglighet till digital offentlig service, kända tillgänglighetsproblem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.

        ## Hur tillgänglig är webbplatsen?
        Vi är medvetna om att delar av webbplatsen kanske inte är helt tillgängliga. Webbplatsen är byggd för att följa WCAG 2.1 nivå AA och varje sida prövas automatiskt med verktyget axe.

        ## Vad kan du göra om du inte kan använda delar av webbplatsen?
        Om du behöver innehåll från Kvalitetsportalen i ett annat format kan du kontakta portalens administratör.

        ## Rapportera brister i webbplatsens tillgänglighet
        Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, använd formuläret nedan så att vi får veta att problemet finns.

        ## Tillsyn
        Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn av lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det: www.digg.se/tdosanmalan.

        ## Teknisk information om webbplatsens tillgänglighet
        Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.

        ## Innehåll som inte är tillgängligt
        - Bifogade filer som användare laddar upp (t.ex. PDF och Word) kan sakna rubriker och alternativtext.

        ## Hur vi testat webbplatsen
        Vi har gjort en självskattning och automatiska tester med axe av webbplatsen.
        """;

    public async Task<(string Text, DateTime? UpdatedUtc)> ReadAsync(CancellationToken cancellationToken)
    {
        var record = await db.Set<AccessibilityStatementRecord>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == AccessibilityStatementRecord.SingletonId, cancellationToken);
        return record is null ? (DefaultText, null) : (record.Text, record.UpdatedUtc);
    }

    public async Task SaveAsync(string text, string actorId, CancellationToken cancellationToken)
    {
        var record = await db.Set<AccessibilityStatementRecord>().SingleOrDefaultAsync(s => s.Id == AccessibilityStatementRecord.SingletonId, cancellationToken);
        var before = record?.Text ?? DefaultText;
        if (record is null)
        {
            record = new AccessibilityStatementRecord { Id = AccessibilityStatementRecord.SingletonId, Text = text, UpdatedBy = actorId };
            db.Add(record);
        }

        record.Text = text;
        record.UpdatedBy = actorId;
        record.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(new AuditEntry(AuditCategories.Content, AuditActions.Updated, SubjectType, "tillganglighet", "Tillgänglighetsredogörelse")
        {
            Changes = AuditValues.Changes(("text", "Text", before, text)),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ReportAsync(string description, string page, string contact, CancellationToken cancellationToken)
    {
        db.Add(new BarrierReport { Description = description, Page = page, Contact = contact, ReportedUtc = clock.GetUtcNow().UtcDateTime });

        // The report reaches whoever keeps the statement: a notice (and mail, if they chose it) in the same save.
        var recipients = await notifier.RecipientsAsync(await KeepersAsync(cancellationToken), cancellationToken);
        await notifier.NotifyAsync(
            [.. recipients.Select(r => new Notice(r, "Någon har rapporterat en brist i portalens tillgänglighet.", "/admin/tillganglighet", null))],
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Everyone who may edit the statement: administrators and roles granted the permission.</summary>
    private async Task<IReadOnlyCollection<string>> KeepersAsync(CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in await roles.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(cancellationToken))
        {
            if (role == WellKnownRoles.Administrator
                || (await permissions.GetGrantsAsync(role, cancellationToken)).Contains(PublicDutiesPermissions.EditAccessibilityStatementName))
            {
                ids.UnionWith((await users.GetUsersInRoleAsync(role)).Select(u => u.Id));
            }
        }

        return ids;
    }

    public async Task<IReadOnlyList<BarrierReport>> LatestReportsAsync(int count, CancellationToken cancellationToken) =>
        await db.Set<BarrierReport>().AsNoTracking().OrderByDescending(r => r.ReportedUtc).ThenByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
}

/// <summary>The statement's text as blocks: "## " starts a heading, "- " a list item, anything else a paragraph.</summary>
public sealed record StatementBlock(string Kind, IReadOnlyList<string> Lines)
{
    public static IReadOnlyList<StatementBlock> Parse(string text)
    {
        var blocks = new List<StatementBlock>();
        List<string>? list = null;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (list is null)
                {
                    list = [];
                    blocks.Add(new StatementBlock("list", list));
                }

                list.Add(line[2..].Trim());
                continue;
            }

            list = null;
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                blocks.Add(new StatementBlock("heading", [line[3..].Trim()]));
            }
            else if (line.Length > 0)
            {
                blocks.Add(new StatementBlock("paragraph", [line]));
            }
        }

        return blocks;
    }
}
