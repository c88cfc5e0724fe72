using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Workflows.Runtime;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>
/// The editor's side of a module's activity kind: its settings travel as strings keyed by JSON
/// property (<see cref="ActivityForm.Settings"/>), so the editor needs no class of its own for it.
/// </summary>
public static class ModuleActivityForms
{
    public static void Fill(ActivityForm form, WorkflowActivity activity)
    {
        if (WorkflowActivityKinds.Of(activity) is not { } kind)
        {
            return;
        }

        var json = JsonSerializer.SerializeToNode(activity, kind.ActivityType, WorkflowDefinitionStore.Json)!.AsObject();
        foreach (var field in kind.EditorFields)
        {
            form.Settings[field.Name] = json[field.Name] is JsonValue value ? value.ToString() : null;
        }
    }

    /// <returns>The activity, or null (with an error) when the kind is unknown or a setting does not fit.</returns>
    public static WorkflowActivity? Read(ActivityForm form, string prefix, string name, List<FormError> errors)
    {
        if (WorkflowActivityKinds.Find(form.Kind) is not { BuiltInEditor: false } kind)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var field in kind.EditorFields)
        {
            var text = form.Settings.GetValueOrDefault(field.Name)?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (!string.IsNullOrEmpty(text))
            {
                json[field.Name] = text;
            }
        }

        try
        {
            return (WorkflowActivity?)json.Deserialize(kind.ActivityType, WorkflowDefinitionStore.Json);
        }
        catch (JsonException)
        {
            errors.Add(new FormError(prefix, $"{name}: inställningarna passar inte aktiviteten. Kontrollera fälten."));
            return (WorkflowActivity?)Activator.CreateInstance(kind.ActivityType);
        }
    }
}
