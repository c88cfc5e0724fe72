using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>What "Skapa arbetsflöde" starts from: nothing is saved until the administrator saves.</summary>
public static class WorkflowStarters
{
    public const string Suggested = "forslag";
    public const string Empty = "tom";

    /// <summary>
    /// Inskickad → Under bedömning → Beslutad, taken by administrators or whoever holds the item (a
    /// new item goes to its unit's manager), with a comment required on the decision and a mail to
    /// the submitter: valid as it stands.
    /// </summary>
    public static WorkflowDefinition Suggestion(ContentTypeDefinition type) => new()
    {
        ContentType = type.Name,
        DisplayName = $"Handläggning av {type.DisplayName.ToLowerInvariant()}",
        InitialState = "Inskickad",
        States =
        [
            new()
            {
                Name = "Inskickad",
                Description = "Ditt ärende har kommit in och väntar på att någon börjar titta på det.",
                // Someone must hold a new item, or only an administrator could move it on.
                Activities = [new AssignActivity { Label = "Lämna ärendet till chefen för enheten", To = new Recipient { Kind = RecipientKind.UnitManager } }],
            },
            new() { Name = "Under bedömning", Description = "Ditt ärende bedöms just nu. Du får besked när beslutet är fattat." },
            new() { Name = "Beslutad", Description = "Beslutet är fattat. Motiveringen står i historiken.", Final = true },
        ],
        Transitions =
        [
            new()
            {
                Id = "paborja-bedomning", From = "Inskickad", To = "Under bedömning", Label = "Påbörja bedömning",
                Roles = [WellKnownRoles.Administrator], AllowAssignee = true,
            },
            new()
            {
                Id = "besluta", From = "Under bedömning", To = "Beslutad", Label = "Besluta",
                Roles = [WellKnownRoles.Administrator], AllowAssignee = true, CommentRequired = true,
                Activities =
                [
                    new SendMailActivity
                    {
                        Label = "Berätta om beslutet för den som skickade in",
                        To = new Recipient { Kind = RecipientKind.Owner },
                        Subject = "Beslut om {{ item.title }}",
                        Body = "Hej {{ recipient.name }}!\n\nDitt ärende \"{{ item.title }}\" är nu {{ item.state | downcase }}.\n\n{{ comment }}\n\nLäs mer: {{ item.url }}",
                    },
                ],
            },
        ],
    };

    /// <summary>One final state: the smallest valid workflow, to build on.</summary>
    public static WorkflowDefinition Blank(ContentTypeDefinition type) => new()
    {
        ContentType = type.Name,
        DisplayName = $"Arbetsflöde för {type.DisplayName.ToLowerInvariant()}",
        InitialState = "Inskickad",
        States = [new() { Name = "Inskickad", Description = "Ditt ärende har kommit in.", Final = true }],
    };
}
