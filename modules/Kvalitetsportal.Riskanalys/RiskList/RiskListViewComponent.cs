using Kvalitetsportal.Riskanalys.Data;
using Kvalitetsportal.Riskanalys.Risks;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Riskanalys.RiskList;

/// <summary>
/// "The risks of item X" on any module's item page: heat maps (gross and residual) each with a
/// table, the risks the reader may see, and "Lägg till risk" for those who may. The page has
/// already checked that the reader may see item X; each risk is filtered by its own access.
/// </summary>
public sealed class RiskListViewComponent(IRiskRegister register) : ViewComponent
{
    public const string Name = "RiskList";

    public async Task<IViewComponentResult> InvokeAsync(string contentItemId, string? returnUrl = null, string? heading = null)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var risks = await register.ForItemAsync(UserClaimsPrincipal, contentItemId, cancellationToken);
        var matrix = await register.MatrixAsync(cancellationToken);
        var id = "risker-" + contentItemId;
        return View("~/RiskList/Default.cshtml", new RiskListModel(
            contentItemId,
            heading ?? "Risker",
            risks,
            matrix,
            new HeatMapModel(id + "-brutto", "Bruttorisk (före behandling)", matrix, HeatMapModel.Count(risks, ValuationKind.Gross)),
            new HeatMapModel(id + "-netto", "Restrisk (efter behandling)", matrix, HeatMapModel.Count(risks, ValuationKind.Residual)),
            await register.MayChangeAsync(UserClaimsPrincipal, cancellationToken),
            returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : null));
    }
}
