using Kvalitetsportal.Contents.ContentForms;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Kvalitetspris.Prize;
using Kvalitetsportal.Organisation.Data;

namespace Kvalitetsportal.Kvalitetspris.Apply;

public sealed record MyApplicationRow(string Id, string Title, string RoundTitle, string? State, bool IsDraft, DateTime ModifiedUtc);

public sealed class PrizeStartViewModel
{
    public IReadOnlyList<(PrizeRound Round, bool Open)> Rounds { get; init; } = [];

    public IReadOnlyList<MyApplicationRow> Mine { get; init; } = [];

    public bool MayManage { get; init; }

    public bool IsJuror { get; init; }
}

public sealed class ApplyStartViewModel
{
    public required PrizeRound Round { get; init; }

    public required string FormToken { get; init; }

    public string Title { get; init; } = "";

    public int? UnitId { get; init; }

    public string ExternalProvider { get; init; } = "";

    public IReadOnlyList<UnitOption> Units { get; init; } = [];

    public string? ClosedMessage { get; init; }
}

public sealed record CoApplicantRow(string UserId, string Name);

public sealed class ApplicationEditViewModel
{
    public required ContentFormModel Form { get; init; }

    public required ContentItem Item { get; init; }

    public required PrizeRound Round { get; init; }

    /// <summary>Never submitted: autosaved, and submitted with the main button.</summary>
    public bool IsDraft => !Item.Published;

    public string? ClosedMessage { get; init; }

    public IReadOnlyList<string> AreaInputIds { get; init; } = [];

    public IReadOnlyList<CoApplicantRow> CoApplicants { get; init; } = [];

    public string CoApplicantEmail { get; init; } = "";
}

public sealed class ApplicationDisplayViewModel
{
    public required ContentItem Item { get; init; }

    public required Contents.Definitions.ContentTypeDefinition Type { get; init; }

    public PrizeRound? Round { get; init; }

    public IReadOnlyList<(string Label, string Text)> Fields { get; init; } = [];

    public string? State { get; init; }

    public string? StateDescription { get; init; }

    public string? Applicant { get; init; }

    public IReadOnlyList<CoApplicantRow> CoApplicants { get; init; } = [];

    public bool IsOwner { get; init; }

    public bool MayEdit { get; init; }
}
