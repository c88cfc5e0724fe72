using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Kvalitetsportal.Localization;

namespace Kvalitetsportal.Recurring.Schedules;

/// <summary>What a schedule's title and field templates may use.</summary>
public sealed record ScheduleTemplateModel(Period Period, IReadOnlyDictionary<string, object?>? Source);

/// <summary>
/// Renders a schedule's Liquid templates with Fluid, bounded as the workflow templates are:
/// period ("kvartal 1 2026"), period_key ("2026-K1"), year, period_start, period_end (yyyy-MM-dd),
/// and source.id, source.title, source.fields.&lt;name&gt; when the schedule has a source type.
/// </summary>
public sealed partial class TitleTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new()
    {
        CultureInfo = CultureInfo.GetCultureInfo("sv-SE"),
        MaxSteps = 10_000,
        MaxRecursion = 10,
        TimeZone = SwedishTime.Zone,
    };

    private readonly ConcurrentDictionary<string, IFluidTemplate?> _parsed = new(StringComparer.Ordinal);

    /// <summary>Null when the template is fine, else why not (in Swedish).</summary>
    public static string? Problem(string template) =>
        Parser.TryParse(template, out _, out var error) ? null : $"Mallen går inte att läsa: {error}";

    public string Render(string template, ScheduleTemplateModel model)
    {
        if (string.IsNullOrEmpty(template) || (!template.Contains("{{", StringComparison.Ordinal) && !template.Contains("{%", StringComparison.Ordinal)))
        {
            return template ?? "";
        }

        var parsed = _parsed.GetOrAdd(template, t => Parser.TryParse(t, out var p, out _) ? p : null);
        if (parsed is null)
        {
            return template;
        }

        var context = new TemplateContext(Options);
        context.SetValue("period", model.Period.Label);
        context.SetValue("period_key", model.Period.Key);
        context.SetValue("year", model.Period.Start.Year);
        context.SetValue("period_start", model.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        context.SetValue("period_end", model.Period.End.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        context.SetValue("source", FluidValue.Create(model.Source ?? new Dictionary<string, object?>(), Options));
        return parsed.Render(context, NullEncoder.Default);
    }

    /// <summary>A title: one line, at most 200 characters.</summary>
    public string RenderTitle(string template, ScheduleTemplateModel model)
    {
        var text = Whitespace().Replace(Render(template, model), " ").Trim();
        return text.Length > 200 ? text[..200] : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
