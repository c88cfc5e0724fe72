using Kvalitetsportal.Riskanalys.Data;
using Kvalitetsportal.Riskanalys.Matrix;

namespace Kvalitetsportal.Riskanalys.Risks;

/// <summary>A place on the matrix: probability and consequence level (1 = lowest).</summary>
public sealed record RiskPosition(int Probability, int Consequence)
{
    public int Value => RiskMatrix.Value(Probability, Consequence);

    public static RiskPosition? Of(int? probability, int? consequence) =>
        probability is int p && consequence is int c ? new RiskPosition(p, c) : null;
}

/// <summary>A risk as lists, heat maps and other modules see it (what the reader may see of it).</summary>
public sealed record RiskSummary
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string Cause { get; init; } = "";

    public string Consequence { get; init; } = "";

    public string? Category { get; init; }

    /// <summary>The goal of internal control the risk threatens (handbook p. 24).</summary>
    public string? Goal { get; init; }

    public string? OwnerUserId { get; init; }

    public int? UnitId { get; init; }

    /// <summary>The item whose risk list the risk is on.</summary>
    public string? ItemId { get; init; }

    /// <summary>Before treatment (brutto); null until valued.</summary>
    public RiskPosition? Gross { get; init; }

    /// <summary>After treatment (netto, restrisk); null until valued.</summary>
    public RiskPosition? Residual { get; init; }

    public string? Treatment { get; init; }

    public string? TreatmentText { get; init; }

    public DateOnly? AcceptedUntil { get; init; }

    public string? Cost { get; init; }

    public string? Complexity { get; init; }

    public int Revision { get; init; }

    public DateTime ModifiedUtc { get; init; }
}

/// <summary>The register's filters (all optional).</summary>
public sealed record RiskFilter
{
    /// <summary>A unit: its risks and those of the units below it.</summary>
    public int? UnitId { get; init; }

    public string? Goal { get; init; }

    public string? Category { get; init; }

    /// <summary>Only the risks on this item's list.</summary>
    public string? ItemId { get; init; }
}

/// <summary>How many risks stand in each cell, for one kind of valuation.</summary>
public sealed record HeatMapCounts(ValuationKind Kind, IReadOnlyDictionary<RiskPosition, int> Cells)
{
    public int CountAt(int probability, int consequence) => Cells.GetValueOrDefault(new RiskPosition(probability, consequence));

    public int Total => Cells.Values.Sum();
}

/// <summary>What a user wrote to add a risk (kept as typed when something is wrong).</summary>
public sealed record NewRisk
{
    public string Title { get; init; } = "";

    public string Cause { get; init; } = "";

    public string Consequence { get; init; } = "";

    public string Category { get; init; } = "";

    public string Goal { get; init; } = "";

    /// <summary>The owner's e-mail address (as typed) or empty.</summary>
    public string OwnerEmail { get; init; } = "";

    public string UnitId { get; init; } = "";
}

/// <summary>A risk's treatment as typed.</summary>
public sealed record RiskTreatmentInput
{
    public string Treatment { get; init; } = "";

    public string Description { get; init; } = "";

    public string AcceptedUntil { get; init; } = "";

    public string Cost { get; init; } = "";

    public string Complexity { get; init; } = "";

    public int Revision { get; init; }
}

/// <summary>
/// The outcome of a change: <see cref="Errors"/> per input name (Swedish, for the form's error
/// summary) or none; <see cref="NotFound"/> when the reader may not see the risk or item (answer 404);
/// <see cref="Forbidden"/> when they see it but may not change it (answer 403).
/// </summary>
public sealed record RiskChangeResult(IReadOnlyDictionary<string, string> Errors, string? RiskId = null, bool NotFound = false, bool Forbidden = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound && !Forbidden;

    public static RiskChangeResult Missing => new(new Dictionary<string, string>(), NotFound: true);

    public static RiskChangeResult Refused => new(new Dictionary<string, string>(), Forbidden: true);

    public static RiskChangeResult Done(string riskId) => new(new Dictionary<string, string>(), riskId);
}

/// <summary>One re-valuation as the history shows it.</summary>
public sealed record RiskValuationEntry(ValuationKind Kind, RiskPosition? From, RiskPosition To, string ByUserId, string ByName, DateTime AtUtc);
