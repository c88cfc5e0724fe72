using System.Net;
using Fluid;
using Fluid.Values;
using Kvalitetsportal.Templating;

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
/// Renders the workflow's Liquid templates (mails, notices, titles of linked items) with the
/// portal's bounded renderer (<see cref="LiquidText"/>).
/// </summary>
public sealed class Templates
{
    private readonly LiquidText _liquid = new();

    /// <summary>The text with the model filled in; a template that cannot be read is returned as written.</summary>
    public string Render(string template, TemplateModel model) => _liquid.Render(template, context =>
    {
        context.SetValue("item", FluidValue.Create(model.Item, LiquidText.Options));
        context.SetValue("comment", model.Comment ?? "");
        context.SetValue("transition", FluidValue.Create(new Dictionary<string, object?> { ["label"] = model.TransitionLabel ?? "" }, LiquidText.Options));
        context.SetValue("actor", FluidValue.Create(new Dictionary<string, object?> { ["name"] = model.ActorName }, LiquidText.Options));
        context.SetValue("recipient", FluidValue.Create(new Dictionary<string, object?> { ["name"] = model.RecipientName ?? "" }, LiquidText.Options));
    });

    /// <summary>A subject line: one line, at most 200 characters.</summary>
    public string RenderSubject(string template, TemplateModel model) => LiquidText.OneLine(Render(template, model));
}
