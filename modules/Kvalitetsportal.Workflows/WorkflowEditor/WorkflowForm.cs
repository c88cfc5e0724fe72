namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>
/// The editor's working copy of a definition, exactly as the form posts it. Every button of the
/// editor (add, remove, move, check, save) posts the whole form, so what the administrator typed
/// survives every step and every validation error; nothing is stored until "Spara".
/// States and transitions carry a form-only <c>Key</c>, so a state can be renamed in the same
/// post in which transitions refer to it.
/// Numbers are strings here: a mistyped number is kept and reported, never silently dropped.
/// </summary>
public sealed class WorkflowForm
{
    public string? DisplayName { get; set; }

    /// <summary>The key of the state a submitted item starts in.</summary>
    public string? InitialState { get; set; }

    public List<StateForm> States { get; set; } = [];

    public List<TransitionForm> Transitions { get; set; } = [];

    /// <summary>The version the edit started from (0: the type had no workflow), to notice another administrator's save.</summary>
    public int BaseVersion { get; set; }

    /// <summary>The button pressed: "save", "check", or an edit such as "add:States" or "up:Transitions[1]".</summary>
    public string? Op { get; set; }

    public StateForm? State(string? key) => States.FirstOrDefault(s => s.Key == key);

    public TransitionForm? Transition(string? key) => Transitions.FirstOrDefault(t => t.Key == key);

    public IEnumerable<ActivityForm> AllActivities => States.SelectMany(s => s.Activities).Concat(Transitions.SelectMany(t => t.Activities));
}

public sealed class StateForm
{
    public string Key { get; set; } = "";

    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool Final { get; set; }

    public List<string> ViewRoles { get; set; } = [];

    public List<string> EditRoles { get; set; } = [];

    public List<string> UnitViewRoles { get; set; } = [];

    public string? UnitReach { get; set; }

    /// <summary>Membership roles, comma separated (e.g. "styrgrupp, jury").</summary>
    public string? MemberViewRoles { get; set; }

    public bool OwnerCanView { get; set; } = true;

    public bool OwnerCanEdit { get; set; }

    public List<ActivityForm> Activities { get; set; } = [];

    /// <summary>The kind chosen in the "add activity" select.</summary>
    public string? NewActivityKind { get; set; }
}

public sealed class TransitionForm
{
    public string Key { get; set; } = "";

    /// <summary>The transition's stable key in the definition (e.g. "besluta-genomfors").</summary>
    public string? Id { get; set; }

    /// <summary>State keys.</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    public string? Label { get; set; }

    public List<string> Roles { get; set; } = [];

    public bool AllowAssignee { get; set; }

    public bool AllowOwner { get; set; }

    public bool CommentRequired { get; set; }

    public bool RequiresDecision { get; set; }

    public List<string> RequiredFields { get; set; } = [];

    public List<ConditionForm> Conditions { get; set; } = [];

    public List<ActivityForm> Activities { get; set; } = [];

    public string? NewActivityKind { get; set; }
}

public sealed class ConditionForm
{
    public string? Field { get; set; }

    public string? Operator { get; set; }

    public string? Value { get; set; }
}

/// <summary>One activity; which properties apply depends on <see cref="Kind"/> (the JSON "kind").</summary>
public sealed class ActivityForm
{
    public string Kind { get; set; } = "";

    public string? Label { get; set; }

    /// <summary>A <see cref="Definitions.RecipientKind"/>, or empty for "nobody" (assign only).</summary>
    public string? ToKind { get; set; }

    public string? ToRole { get; set; }

    public string? ToUserField { get; set; }

    /// <summary>A user name (kind User) or an e-mail address (kind Address).</summary>
    public string? ToText { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }

    public string? Message { get; set; }

    public string? Field { get; set; }

    public string? Value { get; set; }

    public string? TargetType { get; set; }

    public string? Title { get; set; }

    public string? BackReferenceField { get; set; }

    /// <summary>One "target = source" pair per line.</summary>
    public string? CopyFields { get; set; }

    public string? AfterDays { get; set; }

    public string? AfterHours { get; set; }

    public string? AfterMinutes { get; set; }

    public string? AtDateField { get; set; }

    public string? Action { get; set; }

    /// <summary>The key of the transition a timer takes.</summary>
    public string? TransitionKey { get; set; }

    public string? RepeatDays { get; set; }

    public string? RepeatHours { get; set; }

    public string? RepeatMinutes { get; set; }

    public string? Url { get; set; }

    public string? SecretName { get; set; }

    /// <summary>The settings of a module's kind, by JSON property (its <see cref="Activities.ActivityEditorField"/>s).</summary>
    public Dictionary<string, string?> Settings { get; set; } = new(StringComparer.Ordinal);
}
