using Kvalitetsportal.Audit;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.Pick;

/// <summary>
/// The coordinator's final PICK placement of an idea that one or more assessors placed: what PICK
/// and the board show from then on, recorded in the audit log with its motivation. Callers check permissions.
/// </summary>
public sealed class FinalPlacements(PortalDbContext db, IAuditTrail audit, IdeaFiguresCache figures, TimeProvider clock)
{
    public async Task SetAsync(ContentItem idea, PickQuadrant quadrant, string? motivation, string actorId, CancellationToken cancellationToken)
    {
        var record = await db.Set<IdeaRecord>().FirstOrDefaultAsync(r => r.ContentItemId == idea.ContentItemId, cancellationToken);
        if (record is null)
        {
            record = new IdeaRecord { ContentItemId = idea.ContentItemId };
            db.Add(record);
        }

        var before = record.FinalPick is { } old ? IdeaTypes.PickName(old) : null;
        var text = string.IsNullOrWhiteSpace(motivation) ? null : motivation.Trim();
        record.FinalPick = quadrant;
        record.FinalPickMotivation = text;
        record.FinalPickBy = actorId;
        record.FinalPickUtc = clock.GetUtcNow().UtcDateTime;
        record.Pick = quadrant;
        audit.Record(new AuditEntry(AuditCategories.Content, AuditActions.Updated, "Idé", idea.ContentItemId, idea.DisplayText)
        {
            ActorId = actorId,
            Changes =
            [
                new AuditChange("finalPick", "Slutplacering i PICK", before, IdeaTypes.PickName(quadrant)),
                new AuditChange("finalPickMotivation", "Motivering till slutplaceringen", null, text),
            ],
        });
        await db.SaveChangesAsync(cancellationToken);
        await figures.InvalidateAsync(cancellationToken);
    }
}
