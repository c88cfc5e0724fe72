using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Guard;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Runs a list of activities for one move of an item. Each adds to the unit of work (outbox rows,
/// notices, timers, the working copy of fields and holder); none talks to the outside world, so
/// the move commits as a whole or not at all. Every run passes the runaway guard first.
/// </summary>
public sealed class ActivityRunner(
    PortalDbContext db,
    Templates templates,
    Recipients recipients,
    FiringGuard guard,
    OutboxWriter outbox,
    IContentDefinitionStore contentTypes,
    INotifier notifier,
    ILogger<ActivityRunner> logger)
{
    /// <summary>Linked items may start workflows that create linked items: not deeper than this in one move.</summary>
    private const int MaxLinkDepth = 3;

    private int _linkDepth;

    public async Task RunAsync(RunContext run, IReadOnlyList<WorkflowActivity> activities, string keyPrefix, CancellationToken cancellationToken)
    {
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var key = $"{keyPrefix}:{i.ToString(CultureInfo.InvariantCulture)}";

            // Only what the portal does by itself can run away (a timer, and what its move runs); a
            // person's click is counted by nobody, and costs no guard query on the way.
            if (run.Actor.IsSystem && !await guard.TryFireAsync(run.Item.ContentItemId, run.Type.Name, key, Describe(activity, keyPrefix), run.Now, cancellationToken))
            {
                continue;
            }

            switch (activity)
            {
                case SendMailActivity mail:
                    await SendMailAsync(run, mail.To, mail.Subject, mail.Body, cancellationToken);
                    break;
                case NotifyActivity notify:
                    await NotifyAsync(run, notify.To, notify.Message, cancellationToken);
                    break;
                case AssignActivity assign:
                    await AssignAsync(run, assign, cancellationToken);
                    break;
                case SetFieldActivity set:
                    SetField(run, set);
                    break;
                case CreateLinkedItemActivity create:
                    await CreateLinkedItemAsync(run, create, cancellationToken);
                    break;
                case StartTimerActivity timer:
                    StartTimer(run, timer, key);
                    break;
                case WebhookActivity hook:
                    QueueWebhook(run, hook);
                    break;
            }
        }
    }

    /// <summary>A reminder from a timer: a mail and an in-app notice to each recipient.</summary>
    public async Task RemindAsync(RunContext run, StartTimerActivity timer, CancellationToken cancellationToken)
    {
        if (timer.To is null)
        {
            return;
        }

        var notices = new List<Notice>();
        foreach (var person in await recipients.ResolveAsync(timer.To, run, cancellationToken))
        {
            var model = run.Model(person);
            var subject = templates.RenderSubject(timer.Subject, model);
            var text = templates.Render(timer.Body, model);
            if (person.AsNoticeRecipient() is { } user)
            {
                // The reminder is the mail, whatever the user chose for notices; the notice comes with it.
                notices.Add(new Notice(user, subject, run.ItemPath, run.Item.ContentItemId) { Mail = new NoticeMail(subject, text) });
            }
            else
            {
                QueueMail(run, person, subject, text);
            }
        }

        await notifier.NotifyAsync(notices, cancellationToken);
        run.QueuedMessages |= notices.Count > 0;
    }

    public static string Describe(WorkflowActivity activity, string keyPrefix)
    {
        var kind = activity switch
        {
            SendMailActivity => "E-post",
            NotifyActivity => "Notis",
            AssignActivity => "Tilldelning",
            SetFieldActivity => "Sätt fält",
            CreateLinkedItemActivity => "Skapa kopplat ärende",
            StartTimerActivity => "Timer",
            WebhookActivity => "Webhook",
            _ => "Aktivitet",
        };
        var name = string.IsNullOrWhiteSpace(activity.Label) ? kind : $"{kind} \"{activity.Label}\"";
        var parts = keyPrefix.Split(':', 3);
        var where = parts.Length >= 2 && parts[0] == "state" ? $"när ärendet kommer till steget \"{parts[1]}\""
            : parts.Length >= 2 && parts[0] == "transition" ? $"i övergången \"{parts[1]}\""
            : "";
        return where.Length == 0 ? name : $"{name} {where}";
    }

    private async Task SendMailAsync(RunContext run, Recipient to, string subjectTemplate, string bodyTemplate, CancellationToken cancellationToken)
    {
        foreach (var person in await recipients.ResolveAsync(to, run, cancellationToken))
        {
            var model = run.Model(person);
            QueueMail(run, person, templates.RenderSubject(subjectTemplate, model), templates.Render(bodyTemplate, model));
        }
    }

    private async Task NotifyAsync(RunContext run, Recipient to, string messageTemplate, CancellationToken cancellationToken)
    {
        // A notice each (worded for them), and a mail too for those who chose notices by mail.
        var notices = new List<Notice>();
        foreach (var person in await recipients.ResolveAsync(to, run, cancellationToken))
        {
            if (person.AsNoticeRecipient() is { } user)
            {
                notices.Add(new Notice(user, templates.RenderSubject(messageTemplate, run.Model(person)), run.ItemPath, run.Item.ContentItemId));
            }
        }

        await notifier.NotifyAsync(notices, cancellationToken);
    }

    private void QueueMail(RunContext run, Person person, string subject, string text)
    {
        if (string.IsNullOrWhiteSpace(person.Email))
        {
            logger.LogInformation("Workflow mail for content item {ContentItemId} skipped: user {UserId} has no e-mail address", run.Item.ContentItemId, person.UserId);
            return;
        }

        outbox.AddMail(run.Item.ContentItemId, person.Email, person.Name, subject, text, run.Now);
        run.QueuedMessages = true;
    }

    private async Task AssignAsync(RunContext run, AssignActivity assign, CancellationToken cancellationToken)
    {
        var (holder, found) = await recipients.AssigneeAsync(assign.To, run, cancellationToken);
        if (!found)
        {
            // E.g. the unit has no manager: the item is left with nobody rather than with the wrong person.
            logger.LogWarning("Workflow assignment ({Kind}) for content item {ContentItemId} found nobody; the item is unassigned", assign.To?.Kind, run.Item.ContentItemId);
        }

        run.AssignedTo = holder;
    }

    private void SetField(RunContext run, SetFieldActivity set)
    {
        if (run.Type.Field(set.Field) is not { } field || field.Kind == FieldKind.Files)
        {
            return;
        }

        var text = templates.Render(set.Value, run.Model()).Trim();
        var optional = new ContentFieldDefinition { Name = field.Name, Label = field.Label, Kind = field.Kind, Choices = field.Choices, Multiple = field.Multiple, Min = field.Min, Max = field.Max, MaxLength = field.MaxLength };
        var (value, error) = FieldValues.Parse(optional, new FieldInput(field.Multiple ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [text]));
        if (error is not null)
        {
            logger.LogWarning("Workflow could not set field {Field} of content item {ContentItemId}: the value does not fit the field", field.Name, run.Item.ContentItemId);
            return;
        }

        run.Data[field.Name] = value;
        run.DataChanged = true;
    }

    private async Task CreateLinkedItemAsync(RunContext run, CreateLinkedItemActivity create, CancellationToken cancellationToken)
    {
        if (_linkDepth >= MaxLinkDepth)
        {
            logger.LogWarning("Linked item for content item {ContentItemId} not created: too many linked items in one step", run.Item.ContentItemId);
            return;
        }

        if (await contentTypes.GetAsync(create.ContentType, cancellationToken) is not { } target)
        {
            logger.LogWarning("Linked item type {ContentType} does not exist (content item {ContentItemId})", create.ContentType, run.Item.ContentItemId);
            return;
        }

        var data = new JsonObject();
        foreach (var (to, from) in create.CopyFields)
        {
            if (target.Field(to) is not null && run.Data[from] is { } value)
            {
                data[to] = value.DeepClone();
            }
        }

        if (create.BackReferenceField is { Length: > 0 } back && target.Field(back) is not null)
        {
            data[back] = run.Item.ContentItemId;
        }

        var title = templates.RenderSubject(create.Title, run.Model());
        _linkDepth++;
        try
        {
            // As a draft when the type has drafts: the submitter completes and submits it.
            var created = await run.Contents.CreateAsync(
                target, new ContentChange(title.Length > 0 ? title : run.Item.DisplayText, run.Item.OrganisationUnitId, data), run.Item.OwnerId, publish: false, cancellationToken);
            logger.LogInformation("Workflow created linked item {LinkedItemId} of type {ContentType} from content item {ContentItemId}", created.ContentItemId, target.Name, run.Item.ContentItemId);
        }
        finally
        {
            _linkDepth--;
        }
    }

    private void StartTimer(RunContext run, StartTimerActivity timer, string key)
    {
        if (TimerSchedule.DueUtc(timer, run.Now, run.Data) is not { } due)
        {
            logger.LogInformation("Timer {Key} for content item {ContentItemId} not started: its date field is empty", key, run.Item.ContentItemId);
            return;
        }

        db.Add(new WorkflowTimer
        {
            ContentItemId = run.Item.ContentItemId,
            ContentType = run.Type.Name,
            DefinitionVersion = run.Instance.DefinitionVersion,
            State = run.ToState,
            InstanceRevision = run.Instance.Revision,
            ActivityKey = key,
            DueUtc = due,
            Status = TimerStatus.Pending,
            CreatedUtc = run.Now,
        });
        run.StartedTimers = true;
    }

    private void QueueWebhook(RunContext run, WebhookActivity hook)
    {
        // Ids and states only: the receiver fetches what else it needs through the API, with its own permissions.
        var body = JsonSerializer.Serialize(new
        {
            @event = "workflow.transition",
            occurredUtc = DateTime.SpecifyKind(run.Now, DateTimeKind.Utc),
            contentType = run.Type.Name,
            contentItemId = run.Item.ContentItemId,
            reference = Contents.Items.ContentItemUrls.Reference(run.Item.ContentItemId),
            url = (string)run.Model().Item["url"]!,
            fromState = run.FromState,
            toState = run.ToState,
            transition = run.Transition is null ? null : new { id = run.Transition.Id, label = run.Transition.Label },
            actorId = run.Actor.UserId,
            definitionVersion = run.Instance.DefinitionVersion,
        }, OutboxWriter.Json);
        outbox.AddWebhook(run.Item.ContentItemId, new WebhookPayload(hook.Url, hook.SecretName, "workflow.transition", body), run.Now);
        run.QueuedMessages = true;
    }
}
