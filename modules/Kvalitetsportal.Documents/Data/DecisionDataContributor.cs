using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Workflows.Decisions;

namespace Kvalitetsportal.Documents.Data;

/// <summary>
/// The item's decisions (Workflows' decision records) as the list "decisions", oldest first, and
/// the latest one as single fields, for a gate decision or a protocol extract. The caller has
/// checked that the reader may open the item, which is what the item's history asks too.
/// </summary>
public sealed class DecisionDataContributor(IDecisionQuery decisions) : IDocumentDataContributor
{
    public const string Decisions = "decisions";

    public IEnumerable<DocumentField> Fields(ContentTypeDefinition type) =>
    [
        new("decision.latest", "Senaste beslutet i en rad (vem, datum, §, utfall)"),
        new("decision.outcome", "Senaste beslutets utfall"),
        new("decision.conditions", "Senaste beslutets villkor"),
        new("decisions.date", "Beslutsdatum", Decisions),
        new("decisions.by", "Vem som beslutade (person eller organ)", Decisions),
        new("decisions.paragraph", "Paragraf (§)", Decisions),
        new("decisions.outcome", "Utfall", Decisions),
        new("decisions.conditions", "Villkor", Decisions),
        new("decisions.step", "Övergången beslutet gällde", Decisions),
    ];

    public async Task ContributeAsync(DocumentDataContext context, CancellationToken cancellationToken)
    {
        var all = await decisions.ForItemAsync(context.Item.ContentItemId, cancellationToken);
        if (all.Count == 0)
        {
            return;
        }

        var latest = all[^1];
        context.Data.Set("decision.latest", latest.Summary);
        context.Data.Set("decision.outcome", latest.Outcome);
        context.Data.Set("decision.conditions", latest.Conditions);
        foreach (var decision in all)
        {
            context.Data.AddRow(Decisions, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["decisions.date"] = decision.Date.ToString("d MMMM yyyy", DocumentText.Swedish),
                ["decisions.by"] = decision.DecidedBy,
                ["decisions.paragraph"] = decision.Paragraph ?? "",
                ["decisions.outcome"] = decision.Outcome,
                ["decisions.conditions"] = decision.Conditions ?? "",
                ["decisions.step"] = decision.TransitionLabel ?? decision.ToState,
            });
        }
    }
}
