using System.Globalization;
using Fluid;
using Fluid.Values;
using Kvalitetsportal.Templating;

namespace Kvalitetsportal.Recurring.Schedules;

/// <summary>What a schedule's title and field templates may use.</summary>
public sealed record ScheduleTemplateModel(Period Period, IReadOnlyDictionary<string, object?>? Source);

/// <summary>
/// Renders a schedule's Liquid templates with the portal's bounded renderer (<see cref="LiquidText"/>):
/// period ("kvartal 1 2026"), period_key ("2026-K1"), year, period_start, period_end (yyyy-MM-dd),
/// and source.id, source.title, source.fields.&lt;name&gt; when the schedule has a source type.
/// </summary>
public sealed class TitleTemplates
{
    private readonly LiquidText _liquid = new();

    /// <summary>Null when the template is fine, else why not (in Swedish).</summary>
    public static string? Problem(string template) =>
        LiquidText.TryParse(template, out var error) ? null : $"Mallen går inte att läsa: {error}";

    public string Render(string template, ScheduleTemplateModel model) => _liquid.Render(template, context =>
    {
        context.SetValue("period", model.Period.Label);
        context.SetValue("period_key", model.Period.Key);
        context.SetValue("year", model.Period.Start.Year);
        context.SetValue("period_start", model.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        context.SetValue("period_end", model.Period.End.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        context.SetValue("source", FluidValue.Create(model.Source ?? new Dictionary<string, object?>(), LiquidText.Options));
    });

    /// <summary>A title: one line, at most 200 characters.</summary>
    public string RenderTitle(string template, ScheduleTemplateModel model) => LiquidText.OneLine(Render(template, model));
}
