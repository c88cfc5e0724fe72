using System.Globalization;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>An error in the form: the input's name (a ModelState key, "" for the form as a whole) and the message.</summary>
public sealed record FormError(string Key, string Message);

/// <summary>
/// Turns a definition into the editor's form and back. The form lists states, transitions and
/// activities in the definition's order, so the validator's paths ("transitions[1].activities[0].body")
/// translate to input names ("Transitions[1].Activities[0].Body") by position.
/// </summary>
public static partial class WorkflowFormMapper
{
    private const int MaxDurationPart = 100_000;

    public static WorkflowForm FromDefinition(WorkflowDefinition definition, int version)
    {
        var form = new WorkflowForm { DisplayName = definition.DisplayName, BaseVersion = version };
        var stateKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var state in definition.States)
        {
            var key = "s" + (form.States.Count + 1).ToString(CultureInfo.InvariantCulture);
            stateKeys.TryAdd(state.Name, key);
            form.States.Add(new StateForm
            {
                Key = key,
                Name = state.Name,
                Description = state.Description,
                Final = state.Final,
                ViewRoles = [.. state.ViewRoles],
                EditRoles = [.. state.EditRoles],
                UnitViewRoles = [.. state.UnitViewRoles],
                UnitReach = state.UnitReach.ToString(),
                MemberViewRoles = string.Join(", ", state.MemberViewRoles),
                OwnerCanView = state.OwnerCanView,
                OwnerCanEdit = state.OwnerCanEdit,
            });
        }

        var transitionKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var transition in definition.Transitions)
        {
            var key = "t" + (form.Transitions.Count + 1).ToString(CultureInfo.InvariantCulture);
            transitionKeys.TryAdd(transition.Id, key);
            form.Transitions.Add(new TransitionForm
            {
                Key = key,
                Id = transition.Id,
                From = stateKeys.GetValueOrDefault(transition.From, ""),
                To = stateKeys.GetValueOrDefault(transition.To, ""),
                Label = transition.Label,
                Roles = [.. transition.Roles],
                AllowAssignee = transition.AllowAssignee,
                AllowOwner = transition.AllowOwner,
                CommentRequired = transition.CommentRequired,
                RequiresDecision = transition.RequiresDecision,
                RequiredFields = [.. transition.RequiredFields],
                Conditions = [.. transition.Conditions.Select(c => new ConditionForm { Field = c.Field, Operator = c.Operator.ToString(), Value = c.Value })],
            });
        }

        form.InitialState = stateKeys.GetValueOrDefault(definition.InitialState, "");
        for (var i = 0; i < definition.States.Count; i++)
        {
            form.States[i].Activities = [.. definition.States[i].Activities.Select(a => Activity(a, transitionKeys))];
        }

        for (var i = 0; i < definition.Transitions.Count; i++)
        {
            form.Transitions[i].Activities = [.. definition.Transitions[i].Activities.Select(a => Activity(a, transitionKeys))];
        }

        return form;
    }

    /// <summary>
    /// The definition the form describes, and the errors that stop it being built faithfully
    /// (a mistyped number, a missing choice). Role and field lists follow <paramref name="roleOrder"/>
    /// and <paramref name="fieldOrder"/>, so an unchanged form gives the same JSON as before.
    /// </summary>
    public static WorkflowDefinition ToDefinition(WorkflowForm form, string contentType, IReadOnlyList<string> roleOrder, IReadOnlyList<string> fieldOrder, List<FormError> errors)
    {
        TransitionKeys.FillMissing(form); // a new transition's key comes from its name, as a content type's does
        var stateNames = form.States.Where(s => s.Key.Length > 0).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => Line(g.First().Name), StringComparer.Ordinal);
        var transitionIds = form.Transitions.Where(t => t.Key.Length > 0).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => Line(g.First().Id), StringComparer.Ordinal);
        string StateName(string? key) => key is not null && stateNames.TryGetValue(key, out var name) ? name : "";

        if (string.IsNullOrEmpty(form.InitialState) && form.States.Count > 0)
        {
            errors.Add(new FormError(nameof(WorkflowForm.InitialState), "Välj vilket steg ett inskickat ärende börjar i."));
        }

        var definition = new WorkflowDefinition
        {
            ContentType = contentType,
            DisplayName = Line(form.DisplayName),
            InitialState = StateName(form.InitialState),
        };

        for (var i = 0; i < form.States.Count; i++)
        {
            var state = form.States[i];
            var prefix = $"States[{i}]";
            definition.States.Add(new WorkflowState
            {
                Name = Line(state.Name),
                Description = Text(state.Description),
                Final = state.Final,
                ViewRoles = Ordered(state.ViewRoles, roleOrder),
                EditRoles = Ordered(state.EditRoles, roleOrder),
                UnitViewRoles = Ordered(state.UnitViewRoles, roleOrder),
                UnitReach = Enum.TryParse<UnitReach>(state.UnitReach, out var reach) && Enum.IsDefined(reach) ? reach : UnitReach.OwnUnitAndBelow,
                MemberViewRoles = [.. (state.MemberViewRoles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)],
                OwnerCanView = state.OwnerCanView,
                OwnerCanEdit = state.OwnerCanEdit,
                Activities = Activities(state.Activities, prefix, transitionIds, errors),
            });
        }

        for (var i = 0; i < form.Transitions.Count; i++)
        {
            var transition = form.Transitions[i];
            var prefix = $"Transitions[{i}]";
            if (string.IsNullOrEmpty(transition.From))
            {
                errors.Add(new FormError($"{prefix}.From", $"{Name(transition, i)}: välj vilket steg övergången går från."));
            }

            if (string.IsNullOrEmpty(transition.To))
            {
                errors.Add(new FormError($"{prefix}.To", $"{Name(transition, i)}: välj vilket steg övergången går till."));
            }

            var conditions = new List<FieldCondition>();
            for (var c = 0; c < transition.Conditions.Count; c++)
            {
                var condition = transition.Conditions[c];
                if (string.IsNullOrEmpty(condition.Field))
                {
                    errors.Add(new FormError($"{prefix}.Conditions[{c}].Field", $"{Name(transition, i)}: välj vilket fält villkor {c + 1} gäller."));
                }

                if (!TryEnum<ConditionOperator>(condition.Operator, out var op))
                {
                    errors.Add(new FormError($"{prefix}.Conditions[{c}].Operator", $"{Name(transition, i)}: välj hur villkor {c + 1} jämför."));
                }

                conditions.Add(new FieldCondition
                {
                    Field = condition.Field ?? "",
                    Operator = op,
                    Value = op is ConditionOperator.HasValue or ConditionOperator.IsEmpty || string.IsNullOrWhiteSpace(condition.Value) ? null : condition.Value.Trim(),
                });
            }

            definition.Transitions.Add(new WorkflowTransition
            {
                Id = Line(transition.Id),
                From = StateName(transition.From),
                To = StateName(transition.To),
                Label = Line(transition.Label),
                Roles = Ordered(transition.Roles, roleOrder),
                AllowAssignee = transition.AllowAssignee,
                AllowOwner = transition.AllowOwner,
                CommentRequired = transition.CommentRequired,
                RequiresDecision = transition.RequiresDecision,
                RequiredFields = Ordered(transition.RequiredFields, fieldOrder),
                Conditions = conditions,
                Activities = Activities(transition.Activities, prefix, transitionIds, errors),
            });
        }

        return definition;
    }

    /// <summary>
    /// The input a validator path belongs to: "transitions[1].activities[0].to" becomes
    /// "Transitions[1].Activities[0].ToRole" when the recipient is a role. "" for the whole form.
    /// </summary>
    public static string FormKey(string path, WorkflowDefinition definition)
    {
        if (path.Length == 0 || path == "contentType")
        {
            return "";
        }

        var segments = path.Split('.');
        var key = string.Join('.', segments.Select(Pascal));
        var leaf = segments[^1];
        var activity = ActivityAt(segments, definition);
        if (activity is null)
        {
            return key;
        }

        var owner = key[..key.LastIndexOf('.')];
        var input = leaf switch
        {
            "to" => RecipientInput(activity),
            "after" => nameof(ActivityForm.AfterDays),
            "repeat" => nameof(ActivityForm.RepeatDays),
            "transitionId" => nameof(ActivityForm.TransitionKey),
            "contentType" => nameof(ActivityForm.TargetType),
            _ => Pascal(leaf),
        };
        return $"{owner}.{input}";
    }

    /// <summary>The id the input (or group) with this name has on the page; the same rule the error summary links with.</summary>
    public static string Id(string name) => TagBuilder.CreateSanitizedId(name, "_");

    private static string RecipientInput(WorkflowActivity activity)
    {
        var to = activity switch
        {
            SendMailActivity m => m.To,
            NotifyActivity n => n.To,
            AssignActivity a => a.To,
            StartTimerActivity t => t.To,
            _ => null,
        };
        return to?.Kind switch
        {
            RecipientKind.Role => nameof(ActivityForm.ToRole),
            RecipientKind.UserField => nameof(ActivityForm.ToUserField),
            RecipientKind.User or RecipientKind.Address => nameof(ActivityForm.ToText),
            _ => nameof(ActivityForm.ToKind),
        };
    }

    private static WorkflowActivity? ActivityAt(string[] segments, WorkflowDefinition definition)
    {
        // Only "states[i].activities[j].x" and "transitions[i].activities[j].x" name an activity's input.
        if (segments.Length != 3 || IndexOf(segments[1], "activities") is not { } j)
        {
            return null;
        }

        var list = IndexOf(segments[0], "states") is { } s && s < definition.States.Count ? definition.States[s].Activities
            : IndexOf(segments[0], "transitions") is { } t && t < definition.Transitions.Count ? definition.Transitions[t].Activities
            : null;
        return list is not null && j < list.Count ? list[j] : null;
    }

    private static int? IndexOf(string segment, string name)
    {
        var match = IndexedSegment().Match(segment);
        return match.Success && match.Groups[1].Value == name ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string Pascal(string segment) => segment.Length == 0 ? segment : char.ToUpperInvariant(segment[0]) + segment[1..];

    private static ActivityForm Activity(WorkflowActivity activity, Dictionary<string, string> transitionKeys)
    {
        var form = new ActivityForm { Kind = ActivityKindNames.Of(activity), Label = activity.Label };
        switch (activity)
        {
            case SendMailActivity mail:
                SetRecipient(form, mail.To);
                form.Subject = mail.Subject;
                form.Body = mail.Body;
                break;
            case NotifyActivity notify:
                SetRecipient(form, notify.To);
                form.Message = notify.Message;
                break;
            case AssignActivity assign:
                SetRecipient(form, assign.To);
                break;
            case SetFieldActivity set:
                form.Field = set.Field;
                form.Value = set.Value;
                break;
            case CreateLinkedItemActivity create:
                form.TargetType = create.ContentType;
                form.Title = create.Title;
                form.BackReferenceField = create.BackReferenceField;
                form.CopyFields = string.Join('\n', create.CopyFields.Select(p => $"{p.Key} = {p.Value}"));
                break;
            case StartTimerActivity timer:
                (form.AfterDays, form.AfterHours, form.AfterMinutes) = Parts(timer.After);
                (form.RepeatDays, form.RepeatHours, form.RepeatMinutes) = Parts(timer.Repeat);
                form.AtDateField = timer.AtDateField;
                form.Action = timer.Action.ToString();
                SetRecipient(form, timer.To);
                form.Subject = timer.Subject;
                form.Body = timer.Body;
                form.TransitionKey = timer.TransitionId is { } id ? transitionKeys.GetValueOrDefault(id, "") : null;
                break;
            case WebhookActivity hook:
                form.Url = hook.Url;
                form.SecretName = hook.SecretName;
                break;
            default:
                ModuleActivityForms.Fill(form, activity);
                break;
        }

        return form;
    }

    private static void SetRecipient(ActivityForm form, Recipient? to)
    {
        form.ToKind = to?.Kind.ToString() ?? "";
        switch (to?.Kind)
        {
            case RecipientKind.Role:
                form.ToRole = to.Value;
                break;
            case RecipientKind.UserField:
                form.ToUserField = to.Value;
                break;
            case RecipientKind.User or RecipientKind.Address:
                form.ToText = to.Value;
                break;
        }
    }

    private static (string?, string?, string?) Parts(TimeSpan? span) => span is { } s
        ? (((int)s.TotalDays).ToString(CultureInfo.InvariantCulture), s.Hours.ToString(CultureInfo.InvariantCulture), s.Minutes.ToString(CultureInfo.InvariantCulture))
        : (null, null, null);

    private static List<WorkflowActivity> Activities(List<ActivityForm> activities, string owner, Dictionary<string, string> transitionIds, List<FormError> errors)
    {
        var result = new List<WorkflowActivity>();
        for (var j = 0; j < activities.Count; j++)
        {
            var a = activities[j];
            var prefix = $"{owner}.Activities[{j}]";
            var name = string.IsNullOrWhiteSpace(a.Label) ? $"Aktivitet {j + 1}" : $"Aktiviteten \"{a.Label.Trim()}\"";
            Recipient? To(bool optional)
            {
                if (string.IsNullOrEmpty(a.ToKind) && optional)
                {
                    return null;
                }

                if (!TryEnum<RecipientKind>(a.ToKind, out var kind))
                {
                    errors.Add(new FormError($"{prefix}.ToKind", $"{name}: välj mottagare."));
                    return new Recipient();
                }

                return new Recipient
                {
                    Kind = kind,
                    Value = kind switch
                    {
                        RecipientKind.Role => Optional(a.ToRole),
                        RecipientKind.UserField => Optional(a.ToUserField),
                        RecipientKind.User or RecipientKind.Address => Optional(a.ToText),
                        _ => null,
                    },
                };
            }

            WorkflowActivity? activity = a.Kind switch
            {
                ActivityKindNames.SendMail => new SendMailActivity { To = To(optional: false)!, Subject = Line(a.Subject), Body = Text(a.Body) },
                ActivityKindNames.Notify => new NotifyActivity { To = To(optional: false)!, Message = Text(a.Message) },
                ActivityKindNames.Assign => new AssignActivity { To = To(optional: true) },
                ActivityKindNames.SetField => new SetFieldActivity { Field = a.Field ?? "", Value = Text(a.Value) },
                ActivityKindNames.CreateLinkedItem => new CreateLinkedItemActivity
                {
                    ContentType = a.TargetType ?? "",
                    Title = Text(a.Title),
                    BackReferenceField = Optional(a.BackReferenceField),
                    CopyFields = CopyFields(a.CopyFields, $"{prefix}.CopyFields", name, errors),
                },
                ActivityKindNames.StartTimer => Timer(a, prefix, name, To, transitionIds, errors),
                ActivityKindNames.Webhook => new WebhookActivity { Url = Line(a.Url), SecretName = Optional(a.SecretName) },
                _ => ModuleActivityForms.Read(a, prefix, name, errors),
            };
            if (activity is null)
            {
                errors.Add(new FormError(prefix, $"Aktivitet {j + 1} är av en okänd sort och kan inte sparas. Ta bort den."));
                continue;
            }

            activity.Label = Line(a.Label);
            result.Add(activity);
        }

        return result;
    }

    private static StartTimerActivity Timer(ActivityForm a, string prefix, string name, Func<bool, Recipient?> to, Dictionary<string, string> transitionIds, List<FormError> errors)
    {
        if (!TryEnum<TimerAction>(a.Action, out var action))
        {
            errors.Add(new FormError($"{prefix}.Action", $"{name}: välj vad timern gör."));
        }

        var timer = new StartTimerActivity
        {
            After = Duration(a.AfterDays, a.AfterHours, a.AfterMinutes, $"{prefix}.After", name, "tiden", errors),
            AtDateField = Optional(a.AtDateField),
            Action = action,
            Repeat = Duration(a.RepeatDays, a.RepeatHours, a.RepeatMinutes, $"{prefix}.Repeat", name, "upprepningen", errors),
        };
        if (action == TimerAction.Remind)
        {
            timer.To = to(false);
            timer.Subject = Line(a.Subject);
            timer.Body = Text(a.Body);
        }
        else
        {
            timer.TransitionId = a.TransitionKey is { } key && transitionIds.TryGetValue(key, out var id) ? id : null;
        }

        return timer;
    }

    private static TimeSpan? Duration(string? days, string? hours, string? minutes, string prefix, string name, string what, List<FormError> errors)
    {
        if (string.IsNullOrWhiteSpace(days) && string.IsNullOrWhiteSpace(hours) && string.IsNullOrWhiteSpace(minutes))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (var (text, unit, scale) in new[] { (days, "Days", TimeSpan.FromDays(1)), (hours, "Hours", TimeSpan.FromHours(1)), (minutes, "Minutes", TimeSpan.FromMinutes(1)) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > MaxDurationPart)
            {
                errors.Add(new FormError(prefix + unit, $"{name}: skriv {what} som hela tal (dagar, timmar och minuter), till exempel 14."));
                return null;
            }

            total += scale * value;
        }

        return total;
    }

    private static Dictionary<string, string> CopyFields(string? text, string key, string name, List<FormError> errors)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || !pairs.TryAdd(parts[0], parts[1]))
            {
                errors.Add(new FormError(key, $"{name}: skriv ett par per rad, \"fält i det nya ärendet = fält i det här\" (raden \"{line}\")."));
            }
        }

        return pairs;
    }

    private static string Name(TransitionForm transition, int i) =>
        string.IsNullOrWhiteSpace(transition.Label) ? $"Övergång {i + 1}" : $"Övergången \"{transition.Label.Trim()}\"";

    private static List<string> Ordered(List<string> chosen, IReadOnlyList<string> order)
    {
        // Known values in the page's order (stable JSON), unknown ones kept after them for the validator to name.
        var set = chosen.Where(c => !string.IsNullOrEmpty(c)).ToHashSet(StringComparer.Ordinal);
        return [.. order.Where(set.Contains), .. chosen.Where(c => set.Contains(c) && !order.Contains(c)).Distinct(StringComparer.Ordinal)];
    }

    private static bool TryEnum<T>(string? value, out T result)
        where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: false, out result) && Enum.IsDefined(result) && !int.TryParse(value, out _);

    private static string Line(string? value) => value?.Trim() ?? "";

    /// <summary>Browsers post a textarea's line breaks as CRLF; stored text uses LF, so an unchanged text stays equal.</summary>
    private static string Text(string? value) => (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^([a-zA-Z]+)\\[(\\d{1,4})\\]$")]
    private static partial Regex IndexedSegment();
}
