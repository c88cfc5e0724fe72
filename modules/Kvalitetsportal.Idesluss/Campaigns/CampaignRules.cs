using System.Globalization;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Localization;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Idesluss.Campaigns;

/// <summary>Whether a campaign takes ideas: before the end of its last day (Swedish time), and not in a final workflow state.</summary>
public static class CampaignRules
{
    public static DateOnly? Deadline(ContentItem campaign) =>
        IdeaTypes.Text(campaign.GetData()[IdeaTypes.Deadline]) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static bool IsOpen(ContentItem campaign, WorkflowDefinition? workflow, DateTimeOffset now)
    {
        // The workflow's timer closes it at the deadline; checked here too, so a late post is refused even if the timer has not fired.
        if (workflow?.State(campaign.WorkflowState)?.Final == true)
        {
            return false;
        }

        var today = DateOnly.FromDateTime(SwedishTime.Of(now).DateTime);
        return Deadline(campaign) is { } deadline && today <= deadline;
    }
}
