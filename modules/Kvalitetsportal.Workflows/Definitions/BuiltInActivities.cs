using Kvalitetsportal.Contents.Definitions;

namespace Kvalitetsportal.Workflows.Definitions;

/// <summary>The seven kinds the Workflows module brings, described like any module's kind.</summary>
public static class BuiltInActivities
{
    public const string SendMail = "sendMail";
    public const string Notify = "notify";
    public const string Assign = "assign";
    public const string SetField = "setField";
    public const string CreateLinkedItem = "createLinkedItem";
    public const string StartTimer = "startTimer";
    public const string Webhook = "webhook";

    public static IReadOnlyList<WorkflowActivityKind> All { get; } =
    [
        Kind<SendMailActivity>(SendMail, "Skicka e-post", "E-post", 0, (mail, check) =>
        {
            check.Recipient(mail.To, "to", mailOnly: true);
            check.Template(mail.Subject, "subject", "ämnesrad");
            check.Template(mail.Body, "body", "text");
        }),
        Kind<NotifyActivity>(Notify, "Meddelande i portalen", "Notis", 10, (notify, check) =>
        {
            check.Recipient(notify.To, "to", mailOnly: false);
            check.Template(notify.Message, "message", "meddelande");
        }),
        Kind<AssignActivity>(Assign, "Lämna ärendet till någon", "Tilldelning", 20, (assign, check) =>
        {
            if (assign.To is null)
            {
                return;
            }

            if (assign.To.Kind is RecipientKind.Address or RecipientKind.Assignee)
            {
                check.Problem("to", $"{check.Name}: ett ärende kan lämnas till en person, en roll, den som skickade in eller enhetens chef.");
            }
            else
            {
                check.Recipient(assign.To, "to", mailOnly: false);
            }
        }),
        Kind<StartTimerActivity>(StartTimer, "Timer: påminnelse eller automatisk övergång", "Timer", 30, CheckTimer),
        Kind<SetFieldActivity>(SetField, "Sätt ett fält", "Sätt fält", 40, (set, check) =>
        {
            if (check.Type?.Field(set.Field) is null)
            {
                check.Problem("field", $"{check.Name}: fältet \"{set.Field}\" finns inte i innehållstypen.");
            }

            check.Template(set.Value, "value", "värde", required: false);
        }),
        Kind<CreateLinkedItemActivity>(CreateLinkedItem, "Skapa ett kopplat ärende", "Skapa kopplat ärende", 50, CheckCreateLinkedItem),
        Kind<WebhookActivity>(Webhook, "Anropa en webhook", "Webhook", 60, (hook, check) =>
        {
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                check.Problem("url", $"{check.Name}: adressen måste vara en fullständig http- eller https-adress.");
            }
        }),
    ];

    private static WorkflowActivityKind Kind<TActivity>(string kind, string name, string noun, int order, Action<TActivity, ActivityCheck> validate)
        where TActivity : WorkflowActivity => new()
        {
            Kind = kind,
            ActivityType = typeof(TActivity),
            Name = name,
            Noun = noun,
            Order = order,
            Validate = (activity, check) => validate((TActivity)activity, check),
            BuiltInEditor = true,
        };

    private static void CheckCreateLinkedItem(CreateLinkedItemActivity create, ActivityCheck check)
    {
        var target = check.Types.GetValueOrDefault(create.ContentType);
        if (target is null)
        {
            check.Problem("contentType", $"{check.Name}: innehållstypen \"{create.ContentType}\" finns inte.");
        }
        else
        {
            if (create.BackReferenceField is { Length: > 0 } back && target.Field(back)?.Kind != FieldKind.ContentReference)
            {
                check.Problem("backReferenceField", $"{check.Name}: \"{back}\" är inget referensfält i \"{target.DisplayName}\".");
            }

            foreach (var (to, from) in create.CopyFields)
            {
                if (target.Field(to) is null || check.Type?.Field(from) is null)
                {
                    check.Problem("copyFields", $"{check.Name}: fältet \"{from}\" kan inte kopieras till \"{to}\".");
                }
            }
        }

        check.Template(create.Title, "title", "titel");
    }

    private static void CheckTimer(StartTimerActivity timer, ActivityCheck check)
    {
        var name = check.Name;
        if ((timer.After is null) == string.IsNullOrEmpty(timer.AtDateField))
        {
            check.Problem("after", $"{name}: ange antingen hur lång tid efteråt eller ett datumfält, inte båda.");
        }
        else if (timer.After is { } after && after < TimeSpan.FromSeconds(1))
        {
            check.Problem("after", $"{name}: tiden måste vara längre än noll.");
        }
        else if (timer.AtDateField is { Length: > 0 } field && check.Type?.Field(field)?.Kind != FieldKind.Date)
        {
            check.Problem("atDateField", $"{name}: \"{field}\" är inget datumfält.");
        }

        if (timer.Repeat is { } repeat && repeat < TimeSpan.FromMinutes(1))
        {
            check.Problem("repeat", $"{name}: en upprepad påminnelse får komma högst en gång i minuten.");
        }

        if (timer.Action == TimerAction.Remind)
        {
            if (timer.To is null)
            {
                check.Problem("to", $"{name}: välj vem påminnelsen ska till.");
            }
            else
            {
                check.Recipient(timer.To, "to", mailOnly: false);
            }

            check.Template(timer.Subject, "subject", "ämnesrad");
            check.Template(timer.Body, "body", "text");
        }
        else if (check.Definition.Transition(timer.TransitionId) is not { } transition)
        {
            check.Problem("transitionId", $"{name}: välj en övergång som finns.");
        }
        else if (!string.Equals(transition.From, check.StateAfter, StringComparison.Ordinal))
        {
            check.Problem("transitionId", $"{name}: övergången \"{transition.Label}\" går inte från \"{check.StateAfter}\", där timern startar.");
        }
        else if (transition.RequiresDecision)
        {
            check.Problem("transitionId", $"{name}: övergången \"{transition.Label}\" kräver ett beslut och kan inte tas av en timer.");
        }
    }
}
