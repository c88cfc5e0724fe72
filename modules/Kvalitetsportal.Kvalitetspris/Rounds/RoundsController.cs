using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Editing;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Diarium.Numbers;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Kvalitetspris.Rounds;

public sealed record RoundRow(PrizeRound Round, string? State, bool Open, int Submitted);

public sealed record RoundApplicationRow(string Id, string Title, string? Diarienummer, string Applicant, string? State, DateTime? SubmittedUtc);

public sealed class RoundsViewModel
{
    public IReadOnlyList<RoundRow> Rounds { get; init; } = [];

    public required ContentFormModel Form { get; init; }

    public required string FormToken { get; init; }
}

public sealed class RoundViewModel
{
    public required PrizeRound Round { get; init; }

    public string? State { get; init; }

    public bool Open { get; init; }

    public IReadOnlyList<RoundApplicationRow> Applications { get; init; } = [];
}

/// <summary>
/// The prize coordinator's pages: open a round (call text, dates, the limit per area, the level
/// descriptors) and see a round's submitted applications. Drafts are never listed: they are their
/// authors' own (the access clauses say so, and this list asks them).
/// </summary>
[Authorize]
[RequirePermission(KvalitetsprisPermissions.ManageName)]
public sealed class RoundsController(
    PrizeApplications prize,
    ContentAuthorizer authorizer,
    Diarienummer numbers,
    IUnitDirectory unitDirectory,
    IFileStore files,
    IDataProtectionProvider protection,
    CreateWithFormToken create,
    ILogger<RoundsController> logger) : Controller
{
    [HttpGet("kvalitetspris/omgangar")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ModelAsync(await NewFormAsync(cancellationToken), CreateWithFormToken.NewFormToken(), cancellationToken));

    [HttpPost("kvalitetspris/omgangar")]
    public async Task<IActionResult> Open(CancellationToken cancellationToken)
    {
        var type = await prize.RoundTypeAsync(cancellationToken);
        var posted = await Request.ReadFormAsync(cancellationToken);
        var userId = ContentAuthorizer.UserId(User)!;
        ContentFormModel? form = null;
        var result = await create.CreateAsync(type, userId, posted[CreateWithFormToken.FormTokenInput].ToString(), publish: true, async () =>
        {
            var read = await new ContentFormReader(files, protection).ReadAsync(type, posted, null, ModelState, cancellationToken);
            form = read.Form;
            if (read.Change is { } change
                && PrizeTypes.Date(change.Data[PrizeTypes.OpensOn]) is { } opens
                && PrizeTypes.Date(change.Data[PrizeTypes.ClosesOn]) is { } closes
                && closes <= opens)
            {
                ModelState.AddModelError(PrizeApplications.Input(PrizeTypes.ClosesOn), "Omgången måste stänga minst en dag efter att den öppnar.");
            }

            return ModelState.IsValid ? read.Change : null;
        }, cancellationToken);

        switch (result.Outcome)
        {
            case CreateOutcome.Invalid:
                form!.Units = [];
                return View(nameof(Index), await ModelAsync(form, result.FormToken, cancellationToken));
            case CreateOutcome.AlreadyCreated:
                return Redirect(PrizeUrls.Round(result.EarlierId!));
            case CreateOutcome.InProgress:
                return Redirect(PrizeUrls.Rounds);
            default:
                logger.LogInformation("Prize round {ContentItemId} opened by user {UserId}", result.Item!.ContentItemId, userId);
                TempData["Message"] = $"Prisomgången \"{result.Item.DisplayText}\" är skapad. Den tar emot ansökningar från öppningsdagen och stänger av sig själv vid stängningsdagen.";
                return Redirect(PrizeUrls.Round(result.Item.ContentItemId));
        }
    }

    [HttpGet("kvalitetspris/omgangar/{id:length(32)}")]
    public async Task<IActionResult> Round(string id, CancellationToken cancellationToken)
    {
        var round = await prize.RoundAsync(id, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var candidates = (await prize.SubmittedByRoundAsync(cancellationToken))[id].ToList();

        // The same access clauses as every other path: only what this coordinator may read.
        var visible = new List<ContentItem>(candidates.Count);
        foreach (var item in candidates)
        {
            if (await authorizer.CanAsync(User, type, item, ContentAction.ViewOwn, cancellationToken))
            {
                visible.Add(item);
            }
        }

        var diarienummer = await numbers.GetManyAsync([.. visible.Select(i => i.ContentItemId)], cancellationToken);
        var units = await unitDirectory.LoadAsync(cancellationToken);
        return View(new RoundViewModel
        {
            Round = round,
            State = round.Item.WorkflowState,
            Open = await prize.IsOpenAsync(round, cancellationToken),
            Applications = [.. visible.Select(i => new RoundApplicationRow(
                i.ContentItemId,
                i.DisplayText,
                diarienummer.GetValueOrDefault(i.ContentItemId),
                PrizeTypes.Text(i.GetData()[PrizeTypes.ExternalProvider]) is { } external ? external + " (extern utförare)" : units.NameOf(i.OrganisationUnitId) ?? "–",
                i.WorkflowState,
                i.PublishedUtc))],
        });
    }

    private async Task<ContentFormModel> NewFormAsync(CancellationToken cancellationToken)
    {
        var form = ContentForms.For(await prize.RoundTypeAsync(cancellationToken), null, []);
        form.Values[PrizeTypes.MaxCharacters] = [PrizeTypes.DefaultMaxCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        form.Values[PrizeTypes.ScaleMax] = [PrizeTypes.DefaultScaleMax.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        foreach (var area in PrizeTypes.Areas)
        {
            form.Values[PrizeTypes.WeightField(area)] = ["1"];
        }

        return form;
    }

    private async Task<RoundsViewModel> ModelAsync(ContentFormModel form, string formToken, CancellationToken cancellationToken)
    {
        var workflow = await prize.RoundWorkflowAsync(cancellationToken);
        var rounds = await prize.RoundsAsync(cancellationToken);
        var submitted = await prize.SubmittedByRoundAsync(cancellationToken);
        var rows = rounds.Select(round => new RoundRow(round, round.Item.WorkflowState, round.IsOpen(workflow, prize.Now), submitted[round.Id].Count())).ToList();
        return new RoundsViewModel { Rounds = rows, Form = form, FormToken = formToken };
    }
}
