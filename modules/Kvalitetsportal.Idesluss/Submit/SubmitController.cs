using System.Globalization;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Editing;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Idesluss.Campaigns;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Idesluss.Submit;

public sealed class SubmitViewModel
{
    public required ContentFormModel Form { get; init; }

    public required string FormToken { get; init; }

    public ContentItem? Campaign { get; init; }

    public string? CampaignQuestion { get; init; }

    public string? CampaignClosedMessage { get; init; }
}

/// <summary>
/// The employee's idea form: the idea type's own fields (rendered by the generic field partial),
/// without the coordinator's fields, built to be done on a phone in a few minutes. A double
/// submit is caught by the one-time form token; a closed campaign refuses on the server.
/// </summary>
[Authorize]
public sealed class SubmitController(
    IdeaQueries queries,
    IContentManager contents,
    ContentAuthorizer authorizer,
    IWorkflowDefinitionStore workflows,
    IUnitDirectory unitDirectory,
    IFileStore files,
    IDataProtectionProvider protection,
    CreateWithFormToken create,
    TimeProvider clock,
    IStringLocalizer<SubmitController> localizer,
    ILogger<SubmitController> logger) : Controller
{
    /// <summary>Five files of at most 10 MB and the text: larger bodies are refused before they are read.</summary>
    public const long MaxRequestBytes = 60L * 1024 * 1024;

    public const string CampaignInput = "utmaning";

    [HttpGet("ideer/ny")]
    public async Task<IActionResult> Index(string? utmaning, CancellationToken cancellationToken)
    {
        var type = await EmployeeTypeAsync(cancellationToken);
        if (!await authorizer.CanCreateAsync(User, type, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var form = ContentForms.For(type, null, []);
        form.Units = (await unitDirectory.LoadAsync(cancellationToken)).Options();
        var (campaign, question, closed) = await CampaignAsync(utmaning, cancellationToken);
        return View(new SubmitViewModel { Form = form, FormToken = CreateWithFormToken.NewFormToken(), Campaign = campaign, CampaignQuestion = question, CampaignClosedMessage = closed });
    }

    [HttpPost("ideer/ny")]
    [BodyLimit(MaxRequestBytes)] // routing metadata, not MVC's size filters: [TooLargeUpload] reads the form first and they would warn
    [TooLargeUpload]
    public async Task<IActionResult> Post(CancellationToken cancellationToken)
    {
        var type = await EmployeeTypeAsync(cancellationToken);
        if (!await authorizer.CanCreateAsync(User, type, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        IFormCollection posted;
        try
        {
            posted = await Request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return View("TooLarge");
        }
        catch (InvalidDataException)
        {
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return View("TooLarge");
        }

        var userId = ContentAuthorizer.UserId(User)!;
        var campaignId = posted[CampaignInput].ToString();
        var (campaign, question, closed) = await CampaignAsync(campaignId, cancellationToken);
        var full = await queries.TypeAsync(IdeaTypes.Idea, cancellationToken);
        var formToken = posted[CreateWithFormToken.FormTokenInput].ToString();
        ContentFormModel? form = null;
        var result = await create.CreateAsync(full, userId, formToken, publish: true, async () =>
        {
            var read = await new ContentFormReader(files, protection).ReadAsync(type, posted, null, ModelState, cancellationToken);
            form = read.Form;
            if (campaign is not null && closed is not null)
            {
                ModelState.AddModelError(CampaignInput, closed);
            }

            if (read.Change is null || !ModelState.IsValid)
            {
                return null;
            }

            var data = read.Change.Data;
            data[IdeaTypes.CampaignField] = campaign?.ContentItemId;
            return read.Change with { Data = data };
        }, cancellationToken);

        switch (result.Outcome)
        {
            case CreateOutcome.AlreadyCreated:
                TempData["Message"] = localizer["Idén var redan inskickad och sparades bara en gång. Referens: {0}.", ContentItemUrls.Reference(result.EarlierId!)].Value;
                return Redirect(IdeaUrls.Receipt(result.EarlierId!));
            case CreateOutcome.InProgress:
                TempData["Message"] = localizer["Idén håller på att sparas. Den visas under Mina ärenden när den är klar."].Value;
                return Redirect(ContentItemUrls.Mine);
            case CreateOutcome.Invalid:
                // Everything typed comes back, and uploaded files are kept (as protected tokens) across the error.
                form!.Units = (await unitDirectory.LoadAsync(cancellationToken)).Options(form.UnitId);
                return View(nameof(Index), new SubmitViewModel { Form = form, FormToken = result.FormToken, Campaign = campaign, CampaignQuestion = question, CampaignClosedMessage = closed });
            default:
                logger.LogInformation("Idea {ContentItemId} submitted by user {UserId}", result.Item!.ContentItemId, userId);
                return Redirect(IdeaUrls.Receipt(result.Item.ContentItemId));
        }
    }

    /// <summary>The idea type without the fields the coordinator fills in (and without the campaign, which the page sets).</summary>
    private async Task<ContentTypeDefinition> EmployeeTypeAsync(CancellationToken cancellationToken)
    {
        return IdeaTypes.EmployeeForm(await queries.TypeAsync(IdeaTypes.Idea, cancellationToken));
    }

    private async Task<(ContentItem? Campaign, string? Question, string? ClosedMessage)> CampaignAsync(string? id, CancellationToken cancellationToken)
    {
        if (!ContentItemIds.IsWellFormed(id))
        {
            return (null, null, null);
        }

        var campaignType = await queries.TypeAsync(IdeaTypes.Campaign, cancellationToken);
        var campaign = await contents.GetLatestAsync(id, cancellationToken);
        if (campaign is null || campaign.ContentType != IdeaTypes.Campaign || !campaign.Published || !await authorizer.CanAsync(User, campaignType, campaign, ContentAction.ViewOwn, cancellationToken))
        {
            return (null, null, null);
        }

        var workflow = (await workflows.GetCurrentAsync(IdeaTypes.Campaign, cancellationToken))?.Definition;
        var closed = CampaignRules.IsOpen(campaign, workflow, clock.GetUtcNow())
            ? null
            : localizer["Idéutmaningen \"{0}\" är stängd sedan {1}. Din idé är inte inskickad; du kan skicka in den som en vanlig idé i stället.", campaign.DisplayText, CampaignRules.Deadline(campaign)?.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("sv-SE")) ?? ""].Value;
        return (campaign, IdeaTypes.Text(campaign.GetData()[IdeaTypes.Question]), closed);
    }
}
