using Kvalitetsportal.Data;
using Kvalitetsportal.Localization;
using Kvalitetsportal.PersonalData;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Workflows.PersonalData;

/// <summary>
/// Steps the person took in items' workflows, with their comments. The history is part of each item's
/// handling (a public record), so erasure keeps it; it names the account by id, which now shows the pseudonym.
/// </summary>
internal sealed class WorkflowPersonalData(PortalDbContext db) : IPersonalDataSource
{
    public int Order => 40;

    public async Task<PersonalDataSection> ExtractAsync(string userId, CancellationToken cancellationToken)
    {
        var steps = await db.Set<WorkflowHistoryEntry>().AsNoTracking()
            .Where(h => h.ActorId == userId)
            .OrderBy(h => h.OccurredUtc).ThenBy(h => h.Id)
            .ToListAsync(cancellationToken);
        var records = steps.Select(h => new PersonalDataRecord(h.TransitionLabel ?? h.ToState,
        [
            new("Ärende (id)", h.ContentItemId),
            new("Från", h.FromState ?? ""),
            new("Till", h.ToState),
            new("Tidpunkt", SwedishTime.FromUtc(h.OccurredUtc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            new("Din kommentar", h.Comment ?? ""),
        ])).ToList();
        return new PersonalDataSection("Steg i ärendens arbetsflöden", "Ärendens historik: vem som förde ärendet vidare, när och varför. Allmänna handlingar.", records);
    }

    public async Task<PersonalDataErasure> EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var count = await db.Set<WorkflowHistoryEntry>().CountAsync(h => h.ActorId == userId, cancellationToken);
        return new PersonalDataErasure("Arbetsflöden", [],
            [$"{count} steg i ärendens historik sparas med kommentarer: de är en del av ärendenas handläggning (allmänna handlingar) och visas med pseudonymen."]);
    }
}
