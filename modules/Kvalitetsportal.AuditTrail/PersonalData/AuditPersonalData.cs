using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail.AuditLog;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Data;
using Kvalitetsportal.Localization;
using Kvalitetsportal.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.AuditTrail.PersonalData;

/// <summary>
/// Audit events the person did and events about their account. An event about an item shows only
/// what happened and when, not the item's title or field values: those may be other people's data
/// (the audit log's own readers see them under the item's access rules). Nothing is erased: the log
/// is kept for its retention time so that decisions can be checked afterwards.
/// </summary>
internal sealed class AuditPersonalData(PortalDbContext db) : IPersonalDataSource
{
    public int Order => 90;

    public async Task<PersonalDataSection> ExtractAsync(string userId, CancellationToken cancellationToken)
    {
        var events = await Events(userId).AsNoTracking()
            .OrderBy(e => e.OccurredUtc).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var records = events.Select(e =>
        {
            var aboutAccount = e.SubjectType == AuditSubjectTypes.User && e.SubjectId == userId;
            return new PersonalDataRecord(
                $"{e.Category}: {AuditLogPage.ActionText(e.Action)}",
                [
                    new("Tidpunkt", SwedishTime.FromUtc(e.OccurredUtc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
                    new("Gällde", aboutAccount ? "Ditt konto" : $"{e.SubjectType} {e.SubjectId}"),
                    new("Utförd av", e.ActorId == userId ? "Du" : e.ActorId is null ? "Systemet" : "En annan användare"),
                ]);
        }).ToList();
        return new PersonalDataSection("Granskningslogg", "Vem som gjort vad och när, så att ändringar och beslut kan granskas i efterhand (rättslig förpliktelse, allmänt intresse).", records);
    }

    public async Task<PersonalDataErasure> EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var count = await Events(userId).CountAsync(cancellationToken);
        return new PersonalDataErasure("Granskningslogg", [],
        [
            $"{count} händelser sparas under loggens bevarandetid så att ändringar och beslut kan granskas; de hänvisar till kontots id och visar nu pseudonymen.",
        ]);
    }

    private IQueryable<AuditEvent> Events(string userId) =>
        db.Set<AuditEvent>().Where(e => e.ActorId == userId || (e.SubjectType == AuditSubjectTypes.User && e.SubjectId == userId));
}
