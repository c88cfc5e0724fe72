using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Riskanalys.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Riskanalys.Risks;

/// <summary>
/// Keeps a risk's projection row (<see cref="RiskRecord"/>: the item it belongs to, category and goal)
/// in step with the item, inside the item's save, whichever page saved it.
/// </summary>
public sealed class RiskIndexer(PortalDbContext db) : IContentHandler
{
    public Task CreatedAsync(ContentContext context, CancellationToken cancellationToken) => IndexAsync(context, cancellationToken);

    public Task UpdatedAsync(ContentContext context, CancellationToken cancellationToken) => IndexAsync(context, cancellationToken);

    public Task PublishedAsync(ContentContext context, CancellationToken cancellationToken) => IndexAsync(context, cancellationToken);

    public async Task RemovedAsync(ContentContext context, CancellationToken cancellationToken)
    {
        if (context.Type.Name == RiskTypes.Risk && await FindAsync(context.Item.ContentItemId, cancellationToken) is { } record)
        {
            db.Remove(record); // the valuation history stays
        }
    }

    private async Task IndexAsync(ContentContext context, CancellationToken cancellationToken)
    {
        if (context.Type.Name != RiskTypes.Risk)
        {
            return;
        }

        var record = await FindAsync(context.Item.ContentItemId, cancellationToken);
        if (record is null)
        {
            record = new RiskRecord { RiskId = context.Item.ContentItemId, ModifiedUtc = context.Item.ModifiedUtc };
            db.Add(record);
        }

        var data = context.Item.GetData();
        record.ItemId = RiskTypes.Text(data[RiskTypes.Item]);
        record.Category = Short(RiskTypes.Text(data[RiskTypes.Category]));
        record.Goal = Short(RiskTypes.Text(data[RiskTypes.Goal]));
    }

    private async Task<RiskRecord?> FindAsync(string riskId, CancellationToken cancellationToken) =>
        db.Set<RiskRecord>().Local.FirstOrDefault(r => r.RiskId == riskId)
        ?? await db.Set<RiskRecord>().FirstOrDefaultAsync(r => r.RiskId == riskId, cancellationToken);

    private static string? Short(string? text) => text is { Length: > 200 } ? text[..200] : text;
}

/// <summary>Risks are read on the module's own page, wherever they are linked (search hits, lists).</summary>
public sealed class RiskPage : IContentItemPage
{
    public string ContentType => RiskTypes.Risk;

    public string Url(string contentItemId) => RiskUrls.Risk(contentItemId);
}
