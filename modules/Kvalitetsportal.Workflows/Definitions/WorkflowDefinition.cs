using System.Text.Json.Serialization;
using Kvalitetsportal.Contents.Access;

namespace Kvalitetsportal.Workflows.Definitions;

/// <summary>
/// A content type's workflow: its states, the transitions between them and the activities that
/// run on a transition or on entering a state. Administrators shape it in the editor or a recipe;
/// nothing in C# may branch on a state's name, because an administrator may rename it.
/// Stored as JSON, one row per saved version (<see cref="WorkflowDefinitionRecord"/>).
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>The content type the workflow belongs to (one workflow per type).</summary>
    public required string ContentType { get; set; }

    /// <summary>What administrators call it, e.g. "Bedömning av förbättringsförslag".</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The state an item enters when it is submitted (published).</summary>
    public required string InitialState { get; set; }

    public List<WorkflowState> States { get; set; } = [];

    public List<WorkflowTransition> Transitions { get; set; } = [];

    public WorkflowState? State(string? name) => States.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    public WorkflowTransition? Transition(string? id) => Transitions.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    public IEnumerable<WorkflowTransition> TransitionsFrom(string state) => Transitions.Where(t => string.Equals(t.From, state, StringComparison.Ordinal));
}

/// <summary>One state an item can be in, e.g. "Under bedömning".</summary>
public sealed class WorkflowState
{
    /// <summary>The state's name as users see it; also its key (stored on the item).</summary>
    public required string Name { get; set; }

    /// <summary>Plain words shown to the submitter: what happens now and what they can expect.</summary>
    public string Description { get; set; } = "";

    /// <summary>No transitions leave a final state; the item's case is closed.</summary>
    public bool Final { get; set; }

    /// <summary>
    /// Roles that may see items in this state (besides the owner when <see cref="OwnerCanView"/>
    /// and the holder). Empty: everyone the type's permissions let see all items.
    /// Never wider than the type's permissions, except for the holder.
    /// </summary>
    public List<string> ViewRoles { get; set; } = [];

    /// <summary>
    /// Roles that see items in this state only within their organisation: items of the reader's
    /// unit (and below, by <see cref="UnitReach"/>), e.g. a Chef screening the ideas of their own
    /// unit. Like <see cref="ViewRoles"/> never wider than the type's "see all" permission.
    /// </summary>
    public List<string> UnitViewRoles { get; set; } = [];

    /// <summary>How far <see cref="UnitViewRoles"/> reach from the reader's own unit.</summary>
    public UnitReach UnitReach { get; set; } = UnitReach.OwnUnitAndBelow;

    /// <summary>
    /// Membership roles (e.g. "styrgrupp", "jury") whose members see the item in this state, even
    /// without a type permission (see <c>IContentMembers</c>).
    /// </summary>
    public List<string> MemberViewRoles { get; set; } = [];

    /// <summary>Roles that may edit items in this state. Empty: everyone the type's permissions let edit all items.</summary>
    public List<string> EditRoles { get; set; } = [];

    /// <summary>The submitter may see the item in this state (if the type lets them see their own).</summary>
    public bool OwnerCanView { get; set; } = true;

    /// <summary>The submitter may still change the item in this state (if the type lets them edit their own).</summary>
    public bool OwnerCanEdit { get; set; }

    /// <summary>Run when an item enters the state (after the transition's own activities).</summary>
    public List<WorkflowActivity> Activities { get; set; } = [];
}

/// <summary>A move from one state to another, offered as a button to those allowed to take it.</summary>
public sealed class WorkflowTransition
{
    /// <summary>Stable key (letters, digits, dashes), e.g. "besluta-genomfors".</summary>
    public required string Id { get; set; }

    public required string From { get; set; }

    public required string To { get; set; }

    /// <summary>The button's text, e.g. "Besluta: genomförs".</summary>
    public required string Label { get; set; }

    /// <summary>Roles whose members may take the transition.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The person or role holding the item may take it.</summary>
    public bool AllowAssignee { get; set; }

    /// <summary>The submitter may take it (e.g. "Dra tillbaka").</summary>
    public bool AllowOwner { get; set; }

    /// <summary>A comment is required; it is shown to the submitter in the history.</summary>
    public bool CommentRequired { get; set; }

    /// <summary>Fields of the item that must have a value before the transition may be taken.</summary>
    public List<string> RequiredFields { get; set; } = [];

    /// <summary>All must hold for the transition to be offered.</summary>
    public List<FieldCondition> Conditions { get; set; } = [];

    public List<WorkflowActivity> Activities { get; set; } = [];

    /// <summary>Whoever takes the transition records a decision with it (who decided, date, §, outcome, attachments).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RequiresDecision { get; set; }
}

public enum ConditionOperator
{
    Equals,
    NotEquals,
    HasValue,
    IsEmpty,
    GreaterThan,
    LessThan,
}

/// <summary>A test on one field's value, e.g. "kostnad GreaterThan 100000".</summary>
public sealed class FieldCondition
{
    public required string Field { get; set; }

    public ConditionOperator Operator { get; set; }

    public string? Value { get; set; }
}

/// <summary>Who an activity addresses.</summary>
public enum RecipientKind
{
    /// <summary>The submitter (the item's owner).</summary>
    Owner,

    /// <summary>Whoever holds the item now: a person, or every member of a role.</summary>
    Assignee,

    /// <summary>Every member of the role named in <see cref="Recipient.Value"/>.</summary>
    Role,

    /// <summary>The user whose user name is in <see cref="Recipient.Value"/>.</summary>
    User,

    /// <summary>The manager of the item's organisation unit.</summary>
    UnitManager,

    /// <summary>The person chosen in the item's user field named in <see cref="Recipient.Value"/>.</summary>
    UserField,

    /// <summary>A fixed e-mail address in <see cref="Recipient.Value"/> (mail only).</summary>
    Address,
}

public sealed class Recipient
{
    public RecipientKind Kind { get; set; }

    public string? Value { get; set; }
}

/// <summary>
/// Something that happens on a transition or on entering a state. Templates are Liquid, with the
/// item's title, fields, state, link and the transition's comment available. Serialized by its
/// registered "kind" (<see cref="Activities.ActivityJsonConverter"/>); modules add kinds of their own.
/// </summary>
public abstract class WorkflowActivity
{
    /// <summary>What the administrator calls it in the editor, e.g. "Mejla beslutet".</summary>
    public string Label { get; set; } = "";
}

/// <summary>A mail, sent through the outbox after the transition commits.</summary>
public sealed class SendMailActivity : WorkflowActivity
{
    public Recipient To { get; set; } = new();

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";
}

/// <summary>An in-app notice (and a mail too, if the recipient asked for notices by mail).</summary>
public sealed class NotifyActivity : WorkflowActivity
{
    public Recipient To { get; set; } = new();

    public string Message { get; set; } = "";
}

/// <summary>Hands the item to someone: a person, a role, the unit's manager, or nobody (<see cref="To"/> null).</summary>
public sealed class AssignActivity : WorkflowActivity
{
    public Recipient? To { get; set; }
}

/// <summary>Sets a field of the item to a value (a Liquid template, e.g. "{{ 'now' | date: '%Y-%m-%d' }}").</summary>
public sealed class SetFieldActivity : WorkflowActivity
{
    public required string Field { get; set; }

    public string Value { get; set; } = "";
}

/// <summary>Creates an item of another type linked to this one (e.g. an idea becomes a project proposal).</summary>
public sealed class CreateLinkedItemActivity : WorkflowActivity
{
    public required string ContentType { get; set; }

    /// <summary>The new item's title (Liquid).</summary>
    public string Title { get; set; } = "{{ item.title }}";

    /// <summary>A content-reference field on the new item that points back to this one, if any.</summary>
    public string? BackReferenceField { get; set; }

    /// <summary>Fields copied from this item to the new one: target field name → source field name.</summary>
    public Dictionary<string, string> CopyFields { get; set; } = [];
}

public enum TimerAction
{
    /// <summary>Send <see cref="StartTimerActivity.Subject"/>/<see cref="StartTimerActivity.Body"/> to <see cref="StartTimerActivity.To"/>.</summary>
    Remind,

    /// <summary>Take the transition <see cref="StartTimerActivity.TransitionId"/> (as the system).</summary>
    Transition,
}

/// <summary>
/// A persisted timer: fires after <see cref="After"/> or at the date in <see cref="AtDateField"/>,
/// and only if the item is still in the state it was in when the timer started.
/// </summary>
public sealed class StartTimerActivity : WorkflowActivity
{
    /// <summary>How long after the activity ran, e.g. "14.00:00:00" for 14 days.</summary>
    public TimeSpan? After { get; set; }

    /// <summary>Or: at the date in this date field of the item.</summary>
    public string? AtDateField { get; set; }

    public TimerAction Action { get; set; }

    /// <summary>For <see cref="TimerAction.Remind"/>: to whom and what.</summary>
    public Recipient? To { get; set; }

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>For <see cref="TimerAction.Transition"/>: which transition to take.</summary>
    public string? TransitionId { get; set; }

    /// <summary>Remind again every this long while the item stays in the state; null: once.</summary>
    public TimeSpan? Repeat { get; set; }
}

/// <summary>A signed JSON POST about the item and the transition, sent through the outbox with retries.</summary>
public sealed class WebhookActivity : WorkflowActivity
{
    public required string Url { get; set; }

    /// <summary>The name of the signing secret in configuration (Workflows:WebhookSecrets:{name}); never the secret itself.</summary>
    public string? SecretName { get; set; }
}
