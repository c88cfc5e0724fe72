using System.Globalization;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Editing;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Kvalitetspris.Apply;

/// <summary>
/// The applicant's way through the prize: the rounds, a short start (title and who applies), the
/// guided application in the four areas (a draft saved as they type, only its author reaches it),
/// submission with the round's rules checked on the server, and the receipt with the diarienummer.
/// Applications are written only here, so every save meets the prize's rules.
/// </summary>
[Authorize]
public sealed class ApplyController(
    PrizeApplications prize,
    Jury jury,
    IContentQuery query,
    VisibleContentItems visible,
    IContentMembers members,
    IEnumerable<IPersonDirectory> people,
    IPermissionService permissions,
    IUnitDirectory unitDirectory,
    IFileStore files,
    IDataProtectionProvider protection,
    CreateWithFormToken create,
    EditWithConflictCheck edit,
    IStringLocalizer<ApplyController> localizer,
    ILogger<ApplyController> logger) : Controller
{
    /// <summary>Five files of at most 10 MB and four long texts: larger bodies are refused before they are read.</summary>
    public const long MaxRequestBytes = 60L * 1024 * 1024;

    public const string ActionInput = "atgard";
    public const string SubmitAction = "skicka";
    public const string DraftAction = "utkast";

    private string UserId => ContentAuthorizer.UserId(User)!;

    [HttpGet("kvalitetspris")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (!await MayApplyAsync(cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var workflow = await prize.RoundWorkflowAsync(cancellationToken);
        var rounds = await prize.RoundsAsync(cancellationToken);
        var mine = await query.Latest.Where(i => i.ContentType == PrizeTypes.Application && i.OwnerId == UserId)
            .OrderByDescending(i => i.ModifiedUtc).Take(100).ToListAsync(cancellationToken);
        var titles = rounds.ToDictionary(r => r.Id, r => r.Title);
        return View(new PrizeStartViewModel
        {
            Rounds = [.. rounds.Select(r => (r, r.IsOpen(workflow, prize.Now)))],
            Mine = [.. mine.Select(i => new MyApplicationRow(i.ContentItemId, i.DisplayText, titles.GetValueOrDefault(PrizeTypes.Text(i.GetData()[PrizeTypes.RoundField]) ?? "") ?? "", i.WorkflowState, !i.Published, i.ModifiedUtc))],
            MayManage = await permissions.HasPermissionAsync(User, KvalitetsprisPermissions.ManageName, cancellationToken),
            IsJuror = (await jury.RoundsOfAsync(UserId, cancellationToken)).Count > 0,
        });
    }

    [HttpGet("kvalitetspris/omgangar/{roundId:length(32)}/ansok")]
    public async Task<IActionResult> Start(string roundId, CancellationToken cancellationToken)
    {
        if (!await MayApplyAsync(cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var round = await prize.RoundAsync(roundId, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        var myUnit = int.TryParse(User.FindFirst(Kvalitetsportal.Users.Setup.PortalClaimsPrincipalFactory.UnitClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var unit) ? unit : (int?)null;
        return View(new ApplyStartViewModel
        {
            Round = round,
            FormToken = CreateWithFormToken.NewFormToken(),
            UnitId = myUnit,
            Units = (await unitDirectory.LoadAsync(cancellationToken)).Options(),
            ClosedMessage = await prize.ClosedMessageAsync(round, cancellationToken),
        });
    }

    [HttpPost("kvalitetspris/omgangar/{roundId:length(32)}/ansok")]
    public async Task<IActionResult> StartPost(string roundId, [FromForm] string? title, [FromForm] string? unitId, [FromForm] string? externalProvider, CancellationToken cancellationToken)
    {
        if (!await MayApplyAsync(cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var round = await prize.RoundAsync(roundId, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        var unit = int.TryParse(unitId, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : (int?)null;
        var closed = await prize.ClosedMessageAsync(round, cancellationToken);
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var formToken = Request.Form[CreateWithFormToken.FormTokenInput].ToString();
        var result = await create.CreateAsync(type, UserId, formToken, publish: false, async () =>
        {
            if (closed is not null)
            {
                ModelState.AddModelError("", localizer["Prisomgången tar inte emot ansökningar just nu. {0}", closed].Value);
            }

            foreach (var problem in await prize.ApplicantProblemsAsync(title ?? "", unit, externalProvider, cancellationToken))
            {
                ModelState.AddModelError(problem.Input, problem.Message);
            }

            return ModelState.IsValid ? PrizeApplications.DraftStart(round, title!, unit, externalProvider) : null;
        }, cancellationToken);

        switch (result.Outcome)
        {
            case CreateOutcome.Invalid:
                return View(nameof(Start), new ApplyStartViewModel
                {
                    Round = round,
                    FormToken = result.FormToken,
                    Title = title ?? "",
                    UnitId = unit,
                    ExternalProvider = externalProvider ?? "",
                    Units = (await unitDirectory.LoadAsync(cancellationToken)).Options(unit),
                    ClosedMessage = closed,
                });
            case CreateOutcome.AlreadyCreated:
                return Redirect(PrizeUrls.Application(result.EarlierId!));
            case CreateOutcome.InProgress:
                return Redirect(PrizeUrls.Start);
            default:
                logger.LogInformation("Prize application draft {ContentItemId} started by user {UserId} for round {RoundId}", result.Item!.ContentItemId, UserId, round.Id);
                return Redirect(PrizeUrls.Application(result.Item.ContentItemId));
        }
    }

    /// <summary>The application: the guided form while its author may still change it, otherwise the page to read it (and endorse it).</summary>
    [HttpGet("kvalitetspris/ansokan/{id:length(32)}")]
    public async Task<IActionResult> Application(string id, CancellationToken cancellationToken)
    {
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var item = await visible.FindAsync(User, type, id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var round = await prize.RoundAsync(PrizeTypes.Text(item.GetData()[PrizeTypes.RoundField]), cancellationToken);
        if (round is not null && await MayEditAsync(item, cancellationToken))
        {
            var form = ContentForms.For(FormType(type), item, (await unitDirectory.LoadAsync(cancellationToken)).Options(item.OrganisationUnitId));
            return View("Edit", await EditModelAsync(type, item, round, form, cancellationToken));
        }

        return View("Display", await DisplayModelAsync(type, item, round, cancellationToken));
    }

    [HttpPost("kvalitetspris/ansokan/{id:length(32)}")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Save(string id, CancellationToken cancellationToken)
    {
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var item = await visible.FindAsync(User, type, id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var posted = await Request.ReadFormAsync(cancellationToken);
        var submit = posted[ActionInput] == SubmitAction;
        if (item.OwnerId != UserId)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (submit && item.Published)
        {
            // A double-clicked submit: the first one went through.
            TempData["Message"] = localizer["Ansökan var redan inskickad och skickades bara en gång."].Value;
            return Redirect(PrizeUrls.Receipt(id));
        }

        var roundId = PrizeTypes.Text(item.GetData()[PrizeTypes.RoundField]);
        var round = await prize.RoundAsync(roundId, cancellationToken);
        if (round is null || !await MayEditAsync(item, cancellationToken))
        {
            TempData["Error"] = localizer["Ansökan kan inte ändras i det här steget."].Value;
            return Redirect(PrizeUrls.Application(id));
        }

        // Read against the relaxed type: a draft may be incomplete, but formats and the type's caps hold.
        var read = await new ContentFormReader(files, protection).ReadAsync(type.WithoutRequired(), posted, item, ModelState, cancellationToken);
        if (read.Change is null)
        {
            return View("Edit", await EditModelAsync(type, item, round, WithType(read.Form, FormType(type)), cancellationToken));
        }

        // The round is the one the application was started for, whatever was posted.
        var data = read.Change.Data;
        data[PrizeTypes.RoundField] = round.Id;
        var change = read.Change with { Data = data };
        var problems = submit ? await prize.SubmissionProblemsAsync(type, round, change, cancellationToken) : [];

        // Save what was typed first (as a draft while it is one): a refused submission loses nothing.
        var publish = submit && problems.Count == 0 || item.Published;
        var result = await edit.SaveAsync(type, id, read.Form.Revision, change, UserId, publish, cancellationToken);
        if (result.Outcome == EditOutcome.Removed)
        {
            return NotFound();
        }

        if (result.Outcome == EditOutcome.Conflict)
        {
            if (submit && result.Item is { Published: true })
            {
                TempData["Message"] = localizer["Ansökan var redan inskickad och skickades bara en gång."].Value;
                return Redirect(PrizeUrls.Receipt(id));
            }

            ModelState.AddModelError("", localizer["Ansökan har sparats i ett annat fönster under tiden. Din text står kvar nedan; spara igen för att skriva över."].Value);
            var stale = WithType(read.Form, FormType(type));
            stale.Revision = result.Item!.Revision;
            return View("Edit", await EditModelAsync(type, result.Item, round, stale, cancellationToken));
        }

        var saved = result.Item!;
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError(problem.Input, problem.Message);
            }

            logger.LogInformation("Prize application {ContentItemId} refused at submission ({Problems} problems) for user {UserId}", id, problems.Count, UserId);
            var again = WithType(read.Form, FormType(type));
            again.Revision = saved.Revision;
            return View("Edit", await EditModelAsync(type, saved, round, again, cancellationToken));
        }

        if (submit)
        {
            logger.LogInformation("Prize application {ContentItemId} submitted by user {UserId} to round {RoundId}", id, UserId, round.Id);
            return Redirect(PrizeUrls.Receipt(id));
        }

        TempData["Message"] = localizer["Utkastet är sparat kl. {0}.", ContentDates.Time(saved.ModifiedUtc)].Value;
        return Redirect(PrizeUrls.Application(id));
    }

    /// <summary>Saves the draft as the applicant types (Contents' autosave script posts here): only its author, only while it is a draft.</summary>
    [HttpPost("kvalitetspris/ansokan/{id:length(32)}/autospara")]
    public async Task<IActionResult> Autosave(string id, CancellationToken cancellationToken)
    {
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var item = await visible.FindAsync(User, type, id, cancellationToken);
        if (item is null)
        {
            return NotFound(new { message = localizer["Ansökan finns inte."].Value });
        }

        if (item.OwnerId != UserId)
        {
            return StatusCode(StatusCodes.Status403Forbidden, new { message = localizer["Bara den som skriver ansökan kan spara den."].Value });
        }

        if (item.Published)
        {
            return Conflict(new { message = localizer["Ansökan är inskickad och sparas inte längre automatiskt."].Value, revision = item.Revision });
        }

        var posted = await Request.ReadFormAsync(cancellationToken);
        var read = await new ContentFormReader(files, protection).ReadAsync(type.WithoutRequired(), posted, item, ModelState, cancellationToken);
        if (read.Change is null)
        {
            var errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return BadRequest(new { message = localizer["Utkastet kunde inte sparas automatiskt: {0}", errors.FirstOrDefault() ?? ""].Value, errors });
        }

        var data = read.Change.Data;
        data[PrizeTypes.RoundField] = PrizeTypes.Text(item.GetData()[PrizeTypes.RoundField]);
        var result = await edit.SaveAsync(type, id, read.Form.Revision, read.Change with { Data = data }, UserId, publish: false, cancellationToken);
        return result.Outcome switch
        {
            EditOutcome.Removed => NotFound(new { message = localizer["Ansökan finns inte längre."].Value }),
            EditOutcome.Conflict => Conflict(new { message = localizer["Ansökan har sparats i ett annat fönster. Tryck på Spara utkast för att spara din text."].Value, revision = result.Item!.Revision }),
            _ => Json(new
            {
                revision = result.Item!.Revision,
                savedAt = ContentDates.Iso(result.Item.ModifiedUtc),
                message = localizer["Utkastet sparades kl. {0}", ContentDates.Time(result.Item.ModifiedUtc)].Value,
            }),
        };
    }

    [HttpPost("kvalitetspris/ansokan/{id:length(32)}/medsokande")]
    public async Task<IActionResult> CoApplicant(string id, [FromForm] string? email, [FromForm] string? remove, CancellationToken cancellationToken)
    {
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var item = await visible.FindAsync(User, type, id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (item.OwnerId != UserId)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!string.IsNullOrEmpty(remove))
        {
            await members.RemoveAsync(type, id, remove, PrizeTypes.CoApplicantRole, UserId, cancellationToken);
            TempData["Message"] = localizer["Medsökande borttagen."].Value;
            return Redirect(PrizeUrls.Application(id) + "#medsokande");
        }

        var trimmed = (email ?? "").Trim();
        var person = trimmed.Length is > 0 and <= 256 && people.FirstOrDefault() is { } directory ? await directory.FindByEmailAsync(trimmed, cancellationToken) : null;
        if (person is null || person.Id == UserId)
        {
            TempData["Error"] = person is null
                ? localizer["Det finns ingen medarbetare med e-postadressen \"{0}\". Kontrollera adressen.", trimmed].Value
                : localizer["Du är redan den som söker."].Value;
            TempData["CoApplicantEmail"] = trimmed.Length > 256 ? trimmed[..256] : trimmed;
            return Redirect(PrizeUrls.Application(id) + "#medsokande");
        }

        await members.AddAsync(type, id, person.Id, PrizeTypes.CoApplicantRole, UserId, cancellationToken);
        TempData["Message"] = localizer["{0} är medsökande och kan läsa ansökan när den är inskickad.", person.Name].Value;
        return Redirect(PrizeUrls.Application(id) + "#medsokande");
    }

    [HttpGet("kvalitetspris/ansokan/{id:length(32)}/kvitto")]
    public async Task<IActionResult> Receipt(string id, CancellationToken cancellationToken)
    {
        var type = await prize.ApplicationTypeAsync(cancellationToken);
        var item = await visible.FindAsync(User, type, id, cancellationToken);
        if (item is null || item.OwnerId != UserId || !item.Published)
        {
            return NotFound();
        }

        var round = await prize.RoundAsync(PrizeTypes.Text(item.GetData()[PrizeTypes.RoundField]), cancellationToken);
        return View(await DisplayModelAsync(type, item, round, cancellationToken));
    }

    private Task<bool> MayApplyAsync(CancellationToken cancellationToken) =>
        permissions.HasPermissionAsync(User, KvalitetsprisPermissions.ApplyName, cancellationToken);

    /// <summary>Its author changes it while it is a draft, or in a step that lets the submitter edit (the workflow's data, not a state's name).</summary>
    private async Task<bool> MayEditAsync(ContentItem item, CancellationToken cancellationToken)
    {
        if (item.OwnerId != UserId)
        {
            return false;
        }

        if (!item.Published)
        {
            return true;
        }

        var workflow = await prize.ApplicationWorkflowAsync(cancellationToken);
        return workflow?.State(item.WorkflowState)?.OwnerCanEdit == true;
    }

    /// <summary>The form without the round (the page shows it and keeps it).</summary>
    private static ContentTypeDefinition FormType(ContentTypeDefinition type)
    {
        var copy = type.Copy();
        copy.Fields.RemoveAll(f => f.Name == PrizeTypes.RoundField);
        return copy;
    }

    private static ContentFormModel WithType(ContentFormModel read, ContentTypeDefinition type)
    {
        var form = new ContentFormModel { Type = type, ContentItemId = read.ContentItemId, Revision = read.Revision, Title = read.Title, UnitId = read.UnitId, Units = read.Units };
        foreach (var (key, value) in read.Values)
        {
            form.Values[key] = value;
        }

        foreach (var (key, value) in read.Files)
        {
            form.Files[key] = value;
        }

        foreach (var (key, value) in read.PendingFileTokens)
        {
            form.PendingFileTokens[key] = value;
        }

        return form;
    }

    private async Task<ApplicationEditViewModel> EditModelAsync(ContentTypeDefinition type, ContentItem item, PrizeRound round, ContentFormModel form, CancellationToken cancellationToken)
    {
        form.ContentItemId = item.ContentItemId;
        if (form.Units.Count == 0)
        {
            form.Units = (await unitDirectory.LoadAsync(cancellationToken)).Options(form.UnitId);
        }

        return new ApplicationEditViewModel
        {
            Form = form,
            Item = item,
            Round = round,
            ClosedMessage = item.Published ? null : await prize.ClosedMessageAsync(round, cancellationToken),
            AreaInputIds = [.. PrizeTypes.Areas.Where(a => type.Field(a) is not null).Select(a => "f_" + a)],
            CoApplicants = await CoApplicantsAsync(item.ContentItemId, cancellationToken),
            CoApplicantEmail = TempData.Peek("CoApplicantEmail") as string ?? "",
        };
    }

    private async Task<ApplicationDisplayViewModel> DisplayModelAsync(ContentTypeDefinition type, ContentItem item, PrizeRound? round, CancellationToken cancellationToken)
    {
        var data = item.GetData();
        var workflow = await prize.ApplicationWorkflowAsync(cancellationToken);
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var shown = type.OrderedFields
            .Where(f => f.Kind is not FieldKind.Files and not FieldKind.ContentReference && f.Name != PrizeTypes.ExternalProvider)
            .Select(f => (f.Label, FieldValues.ToDisplayText(f, data[f.Name])))
            .Where(f => f.Item2.Length > 0)
            .ToList();
        return new ApplicationDisplayViewModel
        {
            Item = item,
            Type = type,
            Round = round,
            Fields = shown,
            State = item.WorkflowState,
            StateDescription = workflow?.State(item.WorkflowState)?.Description,
            Applicant = PrizeTypes.Text(data[PrizeTypes.ExternalProvider]) is { } external ? localizer["{0} (extern utförare)", external].Value : units.NameOf(item.OrganisationUnitId),
            CoApplicants = await CoApplicantsAsync(item.ContentItemId, cancellationToken),
            IsOwner = item.OwnerId == UserId,
            MayEdit = await MayEditAsync(item, cancellationToken),
        };
    }

    private async Task<IReadOnlyList<CoApplicantRow>> CoApplicantsAsync(string id, CancellationToken cancellationToken)
    {
        var rows = (await members.GetAsync(id, cancellationToken)).Where(m => m.Role == PrizeTypes.CoApplicantRole).ToList();
        var directory = people.FirstOrDefault();
        var result = new List<CoApplicantRow>(rows.Count);
        foreach (var row in rows)
        {
            var person = directory is null ? null : await directory.FindByIdAsync(row.UserId, cancellationToken);
            result.Add(new CoApplicantRow(row.UserId, person?.Name ?? "–"));
        }

        return result;
    }
}
