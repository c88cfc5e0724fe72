using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Workflows.Runtime;

namespace Kvalitetsportal.Documents.Data;

/// <summary>
/// The item's workflow as its page shows it to the reader (<see cref="ItemWorkflowQuery"/>): the
/// state, its description, who holds it, and the history as the list "history", one row per step.
/// </summary>
public sealed class WorkflowDataContributor(ItemWorkflowQuery workflows) : IDocumentDataContributor
{
    public const string History = "history";

    public IEnumerable<DocumentField> Fields(ContentTypeDefinition type) =>
    [
        new("workflow.state", "Steg i arbetsflödet"),
        new("workflow.description", "Stegets beskrivning"),
        new("workflow.holder", "Vem som har ärendet nu"),
        new("workflow.entered", "När ärendet kom till steget (datum)"),
        new("history.date", "Datum och tid", History),
        new("history.actor", "Vem", History),
        new("history.step", "Vad som gjordes (övergångens namn)", History),
        new("history.from", "Från steg", History),
        new("history.to", "Till steg", History),
        new("history.comment", "Kommentar", History),
    ];

    public async Task ContributeAsync(DocumentDataContext context, CancellationToken cancellationToken)
    {
        if (await workflows.DescribeAsync(context.Reader, context.Type, context.Item, cancellationToken) is not { } view)
        {
            return;
        }

        var data = context.Data;
        data.Set("workflow.state", view.State);
        data.Set("workflow.description", view.StateDescription);
        data.Set("workflow.holder", view.HolderName);
        data.Set("workflow.entered", DocumentText.Date(view.EnteredStateUtc));
        foreach (var row in view.History)
        {
            data.AddRow(History, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["history.date"] = DocumentText.DateTime(row.OccurredUtc),
                ["history.actor"] = row.Actor,
                ["history.step"] = row.TransitionLabel ?? (row.FromState is null ? "Inskickad" : ""),
                ["history.from"] = row.FromState ?? "",
                ["history.to"] = row.ToState,
                ["history.comment"] = row.Comment ?? "",
            });
        }
    }
}
