using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Documents.Data;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.Organisation.Data;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.InternKontroll.Documents;

/// <summary>
/// The follow-up report's merge fields for a plan: one row per control point with its goal, method,
/// the outcome of each period and its traffic light. Read through <see cref="InternalControl"/> with
/// the reader, so the document holds no more than the plan's page shows that reader.
/// </summary>
public sealed class ControlReportData(InternalControl control, IPersonDirectory people, IOptions<TrafficLightOptions> lights) : IDocumentDataContributor
{
    public const string List = "kontrollmoment";

    public IEnumerable<DocumentField> Fields(ContentTypeDefinition type) => type.Name != ControlTypes.Plan ? [] :
    [
        new("plan.namnd", "Nämnden eller bolaget som planen gäller"),
        new("plan.antal", "Antal kontrollmoment"),
        new("plan.avvikelser", "Antal kontroller med avvikelse"),
        new("kontrollmoment.title", "Kontrollmomentet: vad som kontrolleras", List),
        new("kontrollmoment.goal", "Kontrollmomentets mål", List),
        new("kontrollmoment.process", "Processen", List),
        new("kontrollmoment.method", "Metod", List),
        new("kontrollmoment.frequency", "Frekvens", List),
        new("kontrollmoment.responsible", "Ansvarig", List),
        new("kontrollmoment.outcomes", "Utfall per period, t.ex. \"2026-K1: OK\"", List),
        new("kontrollmoment.light", "Trafikljus: Grön, Gul, Röd eller Grå", List),
        new("kontrollmoment.lighttext", "Trafikljus med förklaring, t.ex. \"Röd (Avvikelse)\"", List),
    ];

    public async Task ContributeAsync(DocumentDataContext context, CancellationToken cancellationToken)
    {
        if (context.Type.Name != ControlTypes.Plan)
        {
            return;
        }

        var view = await control.PlanAsync(context.Reader, context.Item, cancellationToken);
        context.Data.Set("plan.namnd", view.Namnd);
        context.Data.Set("plan.antal", view.Points.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Data.Set("plan.avvikelser", view.Points.Sum(p => p.Checks.Count(c => ControlTypes.Text(c.GetData()[ControlTypes.Outcome]) is { } outcome && lights.Value.Red.Contains(outcome, StringComparer.Ordinal))).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var point in view.Points)
        {
            var data = point.Point.GetData();
            var responsible = point.ResponsibleId is { } id ? (await people.FindByIdAsync(id, cancellationToken))?.Name : null;
            context.Data.AddRow(List, new Dictionary<string, string>
            {
                ["kontrollmoment.title"] = point.Point.DisplayText,
                ["kontrollmoment.goal"] = point.Goal,
                ["kontrollmoment.process"] = point.Process ?? "",
                ["kontrollmoment.method"] = ControlTypes.Text(data[ControlTypes.Method]) ?? "",
                ["kontrollmoment.frequency"] = ControlTypes.Text(data[ControlTypes.Frequency]) ?? "",
                ["kontrollmoment.responsible"] = responsible ?? "",
                ["kontrollmoment.outcomes"] = string.Join("\n", point.Checks.Select(c =>
                    $"{ControlTypes.Text(c.GetData()[ControlTypes.Period]) ?? c.DisplayText}: {ControlTypes.Text(c.GetData()[ControlTypes.Outcome]) ?? "inte rapporterad"}")),
                ["kontrollmoment.light"] = point.Light.Colour,
                ["kontrollmoment.lighttext"] = $"{point.Light.Colour} ({point.Light.Text})",
            });
        }
    }
}
