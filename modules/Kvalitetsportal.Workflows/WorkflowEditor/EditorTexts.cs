using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>The Swedish words the editor shows for the definition's technical values.</summary>
public static class EditorTexts
{
    /// <summary>The activity kinds in the order the "add activity" select offers them (JSON discriminator → name).</summary>
    public static IReadOnlyList<(string Kind, string Name)> ActivityKinds { get; } =
    [
        (ActivityKindNames.SendMail, "Skicka e-post"),
        (ActivityKindNames.Notify, "Meddelande i portalen"),
        (ActivityKindNames.Assign, "Lämna ärendet till någon"),
        (ActivityKindNames.StartTimer, "Timer: påminnelse eller automatisk övergång"),
        (ActivityKindNames.SetField, "Sätt ett fält"),
        (ActivityKindNames.CreateLinkedItem, "Skapa ett kopplat ärende"),
        (ActivityKindNames.Webhook, "Anropa en webhook"),
    ];

    public static string ActivityKind(string kind) => ActivityKinds.FirstOrDefault(k => k.Kind == kind).Name ?? kind;

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
public static class ActivityKindNames
{
    public const string SendMail = "sendMail";
    public const string Notify = "notify";
    public const string Assign = "assign";
    public const string SetField = "setField";
    public const string CreateLinkedItem = "createLinkedItem";
    public const string StartTimer = "startTimer";
    public const string Webhook = "webhook";

    public static string Of(WorkflowActivity activity) => activity switch
    {
        SendMailActivity => SendMail,
        NotifyActivity => Notify,
        AssignActivity => Assign,
        SetFieldActivity => SetField,
        CreateLinkedItemActivity => CreateLinkedItem,
        StartTimerActivity => StartTimer,
        WebhookActivity => Webhook,
        _ => throw new ArgumentOutOfRangeException(nameof(activity), activity.GetType().Name, "Okänd aktivitet."),
    };
}
