using System.Collections.Concurrent;

namespace Kvalitetsportal.Workflows.Definitions;

/// <summary>How an administrator fills in a setting of a module's activity in the editor.</summary>
public enum ActivityFieldInput
{
    Text,
    TextArea,

    /// <summary>A Liquid template (checked when the definition is saved).</summary>
    Template,
}

/// <summary>
/// One setting of a module's activity as the editor shows it: <see cref="Name"/> is the activity's
/// JSON property (camelCase), so the editor reads and writes the definition without knowing the class.
/// </summary>
public sealed record ActivityEditorField(string Name, string Label, string? Hint = null, ActivityFieldInput Input = ActivityFieldInput.Text, bool Required = false);

/// <summary>
/// An activity kind: its JSON discriminator (definitions, recipes, exports), its names, how it is
/// checked before a definition is saved and how the editor shows it. Which handler runs it is the
/// runtime's business (<c>Runtime.WorkflowActivityServices</c>), so definitions do not depend on the runtime.
/// The seven built-in kinds are registered the same way as a module's (<c>Runtime.WorkflowActivityServices</c>).
/// </summary>
public sealed class WorkflowActivityKind
{
    /// <summary>The JSON "kind", e.g. "sendMail". Stable: stored in every definition.</summary>
    public required string Kind { get; init; }

    public required Type ActivityType { get; init; }

    /// <summary>What the "add activity" select offers, e.g. "Skicka e-post".</summary>
    public required string Name { get; init; }

    /// <summary>The short noun in history, guard and graph texts, e.g. "E-post".</summary>
    public required string Noun { get; init; }

    /// <summary>Where the "add activity" select lists it (built-ins 0–60, modules after).</summary>
    public int Order { get; init; } = 100;

    /// <summary>Checks before a definition is saved; null: nothing beyond the editor fields' required-ness and templates.</summary>
    public Action<WorkflowActivity, ActivityCheck>? Validate { get; init; }

    /// <summary>For kinds without their own editor partial: the settings the editor shows.</summary>
    public IReadOnlyList<ActivityEditorField> EditorFields { get; init; } = [];

    /// <summary>The built-in kinds have their own editor partial (in the Workflows module); a module's kind uses <see cref="EditorFields"/>.</summary>
    public bool BuiltInEditor { get; init; }
}

/// <summary>
/// Every activity kind the process knows, by discriminator and by class: the JSON contract of a
/// definition, which static code (the store's serializer, the validator, the editor mapper) needs.
/// A kind is code, so it is the same for every host in the process; which kinds a host RUNS is
/// what its container registered (<c>Runtime.WorkflowActivityRegistry</c>).
/// </summary>
public static class WorkflowActivityKinds
{
    private static readonly ConcurrentDictionary<string, WorkflowActivityKind> ByKind = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, WorkflowActivityKind> ByType = new();

    static WorkflowActivityKinds()
    {
        foreach (var kind in BuiltInActivities.All)
        {
            Add(kind);
        }
    }

    public static IEnumerable<WorkflowActivityKind> All => ByKind.Values.OrderBy(k => k.Order).ThenBy(k => k.Kind, StringComparer.Ordinal);

    public static WorkflowActivityKind? Find(string? kind) => kind is not null && ByKind.TryGetValue(kind, out var found) ? found : null;

    public static WorkflowActivityKind? Of(WorkflowActivity activity) => Of(activity.GetType());

    public static WorkflowActivityKind? Of(Type type) => ByType.TryGetValue(type, out var found) ? found : null;

    /// <summary>Adds a kind; the same kind again is fine, a clash (one name, two classes) is a programming error.</summary>
    public static void Add(WorkflowActivityKind kind)
    {
        var existing = ByKind.GetOrAdd(kind.Kind, kind);
        if (existing.ActivityType != kind.ActivityType)
        {
            throw new InvalidOperationException($"The workflow activity kind \"{kind.Kind}\" is already registered for {existing.ActivityType.FullName}.");
        }

        ByType.TryAdd(kind.ActivityType, existing);
    }

    /// <summary>"E-post \"Mejla beslutet\" i övergången \"besluta\"": for the runaway guard, timers and history.</summary>
    public static string Describe(WorkflowActivity activity, string keyPrefix)
    {
        var kind = Of(activity)?.Noun ?? "Aktivitet";
        var name = string.IsNullOrWhiteSpace(activity.Label) ? kind : $"{kind} \"{activity.Label}\"";
        var parts = keyPrefix.Split(':', 3);
        var where = parts.Length >= 2 && parts[0] == "state" ? $"när ärendet kommer till steget \"{parts[1]}\""
            : parts.Length >= 2 && parts[0] == "transition" ? $"i övergången \"{parts[1]}\""
            : "";
        return where.Length == 0 ? name : $"{name} {where}";
    }
}
