using System.Globalization;
using System.Text.RegularExpressions;
using Kvalitetsportal.Workflows.Runtime;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>What an edit did: the element to put focus on afterwards, and a sentence for the status message.</summary>
public sealed record FormEdit(string? FocusId, string Notice);

/// <summary>
/// The editor's buttons, applied to the posted working copy: add, remove and move states,
/// transitions, activities and conditions. Buttons are named "Op" with values such as
/// "add:States", "remove:Transitions[2]", "up:States[1].Activities[0]" or "add:Transitions[0].Conditions".
/// </summary>
public static partial class WorkflowFormEdits
{
    /// <summary>Gives every state and transition a usable, unique key (posted keys are not trusted).</summary>
    public static void Normalize(WorkflowForm form)
    {
        Rekey(form.States, 's', s => s.Key, (s, k) => s.Key = k);
        Rekey(form.Transitions, 't', t => t.Key, (t, k) => t.Key = k);
    }

    /// <summary>Applies the edit; null when <paramref name="op"/> is no edit this form knows (nothing changes).</summary>
    public static FormEdit? Apply(WorkflowForm form, string op)
    {
        var match = OpPattern().Match(op);
        if (!match.Success)
        {
            return null;
        }

        var verb = match.Groups["verb"].Value;
        var list = match.Groups["list"].Value;
        var index = Index(match.Groups["index"]);
        var sub = match.Groups["sub"].Value;
        var subIndex = Index(match.Groups["subIndex"]);

        if (sub.Length == 0)
        {
            return list == "States"
                ? EditList(form.States, verb, index, "States", NewState(form), s => RemoveState(form, s), "Steget", s => s.Name, "Name")
                : EditList(form.Transitions, verb, index, "Transitions", NewTransition(form), t => RemoveTransition(form, t), "Övergången", t => t.Label, "Label");
        }

        if (index is not { } owner || owner >= (list == "States" ? form.States.Count : form.Transitions.Count))
        {
            return null;
        }

        var ownerPath = $"{list}[{owner}]";
        if (sub == "Conditions")
        {
            if (list != "Transitions")
            {
                return null;
            }

            return EditList(form.Transitions[owner].Conditions, verb, subIndex, $"{ownerPath}.Conditions", new ConditionForm { Operator = nameof(ConditionOperator.Equals) }, null, "Villkoret", _ => null, "Field");
        }

        var activities = list == "States" ? form.States[owner].Activities : form.Transitions[owner].Activities;
        ActivityForm? added = null;
        if (verb == "add")
        {
            var kind = list == "States" ? form.States[owner].NewActivityKind : form.Transitions[owner].NewActivityKind;
            if (WorkflowActivityKinds.Find(kind) is null)
            {
                return new FormEdit(WorkflowFormMapper.Id($"{ownerPath}.NewActivityKind"), "Välj vilken sorts aktivitet som ska läggas till.");
            }

            added = NewActivity(kind!);
        }

        return EditList(activities, verb, subIndex, $"{ownerPath}.Activities", added, null, "Aktiviteten", a => a.Label, "Label");
    }

    /// <summary>A new activity with sensible defaults, e.g. a mail to the submitter.</summary>
    public static ActivityForm NewActivity(string kind) => new()
    {
        Kind = kind,
        ToKind = kind == ActivityKindNames.Assign ? nameof(RecipientKind.Role) : kind == ActivityKindNames.StartTimer ? nameof(RecipientKind.Assignee) : nameof(RecipientKind.Owner),
        Action = kind == ActivityKindNames.StartTimer ? nameof(TimerAction.Remind) : null,
        Title = kind == ActivityKindNames.CreateLinkedItem ? "{{ item.title }}" : null,
    };

    private static FormEdit? EditList<T>(List<T> items, string verb, int? index, string path, T? added, Action<T>? onRemove, string noun, Func<T, string?> name, string firstInput)
        where T : class
    {
        string Named(T item) => string.IsNullOrWhiteSpace(name(item)) ? noun : $"{noun} \"{name(item)!.Trim()}\"";
        var neuter = noun is "Steget" or "Villkoret"; // "ett steg", "ett villkor": Swedish agrees the participle
        switch (verb)
        {
            case "add" when added is not null:
                items.Add(added);
                return new FormEdit(WorkflowFormMapper.Id($"{path}[{items.Count - 1}].{firstInput}"), $"{noun} är {(neuter ? "tillagt" : "tillagd")}. Fyll i {(neuter ? "det" : "den")} nedan.");
            case "remove" when index is { } i && i < items.Count:
                var removed = items[i];
                items.RemoveAt(i);
                onRemove?.Invoke(removed);
                return new FormEdit(WorkflowFormMapper.Id(path), $"{Named(removed)} är {(neuter ? "borttaget" : "borttagen")}.");
            case "up" or "down" when index is { } i && i < items.Count:
                var target = verb == "up" ? i - 1 : i + 1;
                if (target < 0 || target >= items.Count)
                {
                    return new FormEdit(null, $"{Named(items[i])} står redan {(verb == "up" ? "först" : "sist")}.");
                }

                (items[i], items[target]) = (items[target], items[i]);

                // Focus stays on the button just used, at the element's new place (or its twin when at an end).
                var again = verb == "up" ? (target == 0 ? "down" : "up") : (target == items.Count - 1 ? "up" : "down");
                return new FormEdit(MoveButtonId(again, $"{path}[{target}]"), $"{Named(items[target])} är {(neuter ? "flyttat" : "flyttad")} {(verb == "up" ? "upp" : "ned")} till plats {target + 1}.");
            default:
                return null;
        }
    }

    /// <summary>The id of an element's move button, e.g. for "up:States[1]".</summary>
    public static string MoveButtonId(string verb, string path) => WorkflowFormMapper.Id($"op-{verb}-{path}");

    private static StateForm NewState(WorkflowForm form) => new() { Key = NextKey(form.States.Select(s => s.Key), 's'), OwnerCanView = true };

    private static TransitionForm NewTransition(WorkflowForm form) => new()
    {
        Key = NextKey(form.Transitions.Select(t => t.Key), 't'),
        From = form.States.FirstOrDefault(s => !s.Final)?.Key,
    };

    /// <summary>Transitions that went to or from a removed state keep their text but ask for a new state.</summary>
    private static void RemoveState(WorkflowForm form, StateForm state)
    {
        foreach (var transition in form.Transitions)
        {
            transition.From = transition.From == state.Key ? "" : transition.From;
            transition.To = transition.To == state.Key ? "" : transition.To;
        }

        if (form.InitialState == state.Key)
        {
            form.InitialState = "";
        }
    }

    private static void RemoveTransition(WorkflowForm form, TransitionForm transition)
    {
        foreach (var activity in form.AllActivities.Where(a => a.TransitionKey == transition.Key))
        {
            activity.TransitionKey = "";
        }
    }

    private static void Rekey<T>(List<T> items, char prefix, Func<T, string> get, Action<T, string> set)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = get(item) ?? "";
            if (!KeyPattern().IsMatch(key) || key[0] != prefix || !seen.Add(key))
            {
                key = NextKey(seen.Concat(items.Select(get)), prefix);
                seen.Add(key);
                set(item, key);
            }
        }
    }

    private static string NextKey(IEnumerable<string> keys, char prefix)
    {
        var highest = keys.Where(k => k is not null && KeyPattern().IsMatch(k) && k[0] == prefix)
            .Select(k => int.Parse(k.AsSpan(1), CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max();
        return prefix + (highest + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static int? Index(Group group) => group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("^[st][0-9]{1,6}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^(?<verb>add|remove|up|down):(?<list>States|Transitions)(?:\\[(?<index>[0-9]{1,4})\\])?(?:\\.(?<sub>Activities|Conditions)(?:\\[(?<subIndex>[0-9]{1,4})\\])?)?$")]
    private static partial Regex OpPattern();
}
