using Kvalitetsportal.Data;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Notifications.PersonalData;

/// <summary>
/// The person's notices and their choice of mail. Notices only tell the person about an item (the item
/// keeps its own history), so erasure removes them and the preference.
/// </summary>
internal sealed class NoticePersonalData(PortalDbContext db) : IPersonalDataSource
{
    public int Order => 30;

    public async Task<PersonalDataSection> ExtractAsync(string userId, CancellationToken cancellationToken)
    {
        var notices = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderBy(n => n.CreatedUtc).ThenBy(n => n.Id)
            .ToListAsync(cancellationToken);
        var preference = await db.Set<NotificationPreference>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var records = new List<PersonalDataRecord>();
        if (preference is not null)
        {
            records.Add(new PersonalDataRecord("Val för aviseringar", [new("Även med e-post", preference.AlsoByMail ? "Ja" : "Nej")]));
        }

        records.AddRange(notices.Select(n => new PersonalDataRecord("Avisering",
        [
            new("Meddelande", n.Message),
            new("Skickad", Time(n.CreatedUtc)),
            new("Läst", n.ReadUtc is DateTime read ? Time(read) : "Nej"),
        ])));
        return new PersonalDataSection("Aviseringar", "För att berätta för dig när något händer i dina ärenden.", records);
    }

    public async Task<PersonalDataErasure> EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var notices = await db.Set<Notification>().Where(n => n.UserId == userId).ToListAsync(cancellationToken);
        db.RemoveRange(notices);
        db.RemoveRange(await db.Set<NotificationPreference>().Where(p => p.UserId == userId).ToListAsync(cancellationToken));
        return new PersonalDataErasure("Aviseringar", [$"Aviseringar borttagna ({notices.Count}) och valet av e-post"], []);
    }

    private static string Time(DateTime utc) =>
        SwedishTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
