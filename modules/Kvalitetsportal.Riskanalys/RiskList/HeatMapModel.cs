using Kvalitetsportal.Riskanalys.Matrix;
using Kvalitetsportal.Riskanalys.Risks;

namespace Kvalitetsportal.Riskanalys.RiskList;

/// <summary>A heat map and, beside it, the same numbers as a table (for screen readers and for checking).</summary>
public sealed record HeatMapModel(string Id, string Caption, RiskMatrix Matrix, HeatMapCounts Counts)
{
    public string ColumnsClass => $"risk-heatmap-cols-{Math.Clamp(Matrix.ConsequenceLevels, 2, 7)}";

    public string CellClass(int probability, int consequence) =>
        "risk-band-" + (Matrix.BandOf(probability, consequence)?.Colour ?? "none");

    public static HeatMapCounts Count(IEnumerable<RiskSummary> risks, Data.ValuationKind kind) =>
        new(kind, risks.Select(r => kind == Data.ValuationKind.Gross ? r.Gross : r.Residual)
            .Where(p => p is not null)
            .GroupBy(p => p!)
            .ToDictionary(g => g.Key, g => g.Count()));
}

/// <summary>What the risk list of one item shows (the caller has checked that the reader may see the item).</summary>
public sealed record RiskListModel(string ContentItemId, string Heading, IReadOnlyList<RiskSummary> Risks, RiskMatrix Matrix, HeatMapModel Gross, HeatMapModel Residual, bool MayAdd, string? ReturnUrl);

/// <summary>The table of risks (title, category, goal, gross, treatment, residual).</summary>
public sealed record RiskTableModel(IReadOnlyList<RiskSummary> Risks, RiskMatrix Matrix, string Caption);
