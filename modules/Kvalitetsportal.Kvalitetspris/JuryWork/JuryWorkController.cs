using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Kvalitetspris.JuryWork;

public sealed record QueueRow(string Id, string Title, bool Scored);

public sealed class JuryQueueViewModel
{
    public IReadOnlyList<(PrizeRound Round, IReadOnlyList<QueueRow> Applications, int Recused)> Rounds { get; init; } = [];
}

public sealed record ScoreView(string Juror, string Area, int Score, string Comment);

public sealed class JuryScoreViewModel
{
    public required ContentItem Application { get; init; }

    public required PrizeRound Round { get; init; }

    public IReadOnlyList<(string Area, string Label, string? Levels, string Text)> Areas { get; init; } = [];

    public IReadOnlyDictionary<string, (string? Score, string? Comment)> Input { get; init; } = new Dictionary<string, (string?, string?)>();

    public bool Submitted { get; init; }

    /// <summary>Everyone's scores: shown only once the reader has submitted their own.</summary>
    public IReadOnlyList<ScoreView> All { get; init; } = [];
}

public sealed class ConsensusViewModel
{
    public required PrizeRound Round { get; init; }

    public IReadOnlyList<(string Id, string Name)> Members { get; init; } = [];

    public IReadOnlyList<ConsensusRow> Rows { get; init; } = [];

    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AreaLabels { get; init; } = new Dictionary<string, string>();

    public string Email { get; init; } = "";
}

/// <summary>
/// The jury's pages: a member's queue and progress, scoring an application's four areas (each
/// with a comment), declaring jäv; and the chair's (the prize coordinator's) page with the jury's
/// members and the consensus per application. A member sees the others' scores only after
/// submitting their own; an applicant reaches none of these pages.
/// </summary>
[Authorize]
public sealed class JuryWorkController(
    Jury jury,
    PrizeApplications prize,
    VisibleContentItems visible,
    ContentAuthorizer authorizer,
    IContentMembers members,
    IEnumerable<IPersonDirectory> people,
    ILogger<JuryWorkController> logger) : Controller
{
    public const string Queue = "/kvalitetspris/jury";

    public static string Score(string applicationId) => $"/kvalitetspris/jury/{applicationId}";

    public static string Jav(string applicationId) => $"/kvalitetspris/jury/{applicationId}/jav";

    public static string Consensus(string roundId) => $"/kvalitetspris/omgangar/{roundId}/jury";

    private string UserId => ContentAuthorizer.UserId(User)!;

    [HttpGet("kvalitetspris/jury")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var rounds = await jury.RoundsOfAsync(UserId, cancellationToken);
        if (rounds.Count == 0)
        {
            return NotFound();
        }

        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var submitted = await prize.SubmittedByRoundAsync(cancellationToken);
        var result = new List<(PrizeRound, IReadOnlyList<QueueRow>, int)>();
        foreach (var roundId in rounds)
        {
            if (await prize.RoundAsync(roundId, cancellationToken) is not { } round)
            {
                continue;
            }

            var scored = await jury.ScoredByAsync(roundId, UserId, cancellationToken);
            var rows = new List<QueueRow>();
            var recused = 0;
            foreach (var item in submitted[roundId])
            {
                if (await authorizer.CanAsync(User, type, item, ContentAction.ViewOwn, cancellationToken))
                {
                    rows.Add(new QueueRow(item.ContentItemId, item.DisplayText, scored.Contains(item.ContentItemId)));
                }
                else if (await members.IsExcludedAsync(item.ContentItemId, UserId, cancellationToken))
                {
                    recused++;
                }
            }

            result.Add((round, rows, recused));
        }

        return View(new JuryQueueViewModel { Rounds = result });
    }

    [HttpGet("kvalitetspris/jury/{id:length(32)}")]
    public async Task<IActionResult> Application(string id, CancellationToken cancellationToken)
    {
        var (round, item) = await JurorsApplicationAsync(id, cancellationToken);
        return round is null || item is null ? NotFound() : View(await ScoreModelAsync(round, item, null, cancellationToken));
    }

    [HttpPost("kvalitetspris/jury/{id:length(32)}")]
    public async Task<IActionResult> Submit(string id, CancellationToken cancellationToken)
    {
        var (round, item) = await JurorsApplicationAsync(id, cancellationToken);
        if (round is null || item is null)
        {
            return NotFound();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var input = PrizeTypes.Areas.Select(a => new AreaScoreInput(a, form["score-" + a], form["comment-" + a])).ToList();
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var problems = await jury.SubmitAsync(type, round, item, UserId, input, cancellationToken);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError(problem.Input, problem.Message);
            }

            return View(nameof(Application), await ScoreModelAsync(round, item, input, cancellationToken));
        }

        logger.LogInformation("Juror {UserId} scored prize application {ContentItemId}", UserId, id);
        TempData["Message"] = "Din bedömning är sparad. Nu ser du också de andra jurymedlemmarnas poäng.";
        return Redirect(Score(id));
    }

    [HttpPost("kvalitetspris/jury/{id:length(32)}/jav")]
    public async Task<IActionResult> DeclareJäv(string id, CancellationToken cancellationToken)
    {
        var (round, item) = await JurorsApplicationAsync(id, cancellationToken);
        if (round is null || item is null)
        {
            return NotFound();
        }

        await jury.DeclareJävAsync(id, UserId, cancellationToken);
        logger.LogInformation("Juror {UserId} declared jäv for prize application {ContentItemId}", UserId, id);
        TempData["Message"] = "Du har anmält jäv. Du ser inte längre ansökan och bedömer den inte; det är antecknat.";
        return Redirect(Queue);
    }

    [HttpGet("kvalitetspris/omgangar/{roundId:length(32)}/jury")]
    [RequirePermission(KvalitetsprisPermissions.ManageName)]
    public async Task<IActionResult> Chair(string roundId, CancellationToken cancellationToken)
    {
        var round = await prize.RoundAsync(roundId, cancellationToken);
        return round is null ? NotFound() : View(await ConsensusModelAsync(round, TempData.Peek("JurorEmail") as string ?? "", cancellationToken));
    }

    [HttpPost("kvalitetspris/omgangar/{roundId:length(32)}/jury")]
    [RequirePermission(KvalitetsprisPermissions.ManageName)]
    public async Task<IActionResult> AddMember(string roundId, [FromForm] string? email, CancellationToken cancellationToken)
    {
        var round = await prize.RoundAsync(roundId, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        var trimmed = (email ?? "").Trim();
        var person = trimmed.Length is > 0 and <= 256 && people.FirstOrDefault() is { } directory ? await directory.FindByEmailAsync(trimmed, cancellationToken) : null;
        if (person is null)
        {
            TempData["Error"] = $"Det finns ingen medarbetare med e-postadressen \"{(trimmed.Length > 256 ? trimmed[..256] : trimmed)}\".";
            TempData["JurorEmail"] = trimmed.Length > 256 ? trimmed[..256] : trimmed;
            return Redirect(Consensus(roundId));
        }

        await jury.AddMemberAsync(roundId, person.Id, UserId, cancellationToken);
        TempData["Message"] = $"{person.Name} är med i juryn för {round.Title}.";
        return Redirect(Consensus(roundId));
    }

    /// <summary>The application, if the reader is on its round's jury and reaches it (jäv or a state outside the jury's: not found).</summary>
    private async Task<(PrizeRound? Round, ContentItem? Item)> JurorsApplicationAsync(string id, CancellationToken cancellationToken)
    {
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var item = await visible.FindAsync(User, type, id, cancellationToken);
        var round = item is null ? null : await prize.RoundAsync(PrizeTypes.Text(item.GetData()[PrizeTypes.RoundField]), cancellationToken);

        // One never assesses one's own application, or one on which one is a co-applicant.
        var ownsIt = item is not null && (item.OwnerId == UserId
            || (await members.GetAsync(item.ContentItemId, cancellationToken)).Any(m => m.UserId == UserId && m.Role == PrizeTypes.CoApplicantRole));
        return round is not null && !ownsIt && await jury.IsMemberAsync(round.Id, UserId, cancellationToken) ? (round, item) : (null, null);
    }

    private async Task<JuryScoreViewModel> ScoreModelAsync(PrizeRound round, ContentItem item, IReadOnlyList<AreaScoreInput>? posted, CancellationToken cancellationToken)
    {
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var roundData = round.Item.GetData();
        var data = item.GetData();
        var scores = await jury.ScoresAsync(item.ContentItemId, cancellationToken);
        var mine = scores.Where(s => s.JurorId == UserId).ToList();
        var submitted = mine.Count > 0;
        var names = await NamesAsync(scores.Select(s => s.JurorId), cancellationToken);
        return new JuryScoreViewModel
        {
            Application = item,
            Round = round,
            Areas = [.. PrizeTypes.Areas.Select(a => (a, type.Field(a)?.Label ?? a, PrizeTypes.Text(roundData[PrizeTypes.LevelsField(a)]), PrizeTypes.Text(data[a]) ?? ""))],
            Input = posted?.ToDictionary(p => p.Area, p => (p.Score, p.Comment)) ?? mine.ToDictionary(s => s.Area, s => ((string?)s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)s.Comment)),
            Submitted = submitted,
            All = submitted ? [.. scores.Select(s => new ScoreView(names.GetValueOrDefault(s.JurorId) ?? "–", type.Field(s.Area)?.Label ?? s.Area, s.Score, s.Comment))] : [],
        };
    }

    private async Task<ConsensusViewModel> ConsensusModelAsync(PrizeRound round, string email, CancellationToken cancellationToken)
    {
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var memberIds = await jury.MembersAsync(round.Id, cancellationToken);
        var rows = new List<ConsensusRow>();
        foreach (var item in (await prize.SubmittedByRoundAsync(cancellationToken))[round.Id])
        {
            if (await authorizer.CanAsync(User, type, item, ContentAction.ViewOwn, cancellationToken))
            {
                rows.Add(await jury.ConsensusAsync(round, item, cancellationToken));
            }
        }

        var names = await NamesAsync(memberIds.Concat(rows.SelectMany(r => r.Recused)), cancellationToken);
        return new ConsensusViewModel
        {
            Round = round,
            Members = [.. memberIds.Select(m => (m, names.GetValueOrDefault(m) ?? "–"))],
            Rows = rows,
            Names = names,
            AreaLabels = PrizeTypes.Areas.ToDictionary(a => a, a => type.Field(a)?.Label ?? a),
            Email = email,
        };
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var directory = people.FirstOrDefault();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (directory is not null && await directory.FindByIdAsync(id, cancellationToken) is { } person)
            {
                names[id] = person.Name;
            }
        }

        return names;
    }
}
