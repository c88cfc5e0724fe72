using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Kvalitetsportal.Localization;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// What a template may use: item.title, item.url, item.reference, item.type, item.state,
/// item.state_description, item.fields.&lt;name&gt; (as readers see them), comment, transition.label,
/// actor.name and recipient.name.
/// </summary>
public sealed record TemplateModel(
    IReadOnlyDictionary<string, object?> Item,
    string? Comment,
    string? TransitionLabel,
    string ActorName)
{
    public string? RecipientName { get; init; }
}

/// <summary>
/// Renders Liquid templates (Fluid) written by administrators. Parsed templates are cached; a run
/// is bounded in steps and recursion, so a template cannot hang a transition.
/// </summary>
public sealed partial class Templates
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private readonly ConcurrentDictionary<string, IFluidTemplate?> _parsed = new(StringComparer.Ordinal);

    /// <summary>The text with the model filled in; a template that cannot be read is returned as written.</summary>
    public string Render(string template, TemplateModel model)
    {
        if (string.IsNullOrEmpty(template) || !template.Contains("{{", StringComparison.Ordinal) && !template.Contains("{%", StringComparison.Ordinal))
        {
            return template ?? "";
        }

        var parsed = _parsed.GetOrAdd(template, t => Parser.TryParse(t, out var p, out _) ? p : null);
        if (parsed is null)
        {
            return template; // the validator refuses these; an old version might still hold one
        }

        var context = new TemplateContext(Options);
        context.SetValue("item", FluidValue.Create(model.Item, Options));
        context.SetValue("comment", model.Comment ?? "");
        context.SetValue("transition", FluidValue.Create(new Dictionary<string, object?> { ["label"] = model.TransitionLabel ?? "" }, Options));
        context.SetValue("actor", FluidValue.Create(new Dictionary<string, object?> { ["name"] = model.ActorName }, Options));
        context.SetValue("recipient", FluidValue.Create(new Dictionary<string, object?> { ["name"] = model.RecipientName ?? "" }, Options));
        return parsed.Render(context, NullEncoder.Default);
    }

    /// <summary>A subject line: one line, at most 200 characters.</summary>
    public string RenderSubject(string template, TemplateModel model)
    {
        var text = Whitespace().Replace(Render(template, model), " ").Trim();
        return text.Length > 200 ? text[..200] : text;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            CultureInfo = CultureInfo.GetCultureInfo("sv-SE"),
            MaxSteps = 10_000,
            MaxRecursion = 10,
        };
        options.TimeZone = SwedishTime.Zone;

        return options;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
