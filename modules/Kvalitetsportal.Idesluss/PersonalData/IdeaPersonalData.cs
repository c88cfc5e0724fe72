using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Localization;
using Kvalitetsportal.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.PersonalData;

/// <summary>
/// Comments a person wrote on ideas, and ideas they support or follow. Following only sends the person
/// notices, so erasure removes it; comments and support are part of an idea's handling (support counts
/// when ideas are prioritised) and are kept as public records.
/// </summary>
internal sealed class IdeaPersonalData(PortalDbContext db) : IPersonalDataSource
{
    public int Order => 20;

    public async Task<PersonalDataSection> ExtractAsync(string userId, CancellationToken cancellationToken)
    {
        var comments = await db.Set<IdeaComment>().AsNoTracking()
            .Where(c => c.AuthorId == userId)
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var reactions = await db.Set<IdeaReaction>().AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderBy(r => r.CreatedUtc)
            .ToListAsync(cancellationToken);
        var records = comments.Select(c => new PersonalDataRecord("Kommentar",
            [
                new("Idé (id)", c.ContentItemId),
                new("Skriven", Time(c.CreatedUtc)),
                new("Text", c.Text),
            ]))
            .Concat(reactions.Select(r => new PersonalDataRecord(r.Kind == ReactionKind.Support ? "Stöd för en idé" : "Följer en idé",
            [
                new("Idé (id)", r.ContentItemId),
                new("Sedan", Time(r.CreatedUtc)),
            ])))
            .ToList();
        return new PersonalDataSection("Idésluss: kommentarer, stöd och följda idéer",
            "Kommentarer och stöd ingår i idéernas handläggning; att följa en idé ger dig aviseringar.", records);
    }

    public async Task<PersonalDataErasure> EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var follows = await db.Set<IdeaReaction>().Where(r => r.UserId == userId && r.Kind == ReactionKind.Follow).ToListAsync(cancellationToken);
        db.RemoveRange(follows);
        var supports = await db.Set<IdeaReaction>().CountAsync(r => r.UserId == userId && r.Kind == ReactionKind.Support, cancellationToken);
        var comments = await db.Set<IdeaComment>().CountAsync(c => c.AuthorId == userId, cancellationToken);
        return new PersonalDataErasure("Idésluss",
            [$"Följda idéer borttagna ({follows.Count})"],
            [
                $"{comments} kommentarer sparas som en del av idéernas handläggning (allmänna handlingar) och visas med pseudonymen.",
                $"{supports} stöd för idéer sparas: de räknas när idéer prioriteras.",
            ]);
    }

    private static string Time(DateTime utc) =>
        SwedishTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
