using System.Security.Claims;
using Kvalitetsportal.Riskanalys.Data;
using Kvalitetsportal.Riskanalys.Matrix;

namespace Kvalitetsportal.Riskanalys.Risks;

/// <summary>
/// The risk register for every module (docs/building-blocks/riskanalys.md). Every read is filtered
/// by what the reader may see (the Risk type's access clauses: unit subtree, owner, secrecy); every
/// change checks both that the risk is visible to the actor and the permission "Riskanalys.Value".
/// </summary>
public interface IRiskRegister
{
    /// <summary>The risks on item X's list that the reader may see, highest gross risk first.</summary>
    Task<IReadOnlyList<RiskSummary>> ForItemAsync(ClaimsPrincipal reader, string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>The register: risks the reader may see, filtered, highest gross risk first (at most <paramref name="take"/>).</summary>
    Task<IReadOnlyList<RiskSummary>> SearchAsync(ClaimsPrincipal reader, RiskFilter filter, int take = 500, CancellationToken cancellationToken = default);

    /// <summary>Counts per cell of the matrix for the same filter (all matching risks, not just one page).</summary>
    Task<HeatMapCounts> HeatMapAsync(ClaimsPrincipal reader, RiskFilter filter, ValuationKind kind, CancellationToken cancellationToken = default);

    /// <summary>One risk, if the reader may see it; null otherwise (answer 404).</summary>
    Task<RiskSummary?> FindAsync(ClaimsPrincipal reader, string riskId, CancellationToken cancellationToken = default);

    /// <summary>Whether the reader may see item X (of any type), so may read and add to its risk list.</summary>
    Task<bool> MaySeeItemAsync(ClaimsPrincipal reader, string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>Whether the user may add, value and treat risks (the permission; visibility is checked per risk).</summary>
    Task<bool> MayChangeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);

    Task<RiskMatrix> MatrixAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a risk to item X's list (published at once). Errors are keyed by the input names in <see cref="RiskInputs"/>.</summary>
    Task<RiskChangeResult> AddAsync(ClaimsPrincipal actor, string contentItemId, NewRisk input, CancellationToken cancellationToken = default);

    /// <summary>Values (or re-values) a risk's gross or residual risk from what the user typed; the change is kept in the history.</summary>
    Task<RiskChangeResult> ValueAsync(ClaimsPrincipal actor, string riskId, ValuationKind kind, string? probability, string? consequence, CancellationToken cancellationToken = default);

    /// <summary>Sets the treatment (kontroll / åtgärd / acceptera with an expiry date), its cost and complexity.</summary>
    Task<RiskChangeResult> TreatAsync(ClaimsPrincipal actor, string riskId, RiskTreatmentInput input, CancellationToken cancellationToken = default);

    /// <summary>Marks the risk secret (sekretess) with its legal ground, or lifts the marking (null or empty).</summary>
    Task<RiskChangeResult> SetSecrecyAsync(ClaimsPrincipal actor, string riskId, string? legalGround, CancellationToken cancellationToken = default);

    /// <summary>The secrecy marking's legal ground, or null (the caller has found the risk visible).</summary>
    Task<string?> SecrecyAsync(string riskId, CancellationToken cancellationToken = default);

    /// <summary>Every valuation of the risk, newest first; empty when the reader may not see it.</summary>
    Task<IReadOnlyList<RiskValuationEntry>> HistoryAsync(ClaimsPrincipal reader, string riskId, CancellationToken cancellationToken = default);
}

/// <summary>Form input names of the risk forms (the keys of <see cref="RiskChangeResult.Errors"/>).</summary>
public static class RiskInputs
{
    public const string Title = "Title";
    public const string Cause = "Cause";
    public const string Consequence = "Consequence";
    public const string Category = "Category";
    public const string Goal = "Goal";
    public const string OwnerEmail = "OwnerEmail";
    public const string UnitId = "UnitId";
    public const string Probability = "Probability";
    public const string ConsequenceLevel = "ConsequenceLevel";
    public const string Treatment = "Treatment";
    public const string TreatmentText = "TreatmentText";
    public const string AcceptedUntil = "AcceptedUntil";
    public const string Cost = "Cost";
    public const string Complexity = "Complexity";
    public const string LegalGround = "LegalGround";
    public const string Form = "";
}
