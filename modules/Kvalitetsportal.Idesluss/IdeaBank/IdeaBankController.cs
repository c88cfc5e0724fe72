using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Idesluss.IdeaBank;

public sealed record IdeaBankEntry(IdeaCard Card, string? WhatWasDone, string? WhatItGave);

public sealed record IdeaBankViewModel(string? Text, IReadOnlyList<IdeaBankEntry> Entries);

/// <summary>
/// The idea bank: ideas the coordinator marked as good examples (a yes/no field, data rather than
/// state names), with what was done and what it gave. Full-text search is the search module's
/// (/sok); this page filters on the title.
/// </summary>
[Authorize]
public sealed class IdeaBankController(IdeaQueries queries, Kvalitetsportal.Data.PortalDbContext db) : Controller
{
    public const int MaxEntries = 100;

    [HttpGet("idebank")]
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken)
    {
        var visible = await queries.VisibleIdeasAsync(User, new BoardFilter(null, null, null, null), cancellationToken);
        var records = db.Set<IdeaRecord>();
        var good = visible.Where(i => records.Any(r => r.ContentItemId == i.ContentItemId && r.GoodExample));
        var text = (q ?? "").Trim();
        if (text.Length > 0)
        {
            var lower = text[..Math.Min(text.Length, 200)].ToLowerInvariant();
            good = good.Where(i => i.NormalizedTitle.Contains(lower));
        }

        var cards = await queries.WithRecordsAsync(good.OrderByDescending(i => i.ModifiedUtc).Take(MaxEntries), cancellationToken);
        var entries = cards.Select(c =>
        {
            var data = c.Item.GetData();
            return new IdeaBankEntry(c, IdeaTypes.Text(data[IdeaTypes.WhatWasDone]), IdeaTypes.Text(data[IdeaTypes.WhatItGave]));
        }).ToList();
        return View(new IdeaBankViewModel(text.Length == 0 ? null : text, entries));
    }
}
