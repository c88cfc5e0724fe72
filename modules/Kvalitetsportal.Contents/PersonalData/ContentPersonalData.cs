using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Data;
using Kvalitetsportal.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Contents.PersonalData;

/// <summary>
/// Items a person owns, wrote, handles or is named in. The content of an item is shown only where the
/// person owns or wrote it: an item they only handle holds other people's data, which art. 15 does not
/// give them. Nothing is erased: items are public records (allmänna handlingar) kept under the archive law.
/// </summary>
internal sealed class ContentPersonalData(PortalDbContext db) : IPersonalDataSource
{
    public int Order => 10;

    public async Task<PersonalDataSection> ExtractAsync(string userId, CancellationToken cancellationToken)
    {
        var typeNames = await db.Set<ContentTypeRecord>().AsNoTracking()
            .ToDictionaryAsync(t => t.Name, t => t.DisplayName, StringComparer.Ordinal, cancellationToken);
        string TypeName(string type) => typeNames.TryGetValue(type, out var name) ? name : type;

        var items = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.Latest && (i.OwnerId == userId || i.AuthorId == userId || i.AssignedTo == userId))
            .OrderBy(i => i.CreatedUtc).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
        var versionsWritten = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.AuthorId == userId)
            .GroupBy(i => i.ContentItemId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, StringComparer.Ordinal, cancellationToken);

        var records = new List<PersonalDataRecord>();
        foreach (var item in items)
        {
            var own = item.OwnerId == userId || item.AuthorId == userId;
            var parts = new List<string>();
            if (item.OwnerId == userId)
            {
                parts.Add("ägare");
            }

            if (item.AuthorId == userId)
            {
                parts.Add("senast ändrad av dig");
            }

            if (item.AssignedTo == userId)
            {
                parts.Add("handläggare");
            }

            var values = new List<PersonalDataValue>
            {
                new("Typ", TypeName(item.ContentType)),
                new("Id", item.ContentItemId),
                new("Din roll", string.Join(", ", parts)),
                new("Skapad", ContentDates.DateAndTime(item.CreatedUtc)),
                new("Senast ändrad", ContentDates.DateAndTime(item.ModifiedUtc)),
                new("Status", item.WorkflowState ?? (item.Published ? "Publicerad" : "Utkast")),
                new("Versioner du skrivit", versionsWritten.GetValueOrDefault(item.ContentItemId).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (own)
            {
                values.Add(new("Innehåll", item.Data));
            }

            records.Add(new PersonalDataRecord(item.DisplayText, values));
        }

        var memberships = await db.Set<ContentMember>().AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.AddedUtc)
            .ToListAsync(cancellationToken);
        var memberItemIds = memberships.Select(m => m.ContentItemId).Distinct().ToList();
        var titles = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.Latest && memberItemIds.Contains(i.ContentItemId))
            .ToDictionaryAsync(i => i.ContentItemId, i => i.DisplayText, StringComparer.Ordinal, cancellationToken);
        foreach (var member in memberships)
        {
            // A person marked jäv must not reach the item, so the extract does not show its title either.
            var excluded = member.Role == ContentMemberRoles.Excluded;
            var title = excluded ? "Ärende där du har anmält jäv" : titles.GetValueOrDefault(member.ContentItemId, member.ContentItemId);
            records.Add(new PersonalDataRecord(title,
            [
                new("Typ", TypeName(member.ContentType)),
                new("Id", member.ContentItemId),
                new("Din roll", excluded ? "jäv" : member.Role),
                new("Tillagd", ContentDates.DateAndTime(member.AddedUtc)),
            ]));
        }

        return new PersonalDataSection("Ärenden och innehåll", Purpose, records);
    }

    public async Task<PersonalDataErasure> EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var count = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.Latest && (i.OwnerId == userId || i.AuthorId == userId || i.AssignedTo == userId))
            .CountAsync(cancellationToken);
        var memberships = await db.Set<ContentMember>().AsNoTracking().CountAsync(m => m.UserId == userId, cancellationToken);
        return new PersonalDataErasure("Ärenden och innehåll", [],
        [
            $"{count} ärenden och deras versioner, beslut och historik sparas: de är allmänna handlingar som arkivlagen kräver att kommunen bevarar. Personen visas med pseudonymen. Namn som någon har skrivit i ett ärendes text ändras inte.",
            $"{memberships} uppdrag i ärenden (t.ex. styrgrupp, jury, jäv) sparas som en del av ärendenas historik.",
        ]);
    }

    private const string Purpose = "Ärenden, idéer, ansökningar och uppdrag du har skapat, äger, handlägger eller är utsedd i. Allmänna handlingar som bevaras enligt arkivlagen.";
}
