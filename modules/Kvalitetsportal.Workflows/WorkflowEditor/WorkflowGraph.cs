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
        text.Append("  accTitle: ").Append(Plain(string.IsNullOrWhiteSpace(form.DisplayName) ? "Arbetsflödet" : form.DisplayName)).Append('\n');
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

    /// <summary>A quoted mermaid label; quotes, entity marks and markdown backticks are written as mermaid entity codes.</summary>
    private static string Label(string value) => "\"" + Plain(value)
        .Replace("#", "#35;", StringComparison.Ordinal)
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("`", "#96;", StringComparison.Ordinal) + "\"";

    private static string Plain(string value) => string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
