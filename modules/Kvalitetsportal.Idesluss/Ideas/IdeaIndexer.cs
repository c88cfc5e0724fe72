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
            if (await FindAsync(ideaId, cancellationToken) is { } record)
            {
                record.Pick = IdeaTypes.Pick(context.Type, data);
            }
        }
    }

    private async Task<IdeaRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<IdeaRecord>().FirstOrDefault(e => e.Entity.ContentItemId == id)?.Entity
        ?? await db.Set<IdeaRecord>().FirstOrDefaultAsync(r => r.ContentItemId == id, cancellationToken);
}
