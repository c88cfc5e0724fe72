using Kvalitetsportal.Workflows.Runtime;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>The Swedish words the editor shows for the definition's technical values.</summary>
public static class EditorTexts
{
    /// <summary>The activity kinds the process knows, in the order the "add activity" select offers them (JSON discriminator → name).</summary>
    public static IReadOnlyList<(string Kind, string Name)> ActivityKinds => [.. WorkflowActivityKinds.All.Select(k => (k.Kind, k.Name))];

    public static string ActivityKind(string kind) => WorkflowActivityKinds.Find(kind)?.Name ?? kind;

    public static string Recipient(RecipientKind kind) => kind switch
    {
        RecipientKind.Owner => "Den som skickade in",
        RecipientKind.Assignee => "Den som har ärendet nu",
        RecipientKind.Role => "Alla i en roll",
        RecipientKind.User => "En viss användare",
        RecipientKind.UnitManager => "Chefen för ärendets enhet",
        RecipientKind.UserField => "Personen i ett användarfält",
        _ => "En fast e-postadress",
    };

    public static string Operator(ConditionOperator op) => op switch
    {
        ConditionOperator.Equals => "är lika med",
        ConditionOperator.NotEquals => "är inte lika med",
        ConditionOperator.HasValue => "har ett värde",
        ConditionOperator.IsEmpty => "är tomt",
        ConditionOperator.GreaterThan => "är större än",
        _ => "är mindre än",
    };

    public static string TimerAction(TimerAction action) => action == Definitions.TimerAction.Remind ? "Skicka en påminnelse" : "Ta en övergång automatiskt";
}

/// <summary>The JSON "kind" of each activity class (see <see cref="WorkflowActivity"/>).</summary>
/// <summary>The built-in kinds' JSON discriminators, as the editor's per-kind fields know them.</summary>
public static class ActivityKindNames
{
    public const string SendMail = BuiltInActivities.SendMail;
    public const string Notify = BuiltInActivities.Notify;
    public const string Assign = BuiltInActivities.Assign;
    public const string SetField = BuiltInActivities.SetField;
    public const string CreateLinkedItem = BuiltInActivities.CreateLinkedItem;
    public const string StartTimer = BuiltInActivities.StartTimer;
    public const string Webhook = BuiltInActivities.Webhook;

    public static string Of(WorkflowActivity activity) =>
        WorkflowActivityKinds.Of(activity)?.Kind ?? throw new ArgumentOutOfRangeException(nameof(activity), activity.GetType().Name, "Okänd aktivitet.");
}
