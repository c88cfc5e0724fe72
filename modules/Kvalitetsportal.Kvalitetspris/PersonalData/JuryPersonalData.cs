using Kvalitetsportal.Data;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Localization;
using Kvalitetsportal.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Kvalitetspris.PersonalData;

/// <summary>
/// The scores and comments a juror gave applications. They are the basis of the prize decision (a public
/// record), so erasure keeps them; they name the juror by id, which then shows the pseudonym.
/// </summary>
internal sealed class JuryPersonalData(PortalDbContext db) : IPersonalDataSource
{
    public int Order => 50;

    public async Task<PersonalDataSection> ExtractAsync(string userId, CancellationToken cancellationToken)
    {
        var scores = await db.Set<JuryScore>().AsNoTracking()
            .Where(s => s.JurorId == userId)
            .OrderBy(s => s.SubmittedUtc).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var records = scores.Select(s => new PersonalDataRecord("Bedömning",
        [
            new("Ansökan (id)", s.ApplicationId),
            new("Område", s.Area),
            new("Poäng", s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Kommentar", s.Comment),
            new("Lämnad", SwedishTime.FromUtc(s.SubmittedUtc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
        ])).ToList();
        return new PersonalDataSection("Kvalitetspriset: dina bedömningar som jurymedlem", "Underlag för beslutet om priset. Allmänna handlingar.", records);
    }

    public async Task<PersonalDataErasure> EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var count = await db.Set<JuryScore>().CountAsync(s => s.JurorId == userId, cancellationToken);
        return new PersonalDataErasure("Kvalitetspriset", [],
            [$"{count} bedömningar sparas: de är underlag för beslutet om priset (allmänna handlingar) och visas med pseudonymen."]);
    }
}
