using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Diarium.Numbers;

/// <summary>The diarienummer as a column in exports and as text the search finds the item by.</summary>
internal sealed class DiariumFacts : IContentItemFacts
{
    public string Label => "Diarienummer";

    public Task<bool> AppliesToAsync(PortalDbContext db, string contentType, CancellationToken cancellationToken) =>
        db.Set<DiariumSeries>().AnyAsync(s => s.ContentType == contentType, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(PortalDbContext db, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken) =>
        contentItemIds.Count == 0
            ? new Dictionary<string, string>()
            : await db.Set<DiariumNumber>().AsNoTracking()
                .Where(n => contentItemIds.Contains(n.ContentItemId))
                .ToDictionaryAsync(n => n.ContentItemId, n => n.Text, StringComparer.Ordinal, cancellationToken);
}
