using System.Net.Mail;
using System.Text.RegularExpressions;
using Fluid;
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

    private static readonly FluidParser Liquid = new();

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
            var at = $"{path}[{i}]";
            var name = string.IsNullOrWhiteSpace(activities[i].Label) ? $"Aktivitet {i + 1}" : $"Aktiviteten \"{activities[i].Label}\"";
            switch (activities[i])
            {
                case SendMailActivity mail:
                    CheckRecipient(mail.To, $"{at}.to", name, type, roles, problem, mailOnly: true);
                    CheckTemplate(mail.Subject, $"{at}.subject", name, "ämnesrad", problem);
                    CheckTemplate(mail.Body, $"{at}.body", name, "text", problem);
                    break;
                case NotifyActivity notify:
                    CheckRecipient(notify.To, $"{at}.to", name, type, roles, problem, mailOnly: false);
                    CheckTemplate(notify.Message, $"{at}.message", name, "meddelande", problem);
                    break;
                case AssignActivity assign when assign.To is not null:
                    if (assign.To.Kind is RecipientKind.Address or RecipientKind.Assignee)
                    {
                        problem($"{at}.to", $"{name}: ett ärende kan lämnas till en person, en roll, den som skickade in eller enhetens chef.");
                    }
                    else
                    {
                        CheckRecipient(assign.To, $"{at}.to", name, type, roles, problem, mailOnly: false);
                    }

                    break;
                case SetFieldActivity set:
                    if (type?.Field(set.Field) is null)
                    {
                        problem($"{at}.field", $"{name}: fältet \"{set.Field}\" finns inte i innehållstypen.");
                    }

                    CheckTemplate(set.Value, $"{at}.value", name, "värde", problem, required: false);
                    break;
                case CreateLinkedItemActivity create:
                    var target = types.GetValueOrDefault(create.ContentType);
                    if (target is null)
                    {
                        problem($"{at}.contentType", $"{name}: innehållstypen \"{create.ContentType}\" finns inte.");
                    }
                    else
                    {
                        if (create.BackReferenceField is { Length: > 0 } back && target.Field(back)?.Kind != FieldKind.ContentReference)
                        {
                            problem($"{at}.backReferenceField", $"{name}: \"{back}\" är inget referensfält i \"{target.DisplayName}\".");
                        }

                        foreach (var (to, from) in create.CopyFields)
                        {
                            if (target.Field(to) is null || type?.Field(from) is null)
                            {
                                problem($"{at}.copyFields", $"{name}: fältet \"{from}\" kan inte kopieras till \"{to}\".");
                            }
                        }
                    }

                    CheckTemplate(create.Title, $"{at}.title", name, "titel", problem);
                    break;
                case StartTimerActivity timer:
                    CheckTimer(timer, at, name, stateAfter, definition, type, roles, problem);
                    break;
                case WebhookActivity hook:
                    if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                    {
                        problem($"{at}.url", $"{name}: adressen måste vara en fullständig http- eller https-adress.");
                    }

                    break;
            }
        }
    }

    private static void CheckTimer(StartTimerActivity timer, string at, string name, string stateAfter, WorkflowDefinition definition, ContentTypeDefinition? type, IReadOnlySet<string> roles, Action<string, string> problem)
    {
        if ((timer.After is null) == string.IsNullOrEmpty(timer.AtDateField))
        {
            problem($"{at}.after", $"{name}: ange antingen hur lång tid efteråt eller ett datumfält, inte båda.");
        }
        else if (timer.After is { } after && after < TimeSpan.FromSeconds(1))
        {
            problem($"{at}.after", $"{name}: tiden måste vara längre än noll.");
        }
        else if (timer.AtDateField is { Length: > 0 } field && type?.Field(field)?.Kind != FieldKind.Date)
        {
            problem($"{at}.atDateField", $"{name}: \"{field}\" är inget datumfält.");
        }

        if (timer.Repeat is { } repeat && repeat < TimeSpan.FromMinutes(1))
        {
            problem($"{at}.repeat", $"{name}: en upprepad påminnelse får komma högst en gång i minuten.");
        }

        if (timer.Action == TimerAction.Remind)
        {
            if (timer.To is null)
            {
                problem($"{at}.to", $"{name}: välj vem påminnelsen ska till.");
            }
            else
            {
                CheckRecipient(timer.To, $"{at}.to", name, type, roles, problem, mailOnly: false);
            }

            CheckTemplate(timer.Subject, $"{at}.subject", name, "ämnesrad", problem);
            CheckTemplate(timer.Body, $"{at}.body", name, "text", problem);
        }
        else if (definition.Transition(timer.TransitionId) is not { } transition)
        {
            problem($"{at}.transitionId", $"{name}: välj en övergång som finns.");
        }
        else if (!string.Equals(transition.From, stateAfter, StringComparison.Ordinal))
        {
            problem($"{at}.transitionId", $"{name}: övergången \"{transition.Label}\" går inte från \"{stateAfter}\", där timern startar.");
        }
    }

    private static void CheckRecipient(Recipient to, string path, string name, ContentTypeDefinition? type, IReadOnlySet<string> roles, Action<string, string> problem, bool mailOnly)
    {
        switch (to.Kind)
        {
            case RecipientKind.Role when string.IsNullOrEmpty(to.Value) || !roles.Contains(to.Value):
                problem(path, $"{name}: välj en roll som finns.");
                break;
            case RecipientKind.User when string.IsNullOrWhiteSpace(to.Value):
                problem(path, $"{name}: ange användarnamnet på mottagaren.");
                break;
            case RecipientKind.UserField when type?.Field(to.Value ?? "")?.Kind != FieldKind.User:
                problem(path, $"{name}: \"{to.Value}\" är inget användarfält i innehållstypen.");
                break;
            case RecipientKind.Address when !mailOnly || !MailAddress.TryCreate(to.Value, out _):
                problem(path, mailOnly ? $"{name}: \"{to.Value}\" är ingen giltig e-postadress." : $"{name}: en fast e-postadress kan bara användas för e-post.");
                break;
        }
    }

    private static void CheckTemplate(string? template, string path, string name, string what, Action<string, string> problem, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            if (required)
            {
                problem(path, $"{name} saknar {what}.");
            }

            return;
        }

        if (!Liquid.TryParse(template, out _, out var error))
        {
            problem(path, $"{name}: mallen för {what} går inte att läsa ({error}).");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex TransitionId();
}
