using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>
/// The editor's inputs, written the same accessible way everywhere: a label, an optional hint,
/// the input's errors right above it, and aria-describedby/aria-invalid tying them together.
/// Values come from the working copy (never from ModelState), so indexes shifted by an edit
/// can never show another row's value.
/// </summary>
public sealed class FormControls(ModelStateDictionary modelState)
{
    public IHtmlContent Text(string name, string label, string? value, string? hint = null, string type = "text", string? cssClass = null, string? inputMode = null)
    {
        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["type"] = type;
        input.Attributes["value"] = value ?? "";
        input.Attributes["autocomplete"] = "off";
        if (inputMode is not null)
        {
            input.Attributes["inputmode"] = inputMode;
        }

        return Field(name, label, hint, input, cssClass);
    }

    public IHtmlContent TextArea(string name, string label, string? value, string? hint = null, int rows = 4)
    {
        var area = new TagBuilder("textarea");
        area.Attributes["rows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The HTML parser drops a newline right after <textarea>: start with one so a text that begins with a blank line keeps it.
        area.InnerHtml.AppendHtml("\n");
        area.InnerHtml.Append(value ?? "");
        return Field(name, label, hint, area, null);
    }

    public IHtmlContent Select(string name, string label, string? value, IEnumerable<(string Value, string Text)> options, string? hint = null, string? empty = "– Välj –", string? cssClass = null)
    {
        var select = new TagBuilder("select");
        var list = options.ToList();
        if (empty is not null)
        {
            select.InnerHtml.AppendHtml(Option("", empty, string.IsNullOrEmpty(value)));
        }

        foreach (var (optionValue, text) in list)
        {
            select.InnerHtml.AppendHtml(Option(optionValue, text, optionValue == value));
        }

        // A value that is no longer offered (a removed role or field) stays visible, so the error about it makes sense.
        if (!string.IsNullOrEmpty(value) && list.All(o => o.Value != value))
        {
            select.InnerHtml.AppendHtml(Option(value, $"{value} (finns inte)", true));
        }

        return Field(name, label, hint, select, cssClass);
    }

    public IHtmlContent Checkbox(string name, string label, bool isChecked, string? hint = null)
    {
        var id = WorkflowFormMapper.Id(name);
        var box = new TagBuilder("div");
        box.AddCssClass("checkbox");
        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["type"] = "checkbox";
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        input.Attributes["value"] = "true";
        if (isChecked)
        {
            input.Attributes["checked"] = "checked";
        }

        Describe(input, name, hint);
        box.InnerHtml.AppendHtml(input);
        var labelTag = new TagBuilder("label");
        labelTag.Attributes["for"] = id;
        labelTag.InnerHtml.Append(label);
        box.InnerHtml.AppendHtml(labelTag);

        // Unchecked boxes post nothing; the hidden "false" after the box makes "off" explicit.
        var hidden = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        hidden.Attributes["type"] = "hidden";
        hidden.Attributes["name"] = name;
        hidden.Attributes["value"] = "false";
        box.InnerHtml.AppendHtml(hidden);

        var wrapper = new HtmlContentBuilder();
        wrapper.AppendHtml(HintAndError(name, hint));
        wrapper.AppendHtml(box);
        return wrapper;
    }

    /// <summary>A fieldset of checkboxes posting a list; the first box carries the name's id, so an error links to it.</summary>
    public IHtmlContent CheckboxGroup(string name, string legend, IEnumerable<(string Value, string Text)> options, IReadOnlyCollection<string> chosen, string? hint = null)
    {
        var id = WorkflowFormMapper.Id(name);
        var fieldset = new TagBuilder("fieldset");
        fieldset.AddCssClass("form-field");
        fieldset.AddCssClass("choices");
        var legendTag = new TagBuilder("legend");
        legendTag.InnerHtml.Append(legend);
        fieldset.InnerHtml.AppendHtml(legendTag);
        fieldset.InnerHtml.AppendHtml(HintAndError(name, hint));
        var list = options.ToList();
        list.AddRange(chosen.Where(c => list.All(o => o.Value != c)).Select(c => (c, $"{c} (finns inte)")));
        if (list.Count == 0)
        {
            var none = new TagBuilder("p");
            none.AddCssClass("hint");
            none.InnerHtml.Append("Det finns inget att välja.");
            fieldset.InnerHtml.AppendHtml(none);
        }

        var grid = new TagBuilder("div");
        grid.AddCssClass("choice-grid");
        for (var i = 0; i < list.Count; i++)
        {
            var boxId = i == 0 ? id : $"{id}_{i}";
            var box = new TagBuilder("div");
            box.AddCssClass("checkbox");
            var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
            input.Attributes["type"] = "checkbox";
            input.Attributes["id"] = boxId;
            input.Attributes["name"] = name;
            input.Attributes["value"] = list[i].Value;
            if (chosen.Contains(list[i].Value))
            {
                input.Attributes["checked"] = "checked";
            }

            if (i == 0)
            {
                Describe(input, name, hint);
            }

            box.InnerHtml.AppendHtml(input);
            var label = new TagBuilder("label");
            label.Attributes["for"] = boxId;
            label.InnerHtml.Append(list[i].Text);
            box.InnerHtml.AppendHtml(label);
            grid.InnerHtml.AppendHtml(box);
        }

        fieldset.InnerHtml.AppendHtml(grid);
        return fieldset;
    }

    /// <summary>The errors ModelState holds for <paramref name="name"/>, as a block (for fieldsets and sections).</summary>
    public IHtmlContent Errors(string name)
    {
        var builder = new HtmlContentBuilder();
        var messages = Messages(name);
        if (messages.Count > 0)
        {
            var span = new TagBuilder("span");
            span.AddCssClass("field-error");
            span.Attributes["id"] = WorkflowFormMapper.Id(name) + "-error";
            span.InnerHtml.Append(string.Join(" ", messages));
            builder.AppendHtml(span);
        }

        return builder;
    }

    public bool HasErrors(string name) => Messages(name).Count > 0;

    private TagBuilder Field(string name, string label, string? hint, TagBuilder input, string? cssClass)
    {
        var id = WorkflowFormMapper.Id(name);
        var field = new TagBuilder("div");
        field.AddCssClass("form-field");
        if (cssClass is not null)
        {
            field.AddCssClass(cssClass);
        }

        var labelTag = new TagBuilder("label");
        labelTag.Attributes["for"] = id;
        labelTag.InnerHtml.Append(label);
        field.InnerHtml.AppendHtml(labelTag);
        field.InnerHtml.AppendHtml(HintAndError(name, hint));
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        Describe(input, name, hint);
        field.InnerHtml.AppendHtml(input);
        return field;
    }

    private void Describe(TagBuilder input, string name, string? hint)
    {
        var id = WorkflowFormMapper.Id(name);
        var describedBy = new List<string>();
        if (hint is not null)
        {
            describedBy.Add(id + "-hint");
        }

        if (HasErrors(name))
        {
            describedBy.Add(id + "-error");
            input.Attributes["aria-invalid"] = "true";
            input.AddCssClass("input-validation-error");
        }

        if (describedBy.Count > 0)
        {
            input.Attributes["aria-describedby"] = string.Join(' ', describedBy);
        }
    }

    private HtmlContentBuilder HintAndError(string name, string? hint)
    {
        var builder = new HtmlContentBuilder();
        if (hint is not null)
        {
            var span = new TagBuilder("span");
            span.AddCssClass("hint");
            span.Attributes["id"] = WorkflowFormMapper.Id(name) + "-hint";
            span.InnerHtml.Append(hint);
            builder.AppendHtml(span);
        }

        builder.AppendHtml(Errors(name));
        return builder;
    }

    private List<string> Messages(string name) =>
        modelState.TryGetValue(name, out var entry) ? [.. entry.Errors.Select(e => e.ErrorMessage)] : [];

    private static TagBuilder Option(string value, string text, bool selected)
    {
        var option = new TagBuilder("option");
        option.Attributes["value"] = value;
        if (selected)
        {
            option.Attributes["selected"] = "selected";
        }

        option.InnerHtml.Append(text);
        return option;
    }
}
