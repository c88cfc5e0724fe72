using System.Globalization;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Riskanalys.Data;
using Kvalitetsportal.Riskanalys.Matrix;
using Kvalitetsportal.Riskanalys.RiskList;
using Kvalitetsportal.Riskanalys.Risks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.Riskanalys.Riskregister;

public sealed record RiskRegisterViewModel(
    RiskFilter Filter,
    IReadOnlyList<UnitOption> Units,
    IReadOnlyList<string> Goals,
    IReadOnlyList<string> Categories,
    RiskMatrix Matrix,
    HeatMapModel Gross,
    HeatMapModel Residual,
    IReadOnlyList<RiskSummary> Risks,
    int Shown);

/// <summary>The register across items: every risk the reader may see, filtered by unit (and below), goal and category.</summary>
[Authorize]
public sealed class RiskRegisterController(IRiskRegister register, IContentDefinitionStore definitions, IUnitDirectory units) : Controller
{
    public const int PageSize = 200;

    [HttpGet("riskanalys")]
    public async Task<IActionResult> Index([FromQuery(Name = "enhet")] string? unit, [FromQuery(Name = "mal")] string? goal, [FromQuery(Name = "kategori")] string? category, CancellationToken cancellationToken)
    {
        var type = await definitions.GetAsync(RiskTypes.Risk, cancellationToken);
        var goals = type?.Field(RiskTypes.Goal)?.Choices ?? [];
        var categories = type?.Field(RiskTypes.Category)?.Choices ?? [];
        var unitId = int.TryParse(unit, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : (int?)null;

        // Only values the lists offer are filters; anything else is ignored rather than an error page.
        var filter = new RiskFilter
        {
            UnitId = unitId,
            Goal = goals.Contains(goal ?? "", StringComparer.Ordinal) ? goal : null,
            Category = categories.Contains(category ?? "", StringComparer.Ordinal) ? category : null,
        };
        var matrix = await register.MatrixAsync(cancellationToken);
        var risks = await register.SearchAsync(User, filter, PageSize, cancellationToken);
        return View(new RiskRegisterViewModel(
            filter,
            (await units.LoadAsync(cancellationToken)).Options(unitId),
            goals,
            categories,
            matrix,
            new HeatMapModel("register-brutto", "Bruttorisk (före behandling)", matrix, await register.HeatMapAsync(User, filter, ValuationKind.Gross, cancellationToken)),
            new HeatMapModel("register-netto", "Restrisk (efter behandling)", matrix, await register.HeatMapAsync(User, filter, ValuationKind.Residual, cancellationToken)),
            risks,
            risks.Count));
    }
}
