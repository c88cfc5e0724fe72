using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;

namespace Kvalitetsportal.Workflows.Definitions;

/// <summary>A problem in a definition: where (a path the editor maps to its input) and what, in Swedish.</summary>
public sealed record WorkflowProblem(string Path, string Message);

/// <summary>
/// Checks a definition before it is saved, so that no item can get stuck or reach a state nobody
/// may leave: unreachable states, transitions nobody may take, missing templates, unknown fields.
/// </summary>
public static partial class WorkflowDefinitionValidator
{
    public const int MaxStates = 50;
    public const int MaxTransitions = 200;
    public const int MaxActivities = 20;
    public const int MaxNameLength = 100;

    /// <param name="type">The content type the workflow is for; null when it does not exist.</param>
    /// <param name="roles">The roles that exist.</param>
    /// <param name="types">All content types (for linked items).</param>
    public static IReadOnlyList<WorkflowProblem> Validate(
        WorkflowDefinition definition,
        ContentTypeDefinition? type,
        IReadOnlySet<string> roles,
        IReadOnlyDictionary<string, ContentTypeDefinition> types)
    {
        var problems = new List<WorkflowProblem>();
        void Problem(string path, string message) => problems.Add(new WorkflowProblem(path, message));

        if (type is null)
        {
            Problem("contentType", $"Innehållstypen \"{definition.ContentType}\" finns inte.");
        }

        if (definition.States.Count == 0)
        {
            Problem("states", "Arbetsflödet behöver minst ett steg.");
        }

        if (definition.States.Count > MaxStates)
        {
            Problem("states", $"Ett arbetsflöde får ha högst {MaxStates} steg.");
        }

        if (definition.Transitions.Count > MaxTransitions)
        {
            Problem("transitions", $"Ett arbetsflöde får ha högst {MaxTransitions} övergångar.");
        }

        var stateNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.States.Count; i++)
        {
            var state = definition.States[i];
            var path = $"states[{i}]";
            if (string.IsNullOrWhiteSpace(state.Name))
            {
                Problem($"{path}.name", $"Steg {i + 1} saknar namn.");
                continue;
            }

            if (state.Name.Length > MaxNameLength || state.Name != state.Name.Trim())
            {
                Problem($"{path}.name", $"Stegets namn \"{state.Name}\" får ha högst {MaxNameLength} tecken och inga mellanslag först eller sist.");
            }

            if (!stateNames.Add(state.Name) || definition.States.Count(s => string.Equals(s.Name, state.Name, StringComparison.OrdinalIgnoreCase)) > 1)
            {
                Problem($"{path}.name", $"Det finns flera steg som heter \"{state.Name}\".");
            }

            CheckRoles(state.ViewRoles, $"{path}.viewRoles", roles, Problem);
            CheckRoles(state.EditRoles, $"{path}.editRoles", roles, Problem);
            CheckRoles(state.UnitViewRoles, $"{path}.unitViewRoles", roles, Problem);
            if (state.UnitViewRoles.Count > 0 && state.UnitReach == Contents.Access.UnitReach.None)
            {
                Problem($"{path}.unitReach", $"Steget \"{state.Name}\": välj hur långt rollerna som ser ärenden i sin enhet når.");
            }

            foreach (var role in state.MemberViewRoles.Where(r => string.IsNullOrWhiteSpace(r) || r.Length > Contents.Members.ContentMemberRoles.MaxRoleLength))
            {
                Problem($"{path}.memberViewRoles", $"Steget \"{state.Name}\": en medlemsroll har 1–64 tecken.");
            }
            CheckActivities(state.Activities, $"{path}.activities", state.Name, definition, type, roles, types, Problem);
        }

        if (definition.State(definition.InitialState) is null)
        {
            Problem("initialState", "Välj vilket steg ett inskickat ärende börjar i.");
        }

        var transitionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Transitions.Count; i++)
        {
            var transition = definition.Transitions[i];
            var path = $"transitions[{i}]";
            var name = string.IsNullOrWhiteSpace(transition.Label) ? $"Övergång {i + 1}" : $"Övergången \"{transition.Label}\"";
            if (transition.Id is null || !TransitionId().IsMatch(transition.Id))
            {
                Problem($"{path}.id", $"{name}: nyckeln får bara ha små bokstäver a–z, siffror och bindestreck (högst 64 tecken).");
            }
            else if (!transitionIds.Add(transition.Id))
            {
                Problem($"{path}.id", $"{name}: nyckeln \"{transition.Id}\" används redan av en annan övergång.");
            }

            if (string.IsNullOrWhiteSpace(transition.Label))
            {
                Problem($"{path}.label", $"{name} saknar text på knappen.");
            }

            var from = definition.State(transition.From);
            if (from is null)
            {
                Problem($"{path}.from", $"{name} går från ett steg som inte finns (\"{transition.From}\").");
            }
            else if (from.Final)
            {
                Problem($"{path}.from", $"{name} går från \"{from.Name}\", som är ett slutsteg.");
            }

            if (definition.State(transition.To) is null)
            {
                Problem($"{path}.to", $"{name} går till ett steg som inte finns (\"{transition.To}\").");
            }

            if (transition.Roles.Count == 0 && !transition.AllowAssignee && !transition.AllowOwner && !IsTakenByTimer(definition, transition.Id))
            {
                Problem($"{path}.roles", $"{name}: ingen får ta övergången. Välj minst en roll, den som har ärendet eller den som skickade in.");
            }

            CheckRoles(transition.Roles, $"{path}.roles", roles, Problem);
            foreach (var field in transition.RequiredFields.Where(f => type?.Field(f) is null))
            {
                Problem($"{path}.requiredFields", $"{name} kräver fältet \"{field}\", som inte finns i innehållstypen.");
            }

            for (var c = 0; c < transition.Conditions.Count; c++)
            {
                var condition = transition.Conditions[c];
                if (type?.Field(condition.Field) is null)
                {
                    Problem($"{path}.conditions[{c}].field", $"{name}: villkoret gäller fältet \"{condition.Field}\", som inte finns i innehållstypen.");
                }
                else if (condition.Operator is not (ConditionOperator.HasValue or ConditionOperator.IsEmpty) && string.IsNullOrWhiteSpace(condition.Value))
                {
                    Problem($"{path}.conditions[{c}].value", $"{name}: villkoret på \"{condition.Field}\" saknar värde att jämföra med.");
                }
            }

            CheckActivities(transition.Activities, $"{path}.activities", transition.To, definition, type, roles, types, Problem);
        }

        if (definition.State(definition.InitialState) is not null)
        {
            CheckReachability(definition, Problem);
        }

        return problems;
    }

    private static bool IsTakenByTimer(WorkflowDefinition definition, string? transitionId) =>
        AllActivities(definition).OfType<StartTimerActivity>().Any(t => t.Action == TimerAction.Transition && t.TransitionId == transitionId);

    private static IEnumerable<WorkflowActivity> AllActivities(WorkflowDefinition definition) =>
        definition.States.SelectMany(s => s.Activities).Concat(definition.Transitions.SelectMany(t => t.Activities));

    private static void CheckReachability(WorkflowDefinition definition, Action<string, string> problem)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { definition.InitialState };
        var queue = new Queue<string>(reached);
        while (queue.TryDequeue(out var state))
        {
            foreach (var transition in definition.TransitionsFrom(state))
            {
                if (definition.State(transition.To) is not null && reached.Add(transition.To))
                {
                    queue.Enqueue(transition.To);
                }
            }
        }

        for (var i = 0; i < definition.States.Count; i++)
        {
            var state = definition.States[i];
            if (string.IsNullOrWhiteSpace(state.Name))
            {
                continue;
            }

            if (!reached.Contains(state.Name))
            {
                problem($"states[{i}].name", $"Steget \"{state.Name}\" går inte att nå från \"{definition.InitialState}\".");
            }
            else if (!state.Final && !definition.TransitionsFrom(state.Name).Any())
            {
                problem($"states[{i}].final", $"Inga övergångar leder ut från \"{state.Name}\". Lägg till en övergång eller markera steget som slutsteg.");
            }
        }
    }

    private static void CheckRoles(List<string> chosen, string path, IReadOnlySet<string> roles, Action<string, string> problem)
    {
        foreach (var role in chosen.Where(r => !roles.Contains(r)))
        {
            problem(path, $"Rollen \"{role}\" finns inte.");
        }
    }

    private static void CheckActivities(
        List<WorkflowActivity> activities,
        string path,
        string stateAfter,
        WorkflowDefinition definition,
        ContentTypeDefinition? type,
        IReadOnlySet<string> roles,
        IReadOnlyDictionary<string, ContentTypeDefinition> types,
        Action<string, string> problem)
    {
        if (activities.Count > MaxActivities)
        {
            problem(path, $"Högst {MaxActivities} aktiviteter per steg eller övergång.");
        }

        for (var i = 0; i < activities.Count; i++)
        {
            var name = string.IsNullOrWhiteSpace(activities[i].Label) ? $"Aktivitet {i + 1}" : $"Aktiviteten \"{activities[i].Label}\"";
            var check = new ActivityCheck($"{path}[{i}]", name, stateAfter, definition, type, roles, types, problem);
            if (WorkflowActivityKinds.Of(activities[i]) is not { } kind)
            {
                problem($"{path}[{i}]", $"{name} är av en okänd sort.");
                continue;
            }

            CheckEditorFields(activities[i], kind, check);
            kind.Validate?.Invoke(activities[i], check);
        }
    }

    /// <summary>A module's kind without validation of its own still gets its required settings and templates checked.</summary>
    private static void CheckEditorFields(WorkflowActivity activity, WorkflowActivityKind kind, ActivityCheck check)
    {
        if (kind.EditorFields.Count == 0)
        {
            return;
        }

        var json = JsonSerializer.SerializeToNode(activity, kind.ActivityType, WorkflowDefinitionStore.Json)!.AsObject();
        foreach (var field in kind.EditorFields)
        {
            var value = json[field.Name] is JsonValue v ? v.ToString() : null;
            if (field.Input == ActivityFieldInput.Template)
            {
                check.Template(value, field.Name, field.Label.ToLowerInvariant(), field.Required);
            }
            else if (field.Required && string.IsNullOrWhiteSpace(value))
            {
                check.Problem(field.Name, $"{check.Name} saknar {field.Label.ToLowerInvariant()}.");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex TransitionId();
}
