using System.Globalization;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Kvalitetspris.Prize;

/// <summary>
/// A prize round as the applicant's and the coordinator's pages read it. Whether it takes
/// applications follows its dates (Swedish time) and whether its workflow state is final, never a
/// state's name: the timer closes it at the deadline, and a late post is refused here even if the
/// timer has not fired yet.
/// </summary>
public sealed record PrizeRound(ContentItem Item, DateOnly? OpensOn, DateOnly? ClosesOn, int MaxCharacters, int ScaleMax, string CallText)
{
    public string Id => Item.ContentItemId;

    public string Title => Item.DisplayText;

    public static PrizeRound From(ContentItem item)
    {
        var data = item.GetData();
        var max = PrizeTypes.Number(data[PrizeTypes.MaxCharacters]) is { } m && m >= 1 ? (int)m : PrizeTypes.DefaultMaxCharacters;
        var scale = PrizeTypes.Number(data[PrizeTypes.ScaleMax]) is { } s && s >= 2 ? (int)s : PrizeTypes.DefaultScaleMax;
        return new PrizeRound(item, PrizeTypes.Date(data[PrizeTypes.OpensOn]), PrizeTypes.Date(data[PrizeTypes.ClosesOn]), max, scale, PrizeTypes.Text(data[PrizeTypes.CallText]) ?? "");
    }

    /// <summary>The moment the round stops taking applications: 00:00 Swedish time on its closing day (as its timer).</summary>
    public DateTime? DeadlineUtc => ClosesOn is { } day ? SwedishTime.StartOfDayUtc(day) : null;

    public DateTime? OpensUtc => OpensOn is { } day ? SwedishTime.StartOfDayUtc(day) : null;

    public bool IsOpen(WorkflowDefinition? workflow, DateTimeOffset now) =>
        workflow?.State(Item.WorkflowState)?.Final != true
        && OpensUtc is { } opens && now.UtcDateTime >= opens
        && DeadlineUtc is { } deadline && now.UtcDateTime < deadline;

    public bool HasClosed(DateTimeOffset now) => DeadlineUtc is not { } deadline || now.UtcDateTime >= deadline;

    /// <summary>The last day to submit, as the applicant reads it ("31 mars 2027").</summary>
    public string LastDayText => ClosesOn is { } day ? day.AddDays(-1).ToString("d MMMM yyyy", Sweden) : "";

    public string OpensText => OpensOn is { } day ? day.ToString("d MMMM yyyy", Sweden) : "";

    private static readonly CultureInfo Sweden = CultureInfo.GetCultureInfo("sv-SE");
}
