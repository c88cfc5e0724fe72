using System.Globalization;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Kvalitetspris.Prize;

/// <summary>A reason a submission is refused: the form input it belongs to and a Swedish message.</summary>
public sealed record SubmissionProblem(string Input, string Message);

/// <summary>
/// Reads rounds and applications, and holds the rules an application must meet to be submitted
/// beyond its fields' formats: the round takes applications, every area is within the round's
/// limit, the work is completed, and it comes from a unit or a named external provider. The pages
/// call it; every write goes through <see cref="IContentManager"/>.
/// </summary>
public sealed class PrizeApplications(
    IContentDefinitionStore definitions,
    IContentQuery query,
    IWorkflowDefinitionStore workflows,
    IUnitDirectory units,
    TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<ContentTypeDefinition> ApplicationTypeAsync(CancellationToken cancellationToken) =>
        await definitions.GetAsync(PrizeTypes.Application, cancellationToken) ?? throw new InvalidOperationException("The prize application type is missing; run the Kvalitetspris recipe.");

    public async Task<ContentTypeDefinition> RoundTypeAsync(CancellationToken cancellationToken) =>
        await definitions.GetAsync(PrizeTypes.Round, cancellationToken) ?? throw new InvalidOperationException("The prize round type is missing; run the Kvalitetspris recipe.");

    public async Task<WorkflowDefinition?> RoundWorkflowAsync(CancellationToken cancellationToken) =>
        (await workflows.GetCurrentAsync(PrizeTypes.Round, cancellationToken))?.Definition;

    public async Task<WorkflowDefinition?> ApplicationWorkflowAsync(CancellationToken cancellationToken) =>
        (await workflows.GetCurrentAsync(PrizeTypes.Application, cancellationToken))?.Definition;

    /// <summary>A round by id (rounds are open to every employee to read), or null.</summary>
    public async Task<PrizeRound?> RoundAsync(string? id, CancellationToken cancellationToken)
    {
        if (!ContentItemIds.IsWellFormed(id))
        {
            return null;
        }

        var item = await query.Latest.FirstOrDefaultAsync(i => i.ContentItemId == id && i.ContentType == PrizeTypes.Round && i.Published, cancellationToken);
        return item is null ? null : PrizeRound.From(item);
    }

    /// <summary>The rounds, newest first (one a year: a short list).</summary>
    public async Task<IReadOnlyList<PrizeRound>> RoundsAsync(CancellationToken cancellationToken)
    {
        var items = await query.Latest.Where(i => i.ContentType == PrizeTypes.Round && i.Published).OrderByDescending(i => i.CreatedUtc).Take(200).ToListAsync(cancellationToken);
        return [.. items.Select(PrizeRound.From)];
    }

    public async Task<bool> IsOpenAsync(PrizeRound round, CancellationToken cancellationToken) =>
        round.IsOpen(await RoundWorkflowAsync(cancellationToken), Now);

    /// <summary>Why the round does not take this application now, in words the applicant understands; null when it does.</summary>
    public async Task<string?> ClosedMessageAsync(PrizeRound round, CancellationToken cancellationToken)
    {
        if (await IsOpenAsync(round, cancellationToken))
        {
            return null;
        }

        if (round.OpensUtc is { } opens && Now.UtcDateTime < opens)
        {
            return $"Prisomgången \"{round.Title}\" öppnar {round.OpensText}. Ansökan kan inte skickas in förrän då.";
        }

        return $"Prisomgången \"{round.Title}\" stängde när {round.LastDayText} var slut, och ansökan kom in för sent för att tas emot. Det du har skrivit är sparat som utkast.";
    }

    /// <summary>A new draft for the round: the title and who applies. Not published, so no workflow, number or reader but its author yet.</summary>
    public static ContentChange DraftStart(PrizeRound round, string title, int? unitId, string? externalProvider)
    {
        var data = new JsonObject { [PrizeTypes.RoundField] = round.Id };
        if (!string.IsNullOrWhiteSpace(externalProvider))
        {
            data[PrizeTypes.ExternalProvider] = externalProvider.Trim();
        }

        return new ContentChange(title.Trim(), string.IsNullOrWhiteSpace(externalProvider) ? unitId : null, data);
    }

    /// <summary>Who applies: a unit of the organisation tree or, for an external provider, its name. Problems for the start form.</summary>
    public async Task<IReadOnlyList<SubmissionProblem>> ApplicantProblemsAsync(string title, int? unitId, string? externalProvider, CancellationToken cancellationToken)
    {
        var problems = new List<SubmissionProblem>();
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(new("Title", "Skriv en rubrik på utvecklingsarbetet."));
        }
        else if (title.Trim().Length > 300)
        {
            problems.Add(new("Title", $"Rubriken får vara högst 300 tecken (nu {title.Trim().Length})."));
        }

        var external = externalProvider?.Trim() ?? "";
        if (external.Length > 200)
        {
            problems.Add(new("ExternalProvider", $"Namnet på den externa utföraren får vara högst 200 tecken (nu {external.Length})."));
        }
        else if (unitId is null && external.Length == 0)
        {
            problems.Add(new("UnitId", "Välj den enhet som söker, eller skriv namnet på den externa utföraren."));
        }
        else if (unitId is int id && external.Length == 0 && !(await units.LoadAsync(cancellationToken)).IsActive(id))
        {
            problems.Add(new("UnitId", "Välj en enhet i listan."));
        }

        return problems;
    }

    /// <summary>
    /// What stops a complete application from being submitted now. The fields' own formats are
    /// checked by the form reader; these are the prize's rules, checked on the server whatever the
    /// browser did.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionProblem>> SubmissionProblemsAsync(ContentTypeDefinition type, PrizeRound round, ContentChange change, CancellationToken cancellationToken)
    {
        var problems = new List<SubmissionProblem>();
        if (await ClosedMessageAsync(round, cancellationToken) is { } closed)
        {
            problems.Add(new("", closed));
        }

        foreach (var field in type.OrderedFields.Where(f => f.Required && f.Name != PrizeTypes.RoundField))
        {
            if (change.Data[field.Name] is null || (change.Data[field.Name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length == 0))
            {
                problems.Add(new(Input(field.Name), $"{field.Label} måste fyllas i."));
            }
        }

        foreach (var area in PrizeTypes.Areas)
        {
            var length = PrizeTypes.Length(PrizeTypes.Text(change.Data[area]));
            if (length > round.MaxCharacters)
            {
                var label = type.Field(area)?.Label ?? area;
                problems.Add(new(Input(area), $"{label} får vara högst {round.MaxCharacters.ToString("N0", Sweden)} tecken i den här omgången (nu {length.ToString("N0", Sweden)}). Korta texten med {(length - round.MaxCharacters).ToString("N0", Sweden)} tecken."));
            }
        }

        var today = DateOnly.FromDateTime(SwedishTime.Of(Now).DateTime);
        if (PrizeTypes.Date(change.Data[PrizeTypes.FinishedOn]) is { } finished && finished > today)
        {
            problems.Add(new(Input(PrizeTypes.FinishedOn), "Bara genomfört arbete kan få priset: datumet då arbetet blev klart får inte ligga i framtiden."));
        }

        var external = PrizeTypes.Text(change.Data[PrizeTypes.ExternalProvider]);
        if (change.OrganisationUnitId is null && external is null)
        {
            problems.Add(new("UnitId", "Välj den enhet som söker, eller skriv namnet på den externa utföraren."));
        }

        return problems;
    }

    /// <summary>
    /// The submitted applications (drafts are their authors' own) by round id, oldest first. The
    /// round is a field in the item's JSON (text on SQLite, jsonb on PostgreSQL), so it is matched
    /// here rather than in SQL: a few hundred applications a year. A projection table with the
    /// round id is the step when the jury's queue needs it (ADR 28).
    /// </summary>
    public async Task<ILookup<string, ContentItem>> SubmittedByRoundAsync(CancellationToken cancellationToken)
    {
        var items = await query.Latest.Where(i => i.ContentType == PrizeTypes.Application && i.Published)
            .OrderBy(i => i.PublishedUtc).Take(20_000).ToListAsync(cancellationToken);
        return items.ToLookup(i => PrizeTypes.Text(i.GetData()[PrizeTypes.RoundField]) ?? "", StringComparer.Ordinal);
    }

    public static string Input(string field) => "f." + field;

    private static readonly CultureInfo Sweden = CultureInfo.GetCultureInfo("sv-SE");
}
