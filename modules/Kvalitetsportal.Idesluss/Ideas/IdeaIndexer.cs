using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>
/// Keeps <see cref="IdeaRecord"/> in step with ideas and their assessments. Runs inside the
/// content save, so the projection commits with the item or not at all.
/// </summary>
public sealed class IdeaIndexer(PortalDbContext db) : IContentHandler
{
    public Task CreatedAsync(ContentContext context, CancellationToken cancellationToken) => IndexAsync(context, cancellationToken);

    public Task UpdatedAsync(ContentContext context, CancellationToken cancellationToken) => IndexAsync(context, cancellationToken);

    private async Task IndexAsync(ContentContext context, CancellationToken cancellationToken)
    {
        var data = context.Item.GetData();
        if (context.Type.Name == IdeaTypes.Idea)
        {
            var record = await FindAsync(context.Item.ContentItemId, cancellationToken);
            if (record is null)
            {
                record = new IdeaRecord { ContentItemId = context.Item.ContentItemId };
                db.Add(record);
            }

            record.Area = IdeaTypes.Text(data[IdeaTypes.Area]);
            record.CampaignId = IdeaTypes.Text(data[IdeaTypes.CampaignField]);
            record.NamePublic = IdeaTypes.IsYes(data[IdeaTypes.NamePublic]);
            record.GoodExample = IdeaTypes.IsYes(data[IdeaTypes.GoodExample]);
        }
        else if (context.Type.Name == IdeaTypes.Assessment && IdeaTypes.Text(data[IdeaTypes.AssessedIdea]) is { } ideaId)
        {
            var assessment = await FindAssessmentAsync(context.Item.ContentItemId, cancellationToken);
            if (assessment is null)
            {
                assessment = new IdeaAssessmentRecord { AssessmentId = context.Item.ContentItemId, IdeaId = ideaId, AssessorId = context.Item.OwnerId };
                db.Add(assessment);
            }

            assessment.Pick = IdeaTypes.Pick(context.Type, data);
            assessment.ModifiedUtc = context.Item.ModifiedUtc;
            if (await FindAsync(ideaId, cancellationToken) is { } record)
            {
                var others = await db.Set<IdeaAssessmentRecord>().AsNoTracking()
                    .Where(a => a.IdeaId == ideaId && a.AssessmentId != assessment.AssessmentId && a.Pick != null)
                    .Select(a => a.Pick).ToListAsync(cancellationToken);
                List<PickQuadrant?> placed = assessment.Pick is { } own ? [.. others, own] : others;
                record.Assessments = placed.Count;
                record.Pick = Placement(record.FinalPick, placed);
            }
        }
    }

    /// <summary>
    /// Where PICK shows an idea: the coordinator's final placement; without one, the only
    /// assessment's placement; with several assessments and no final placement, nowhere yet.
    /// </summary>
    public static PickQuadrant? Placement(PickQuadrant? final, IReadOnlyList<PickQuadrant?> assessments) =>
        final ?? (assessments.Count == 1 ? assessments[0] : null);

    private async Task<IdeaAssessmentRecord?> FindAssessmentAsync(string id, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<IdeaAssessmentRecord>().FirstOrDefault(e => e.Entity.AssessmentId == id)?.Entity
        ?? await db.Set<IdeaAssessmentRecord>().FirstOrDefaultAsync(a => a.AssessmentId == id, cancellationToken);

    private async Task<IdeaRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<IdeaRecord>().FirstOrDefault(e => e.Entity.ContentItemId == id)?.Entity
        ?? await db.Set<IdeaRecord>().FirstOrDefaultAsync(r => r.ContentItemId == id, cancellationToken);
}
