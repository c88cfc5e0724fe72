using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Idesluss.Board;

public sealed class BoardViewModel
{
    public required IReadOnlyList<BoardColumn> Columns { get; init; }

    public required BoardFilter Filter { get; init; }

    public required IReadOnlyList<UnitOption> Units { get; init; }

    public required IReadOnlyList<string> Areas { get; init; }

    public required IReadOnlyList<(string Id, string Name)> Assessors { get; init; }

    public required IReadOnlyDictionary<string, string> AssessorNames { get; init; }

    public required UnitDirectory UnitDirectory { get; init; }

    /// <summary>Action plan rows past their klart-datum, on ideas the coordinator sees.</summary>
    public IReadOnlyList<ActionPlan.OverdueAction> Overdue { get; init; } = [];
}

/// <summary>The coordinator's board (columns are the workflow's states, in its order) and the coordinator's actions on an idea.</summary>
[Authorize(Policy = Kvalitetsportal.Permissions.Permission.PolicyPrefix + IdeslussPermissions.ManageName)]
public sealed class BoardController(IdeaQueries queries, IdeaService ideas, IContentManager contents, UserManager<PortalUser> users, PortalDbContext db, IContentQuery contentQuery, IUnitDirectory unitDirectory, ActionPlan.ActionPlans plans, IStringLocalizer<BoardController> localizer) : Controller
{
    public static readonly int[] AgeChoices = [7, 14, 30, 90];

    public const int MaxOverdue = 50;

    private string UserId => ContentAuthorizer.UserId(User)!;

    [HttpGet("ideer/tavla")]
    public async Task<IActionResult> Index(int? enhet, string? omrade, int? aldreAn, string? bedomare, CancellationToken cancellationToken)
    {
        var filter = new BoardFilter(enhet, string.IsNullOrWhiteSpace(omrade) ? null : omrade, aldreAn is int days && AgeChoices.Contains(days) ? days : null, string.IsNullOrWhiteSpace(bedomare) ? null : bedomare);
        var type = await queries.TypeAsync(IdeaTypes.Idea, cancellationToken);
        var columns = await queries.BoardAsync(User, filter, cancellationToken);
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var assessorIds = columns.SelectMany(c => c.Cards).Select(c => c.Record?.AssessorId).ToList();
        return View(new BoardViewModel
        {
            Columns = columns,
            Filter = filter,
            Units = units.Options(),
            Areas = type.Field(IdeaTypes.Area)?.Choices ?? [],
            Assessors = [.. (await queries.NamesAsync(await db.Set<Data.IdeaRecord>().Where(r => r.AssessorId != null).Select(r => r.AssessorId).Distinct().ToListAsync(cancellationToken), cancellationToken)).Select(kv => (kv.Key, kv.Value)).OrderBy(a => a.Value, StringComparer.CurrentCulture)],
            AssessorNames = await queries.NamesAsync(assessorIds, cancellationToken),
            UnitDirectory = units,
            Overdue = await plans.OverdueAsync(User, MaxOverdue, cancellationToken),
        });
    }

    [HttpPost("ideer/{id:length(32)}/bedomare")]
    public async Task<IActionResult> Assign(string id, [FromForm] string? assessorId, [FromForm] string? assessorEmail, CancellationToken cancellationToken)
    {
        var idea = await IdeaAsync(id, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }

        var assessor = !string.IsNullOrWhiteSpace(assessorEmail) ? await users.FindByEmailAsync(assessorEmail.Trim())
            : !string.IsNullOrWhiteSpace(assessorId) ? await users.FindByIdAsync(assessorId) : null;
        if (assessor is null)
        {
            TempData["Error"] = string.IsNullOrWhiteSpace(assessorEmail) ? localizer["Välj en bedömare."].Value : localizer["Det finns ingen användare med e-postadressen {0}.", assessorEmail.Trim()].Value;
            return Redirect(IdeaUrls.Detail(id));
        }

        if (assessor.Id == idea.OwnerId)
        {
            TempData["Error"] = localizer["Den som gett idén kan inte bedöma den (jäv). Välj någon annan."].Value;
            return Redirect(IdeaUrls.Detail(id));
        }

        await ideas.AssignAssessorAsync(idea, assessor.Id, IdeaQueries.NameOf(assessor), UserId, cancellationToken);
        TempData["Message"] = localizer["{0} bedömer nu idén och ser den utan idégivarens namn.", IdeaQueries.NameOf(assessor)].Value;
        return Redirect(IdeaUrls.Detail(id));
    }

    [HttpPost("ideer/{id:length(32)}/visa-idegivare")]
    public async Task<IActionResult> Reveal(string id, CancellationToken cancellationToken)
    {
        var idea = await IdeaAsync(id, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }

        await ideas.RevealGiverAsync(idea, UserId, cancellationToken);
        TempData["Message"] = localizer["Bedömaren kan nu se vem som gett idén. Beslutet är loggat."].Value;
        return Redirect(IdeaUrls.Detail(id));
    }

    [HttpPost("ideer/{id:length(32)}/sla-ihop")]
    public async Task<IActionResult> Merge(string id, [FromForm] string? keep, CancellationToken cancellationToken)
    {
        var duplicate = await IdeaAsync(id, cancellationToken);
        if (duplicate is null)
        {
            return NotFound();
        }

        var kept = await FindByReferenceAsync(keep, cancellationToken);
        if (kept is null || kept.ContentItemId == duplicate.ContentItemId)
        {
            TempData["Error"] = kept is null ? localizer["Hittade ingen idé med den referensen. Skriv referensnumret (8 tecken) eller klistra in länken till idén som ska behållas."].Value : localizer["En idé kan inte slås ihop med sig själv."].Value;
            return Redirect(IdeaUrls.Detail(id));
        }

        await ideas.MergeAsync(duplicate, kept, UserId, cancellationToken);
        TempData["Message"] = localizer["Idén är ihopslagen med \"{0}\". Stöd och följare har flyttats dit och idégivaren ser det på sin idé.", kept.DisplayText].Value;
        return Redirect(IdeaUrls.Detail(kept.ContentItemId));
    }

    [HttpPost("ideer/{id:length(32)}/gott-exempel")]
    public async Task<IActionResult> GoodExample(string id, [FromForm] bool good, [FromForm] string? whatWasDone, [FromForm] string? whatItGave, CancellationToken cancellationToken)
    {
        var idea = await IdeaAsync(id, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }

        try
        {
            await ideas.SetGoodExampleAsync(idea, good, whatWasDone, whatItGave, UserId, cancellationToken);
        }
        catch (ContentConcurrencyException)
        {
            TempData["Error"] = localizer["Någon ändrade idén samtidigt. Försök igen."].Value;
            return Redirect(IdeaUrls.Detail(id));
        }

        TempData["Message"] = good ? localizer["Idén finns nu i idébanken som ett gott exempel."].Value : localizer["Idén är inte längre med i idébanken."].Value;
        return Redirect(IdeaUrls.Detail(id));
    }

    private async Task<ContentItem?> IdeaAsync(string id, CancellationToken cancellationToken)
    {
        var item = ContentItemIds.IsWellFormed(id) ? await contents.GetLatestAsync(id, cancellationToken) : null;
        return item is { ContentType: IdeaTypes.Idea, Published: true } ? item : null;
    }

    /// <summary>An idea by its reference (the first 8 characters of its id, as on receipts) or a link to it.</summary>
    private async Task<ContentItem?> FindByReferenceAsync(string? text, CancellationToken cancellationToken)
    {
        var value = (text ?? "").Trim().TrimEnd('/');
        value = value[(value.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (value.Length is not (8 or 32) || !value.All(Uri.IsHexDigit))
        {
            return null;
        }

        if (value.Length == 32)
        {
            return await IdeaAsync(value, cancellationToken);
        }

        var matches = await contentQuery.Items
            .Where(i => i.ContentType == IdeaTypes.Idea && i.Latest && i.ContentItemId.StartsWith(value))
            .Take(2).ToListAsync(cancellationToken);
        return matches.Count == 1 ? matches[0] : null;
    }
}
