using System.Globalization;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Riskanalys.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Riskanalys.Risks;

/// <summary>
/// An item's risk list, adding a risk to it and one risk's page (valuation, treatment, secrecy,
/// history). Every answer goes through <see cref="IRiskRegister"/>, which applies the item access
/// rules: a risk the reader may not see is a 404 whether it exists or not.
/// </summary>
[Authorize]
public sealed class RisksController(
    IRiskRegister register,
    IContentManager contents,
    IContentDefinitionStore definitions,
    ContentItemPages pages,
    IUnitDirectory units,
    IEnumerable<IPersonDirectory> people) : Controller
{
    public const string GrossPrefix = "Brutto";
    public const string ResidualPrefix = "Netto";

    [HttpGet("riskanalys/for/{itemId:length(32)}")]
    public async Task<IActionResult> ForItem(string itemId, CancellationToken cancellationToken)
    {
        if (!await register.MaySeeItemAsync(User, itemId, cancellationToken) || await contents.GetLatestAsync(itemId, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        return View(new ItemRisksViewModel(itemId, item.DisplayText, await pages.ReadUrlAsync(item.ContentType, itemId, cancellationToken)));
    }

    [HttpGet("riskanalys/for/{itemId:length(32)}/ny")]
    public async Task<IActionResult> Add(string itemId, [FromQuery(Name = "tillbaka")] string? returnUrl, CancellationToken cancellationToken)
    {
        if (await AddGuardAsync(itemId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var myUnit = User.FindFirst(Kvalitetsportal.Users.Setup.PortalClaimsPrincipalFactory.UnitClaim)?.Value ?? "";
        return View(await AddModelAsync(itemId, returnUrl, new NewRisk { UnitId = myUnit }, cancellationToken));
    }

    [HttpPost("riskanalys/for/{itemId:length(32)}/ny")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> AddPost(string itemId, [FromQuery(Name = "tillbaka")] string? returnUrl, [FromForm] NewRisk input, CancellationToken cancellationToken)
    {
        if (await AddGuardAsync(itemId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = await register.AddAsync(User, itemId, input, cancellationToken);
        if (!result.Succeeded)
        {
            if (result.NotFound)
            {
                return NotFound();
            }

            if (result.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            foreach (var (key, message) in result.Errors)
            {
                ModelState.AddModelError(key, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Add), await AddModelAsync(itemId, returnUrl, input, cancellationToken));
        }

        TempData["Message"] = "Risken är tillagd. Värdera den nu på riskmatrisen.";
        return Redirect(RiskUrls.Risk(result.RiskId!));
    }

    [HttpGet("riskanalys/risker/{id:length(32)}")]
    public async Task<IActionResult> Risk(string id, CancellationToken cancellationToken)
    {
        var model = await RiskModelAsync(id, null, null, null, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("riskanalys/risker/{id:length(32)}/vardering")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Value(string id, [FromForm] string? kind, [FromForm] string? probability, [FromForm] string? consequence, CancellationToken cancellationToken)
    {
        var valuation = kind == ResidualPrefix ? ValuationKind.Residual : ValuationKind.Gross;
        var prefix = valuation == ValuationKind.Residual ? ResidualPrefix : GrossPrefix;
        var result = await register.ValueAsync(User, id, valuation, probability, consequence, cancellationToken);
        if (Refusal(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors)
            {
                ModelState.AddModelError(prefix + "." + key, message);
            }

            var typed = new ValuationInput(probability ?? "", consequence ?? "");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Risk), await RiskModelAsync(id, valuation == ValuationKind.Gross ? typed : null, valuation == ValuationKind.Residual ? typed : null, null, null, cancellationToken));
        }

        TempData["Message"] = valuation == ValuationKind.Gross ? "Bruttorisken är värderad." : "Restrisken är värderad.";
        return Redirect(RiskUrls.Risk(id));
    }

    [HttpPost("riskanalys/risker/{id:length(32)}/behandling")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Treat(string id, [FromForm] RiskTreatmentInput input, CancellationToken cancellationToken)
    {
        var result = await register.TreatAsync(User, id, input, cancellationToken);
        if (Refusal(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors)
            {
                ModelState.AddModelError(key, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Risk), await RiskModelAsync(id, null, null, input, null, cancellationToken));
        }

        TempData["Message"] = "Behandlingen är sparad.";
        return Redirect(RiskUrls.Risk(id));
    }

    [HttpPost("riskanalys/risker/{id:length(32)}/sekretess")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Secrecy(string id, [FromForm] string? legalGround, [FromForm] bool lift, CancellationToken cancellationToken)
    {
        var result = await register.SetSecrecyAsync(User, id, lift ? null : legalGround, cancellationToken);
        if (Refusal(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded || (!lift && string.IsNullOrWhiteSpace(legalGround)))
        {
            foreach (var (key, message) in result.Errors)
            {
                ModelState.AddModelError(key, message);
            }

            if (result.Errors.Count == 0)
            {
                ModelState.AddModelError(RiskInputs.LegalGround, "Ange den rättsliga grunden för sekretessen, till exempel \"OSL 18 kap. 8 §\".");
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Risk), await RiskModelAsync(id, null, null, null, legalGround ?? "", cancellationToken));
        }

        TempData["Message"] = lift ? "Sekretessmarkeringen är borttagen." : "Risken är sekretessmarkerad.";
        return Redirect(RiskUrls.Risk(id));
    }

    private IActionResult? Refusal(RiskChangeResult result) =>
        result.NotFound ? NotFound() : result.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : null;

    private async Task<IActionResult?> AddGuardAsync(string itemId, CancellationToken cancellationToken)
    {
        if (!await register.MaySeeItemAsync(User, itemId, cancellationToken))
        {
            return NotFound();
        }

        return await register.MayChangeAsync(User, cancellationToken) ? null : StatusCode(StatusCodes.Status403Forbidden);
    }

    private async Task<AddRiskViewModel> AddModelAsync(string itemId, string? returnUrl, NewRisk input, CancellationToken cancellationToken)
    {
        var item = await contents.GetLatestAsync(itemId, cancellationToken);
        var type = await definitions.GetAsync(RiskTypes.Risk, cancellationToken);
        var unit = int.TryParse(input.UnitId, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : (int?)null;
        return new AddRiskViewModel
        {
            ItemId = itemId,
            ItemTitle = item?.DisplayText ?? "",
            ReturnUrl = returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : null,
            Input = input,
            Categories = type?.Field(RiskTypes.Category)?.Choices ?? [],
            Goals = type?.Field(RiskTypes.Goal)?.Choices ?? [],
            Units = (await units.LoadAsync(cancellationToken)).Options(unit),
        };
    }

    private async Task<RiskViewModel?> RiskModelAsync(string id, ValuationInput? gross, ValuationInput? residual, RiskTreatmentInput? treatment, string? legalGround, CancellationToken cancellationToken)
    {
        var risk = await register.FindAsync(User, id, cancellationToken);
        if (risk is null)
        {
            return null;
        }

        var type = await definitions.GetAsync(RiskTypes.Risk, cancellationToken);
        var item = risk.ItemId is { } itemId && await register.MaySeeItemAsync(User, itemId, cancellationToken) ? await contents.GetLatestAsync(itemId, cancellationToken) : null;
        var owner = risk.OwnerUserId is { } ownerId && people.FirstOrDefault() is { } directory ? await directory.FindByIdAsync(ownerId, cancellationToken) : null;
        static string Text(int? level) => level?.ToString(CultureInfo.InvariantCulture) ?? "";
        return new RiskViewModel
        {
            Risk = risk,
            Matrix = await register.MatrixAsync(cancellationToken),
            MayChange = await register.MayChangeAsync(User, cancellationToken),
            UnitName = (await units.LoadAsync(cancellationToken)).NameOf(risk.UnitId),
            OwnerName = owner?.Name,
            ItemTitle = item?.DisplayText,
            ItemUrl = item is null ? null : RiskUrls.ForItem(item.ContentItemId),
            Secrecy = await register.SecrecyAsync(id, cancellationToken),
            History = await register.HistoryAsync(User, id, cancellationToken),
            Gross = gross ?? new ValuationInput(Text(risk.Gross?.Probability), Text(risk.Gross?.Consequence)),
            Residual = residual ?? new ValuationInput(Text(risk.Residual?.Probability), Text(risk.Residual?.Consequence)),
            Treatment = treatment ?? new RiskTreatmentInput
            {
                Treatment = risk.Treatment ?? "",
                Description = risk.TreatmentText ?? "",
                AcceptedUntil = risk.AcceptedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                Cost = risk.Cost ?? "",
                Complexity = risk.Complexity ?? "",
                Revision = risk.Revision,
            },
            Treatments = type?.Field(RiskTypes.Treatment)?.Choices ?? [],
            Levels = type?.Field(RiskTypes.Cost)?.Choices ?? [],
            LegalGround = legalGround ?? "",
        };
    }
}
