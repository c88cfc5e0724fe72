using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Kvalitetspris.Prize;

/// <summary>A juror's entry for one area: the score on the round's scale and the mandatory comment.</summary>
public sealed record AreaScoreInput(string Area, string? Score, string? Comment);

/// <summary>One application in the chair's consensus view: each member's scores, mean and spread per area, and who recused.</summary>
public sealed record ConsensusRow(
    ContentItem Application,
    IReadOnlyList<(string JurorId, IReadOnlyDictionary<string, int> Scores)> Members,
    IReadOnlyDictionary<string, decimal?> Mean,
    IReadOnlyDictionary<string, int?> Spread,
    IReadOnlySet<string> Flagged,
    IReadOnlyList<string> Recused,
    decimal? WeightedTotal);

/// <summary>
/// The jury of a round: members are the round item's members in the role <see cref="JuryRole"/>;
/// jäv is Contents' exclusion on the application (the juror then does not reach it at all, and the
/// declaration is in the audit log); scores are the module's own rows. Callers check who may ask.
/// </summary>
public sealed class Jury(PortalDbContext db, IContentMembers members, PrizeApplications prize, TimeProvider clock)
{
    public const string JuryRole = "Jury";

    /// <summary>Members whose scores for an area differ by more than this are flagged for the chair.</summary>
    public const int FlagSpread = 2;

    public async Task<IReadOnlyList<string>> MembersAsync(string roundId, CancellationToken cancellationToken) =>
        [.. (await members.GetAsync(roundId, cancellationToken)).Where(m => m.Role == JuryRole).Select(m => m.UserId)];

    public async Task<bool> IsMemberAsync(string roundId, string userId, CancellationToken cancellationToken) =>
        (await MembersAsync(roundId, cancellationToken)).Contains(userId);

    public Task<IReadOnlySet<string>> RoundsOfAsync(string userId, CancellationToken cancellationToken) =>
        members.ItemsWithRoleAsync(PrizeTypes.Round, userId, [JuryRole], cancellationToken);

    public async Task AddMemberAsync(string roundId, string userId, string actorId, CancellationToken cancellationToken) =>
        await members.AddAsync(await prize.RoundTypeAsync(cancellationToken), roundId, userId, JuryRole, actorId, cancellationToken);

    /// <summary>Jäv: the juror is excluded from the application (recorded), and any scores they gave it are withdrawn.</summary>
    public async Task DeclareJävAsync(string applicationId, string jurorId, CancellationToken cancellationToken)
    {
        await members.AddAsync(await prize.ApplicationTypeAsync(cancellationToken), applicationId, jurorId, ContentMemberRoles.Excluded, jurorId, cancellationToken);
        await db.Set<JuryScore>().Where(s => s.ApplicationId == applicationId && s.JurorId == jurorId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RecusedAsync(string applicationId, CancellationToken cancellationToken) =>
        [.. (await members.GetAsync(applicationId, cancellationToken)).Where(m => m.Role == ContentMemberRoles.Excluded).Select(m => m.UserId)];

    public async Task<IReadOnlyList<JuryScore>> ScoresAsync(string applicationId, CancellationToken cancellationToken) =>
        await db.Set<JuryScore>().AsNoTracking().Where(s => s.ApplicationId == applicationId).OrderBy(s => s.JurorId).ThenBy(s => s.Area).ToListAsync(cancellationToken);

    public async Task<IReadOnlySet<string>> ScoredByAsync(string roundId, string jurorId, CancellationToken cancellationToken) =>
        (await db.Set<JuryScore>().AsNoTracking().Where(s => s.RoundId == roundId && s.JurorId == jurorId).Select(s => s.ApplicationId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Checks and saves a juror's four areas at once (a submission); returns the problems per area, empty when saved.</summary>
    public async Task<IReadOnlyList<SubmissionProblem>> SubmitAsync(ContentTypeDefinition type, PrizeRound round, ContentItem application, string jurorId, IReadOnlyList<AreaScoreInput> input, CancellationToken cancellationToken)
    {
        var problems = new List<SubmissionProblem>();
        var rows = new List<JuryScore>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var area in PrizeTypes.Areas)
        {
            var label = type.Field(area)?.Label ?? area;
            var entry = input.FirstOrDefault(i => i.Area == area);
            var comment = entry?.Comment?.Trim() ?? "";
            if (!int.TryParse(entry?.Score, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var score) || score < 1 || score > round.ScaleMax)
            {
                problems.Add(new("score-" + area, $"Välj poäng för {label} från 1 till {round.ScaleMax}."));
            }

            if (comment.Length == 0)
            {
                problems.Add(new("comment-" + area, $"Skriv en kommentar till poängen för {label}."));
            }
            else if (comment.Length > JuryScore.CommentLength)
            {
                problems.Add(new("comment-" + area, $"Kommentaren för {label} får vara högst {JuryScore.CommentLength} tecken (nu {comment.Length})."));
            }

            rows.Add(new JuryScore { ApplicationId = application.ContentItemId, RoundId = round.Id, JurorId = jurorId, Area = area, Score = score, Comment = comment, SubmittedUtc = now });
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<JuryScore>().Where(s => s.ApplicationId == application.ContentItemId && s.JurorId == jurorId).ExecuteDeleteAsync(cancellationToken);
        db.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>The chair's view of one application: recused members are left out of the mean.</summary>
    public async Task<ConsensusRow> ConsensusAsync(PrizeRound round, ContentItem application, CancellationToken cancellationToken)
    {
        var recused = await RecusedAsync(application.ContentItemId, cancellationToken);
        var scores = (await ScoresAsync(application.ContentItemId, cancellationToken)).Where(s => !recused.Contains(s.JurorId)).ToList();
        var byJuror = scores.GroupBy(s => s.JurorId, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyDictionary<string, int>)g.ToDictionary(s => s.Area, s => s.Score, StringComparer.Ordinal)))
            .ToList();
        var mean = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        var spread = new Dictionary<string, int?>(StringComparer.Ordinal);
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        var weights = application is null ? null : round.Item.GetData();
        decimal total = 0, weightSum = 0;
        foreach (var area in PrizeTypes.Areas)
        {
            var values = scores.Where(s => s.Area == area).Select(s => s.Score).ToList();
            mean[area] = values.Count == 0 ? null : Math.Round((decimal)values.Average(), 2);
            spread[area] = values.Count == 0 ? null : values.Max() - values.Min();
            if (spread[area] > FlagSpread)
            {
                flagged.Add(area);
            }

            var weight = PrizeTypes.Number(weights?[PrizeTypes.WeightField(area)]) ?? 1m;
            if (mean[area] is { } m)
            {
                total += m * weight;
                weightSum += weight;
            }
        }

        return new ConsensusRow(application!, byJuror, mean, spread, flagged, recused, weightSum == 0 ? null : Math.Round(total / weightSum, 2));
    }
}

/// <summary>
/// Jurors reach the applications of their rounds in the workflow states that name the jury role
/// (data: the state's memberViewRoles), as one access clause; jäv is Contents' exclusion, which
/// the access service puts into every clause after all rules, so a recused juror reaches nothing.
/// </summary>
public sealed class JuryAccessRule(Jury jury, PrizeApplications prize, IWorkflowDefinitionStore workflows) : IContentAccessRule
{
    public async ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken)
    {
        if (request.Type.Name != PrizeTypes.Application || request.Kind != ContentAccessKind.View)
        {
            return clauses;
        }

        var rounds = await jury.RoundsOfAsync(request.UserId, cancellationToken);
        var workflow = (await workflows.GetCurrentAsync(PrizeTypes.Application, cancellationToken))?.Definition;
        var states = workflow?.States.Where(s => s.MemberViewRoles.Contains(Jury.JuryRole, StringComparer.Ordinal)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (rounds.Count == 0 || states is not { Count: > 0 })
        {
            return clauses;
        }

        var submitted = await prize.SubmittedByRoundAsync(cancellationToken);
        var items = rounds.SelectMany(r => submitted[r]).Select(i => i.ContentItemId).ToHashSet(StringComparer.Ordinal);
        return items.Count == 0 ? clauses : [.. clauses, new ContentAccessClause(PrizeTypes.Application, States: states, Items: items)];
    }
}
