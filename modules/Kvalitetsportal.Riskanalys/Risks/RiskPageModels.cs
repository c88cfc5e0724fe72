using Kvalitetsportal.Riskanalys.Matrix;

namespace Kvalitetsportal.Riskanalys.Risks;

/// <summary>The page of one item's risks.</summary>
public sealed record ItemRisksViewModel(string ItemId, string ItemTitle, string ItemUrl);

/// <summary>The form to add a risk, with what the user typed.</summary>
public sealed class AddRiskViewModel
{
    public required string ItemId { get; init; }

    public required string ItemTitle { get; init; }

    public string? ReturnUrl { get; init; }

    public NewRisk Input { get; init; } = new();

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Goals { get; init; } = [];

    public IReadOnlyList<Organisation.Data.UnitOption> Units { get; init; } = [];
}

/// <summary>What a valuation form shows again (what the user typed, even when it was wrong).</summary>
public sealed record ValuationInput(string Probability, string Consequence);

/// <summary>One risk's page: its description, both valuations, treatment, secrecy and history.</summary>
public sealed class RiskViewModel
{
    public required RiskSummary Risk { get; init; }

    public required RiskMatrix Matrix { get; init; }

    public bool MayChange { get; init; }

    public string? UnitName { get; init; }

    public string? OwnerName { get; init; }

    public string? ItemTitle { get; init; }

    public string? ItemUrl { get; init; }

    public string? Secrecy { get; init; }

    public IReadOnlyList<RiskValuationEntry> History { get; init; } = [];

    public ValuationInput Gross { get; init; } = new("", "");

    public ValuationInput Residual { get; init; } = new("", "");

    public RiskTreatmentInput Treatment { get; init; } = new();

    public IReadOnlyList<string> Treatments { get; init; } = [];

    public IReadOnlyList<string> Levels { get; init; } = [];

    public string LegalGround { get; init; } = "";
}
