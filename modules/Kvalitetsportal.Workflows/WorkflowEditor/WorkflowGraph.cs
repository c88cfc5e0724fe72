using System.Globalization;
using System.Text;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>
/// The working copy as a mermaid flowchart. The drawing is only a view of the form: it is built
/// from whatever the form holds now, skipping transitions whose states are not chosen yet.
/// </summary>
public static class WorkflowGraph
{
    public static string Mermaid(WorkflowForm form)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("flowchart TD\n");
                for (var i = 0; i < form.States.Count; i++)
        {
            var state = form.States[i];
            var id = "n" + i.ToString(CultureInfo.InvariantCulture);
            ids.TryAdd(state.Key, id);
            var label = Label(string.IsNullOrWhiteSpace(state.Name) ? $"Steg {i + 1}" : state.Name);

            // Final states are drawn round, the others as boxes.
            text.Append("  ").Append(id).Append(state.Final ? $"([{label}])" : $"[{label}]").Append('\n');
        }

        if (form.InitialState is { } initial && ids.TryGetValue(initial, out var first))
        {
            text.Append("  start((Start)) --> ").Append(first).Append('\n');
        }

        foreach (var transition in form.Transitions)
        {
            if (transition.From is { } from && transition.To is { } to && ids.TryGetValue(from, out var a) && ids.TryGetValue(to, out var b))
            {
                var label = string.IsNullOrWhiteSpace(transition.Label) ? "" : $"|{Label(transition.Label)}|";
                text.Append("  ").Append(a).Append(" -->").Append(label).Append(' ').Append(b).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A quoted mermaid label. Characters mermaid would read as syntax (quotes, entity codes,
    /// markdown, directives, tags) are swapped for look-alikes: the editor takes mermaid's live
    /// drawing (see workflow-editor.js), where entity codes would not be decoded.
    /// </summary>
    private static string Label(string value) => "\"" + Plain(value)
        .Replace('"', '\u201D')
        .Replace('#', '\uFF03')
        .Replace('`', '\u00B4')
        .Replace('%', '\uFF05')
        .Replace('<', '\u2039')
        .Replace('>', '\u203A') + "\"";

    private static string Plain(string value) => string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
