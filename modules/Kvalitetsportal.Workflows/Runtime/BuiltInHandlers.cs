using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>Which handler runs each of the seven built-in kinds (<see cref="BuiltInActivities"/>).</summary>
internal static class BuiltInHandlers
{
    private static readonly Dictionary<string, Type> ByKind = new(StringComparer.Ordinal)
    {
        [BuiltInActivities.SendMail] = typeof(SendMailHandler),
        [BuiltInActivities.Notify] = typeof(NotifyHandler),
        [BuiltInActivities.Assign] = typeof(AssignHandler),
        [BuiltInActivities.SetField] = typeof(SetFieldHandler),
        [BuiltInActivities.CreateLinkedItem] = typeof(CreateLinkedItemHandler),
        [BuiltInActivities.StartTimer] = typeof(StartTimerHandler),
        [BuiltInActivities.Webhook] = typeof(WebhookHandler),
    };

    public static Type For(string kind) => ByKind[kind];
}

/// <summary>Queues a workflow mail in the outbox (sent after the commit), or logs why not.</summary>
public sealed class WorkflowMail(OutboxWriter outbox, ILogger<WorkflowMail> logger)
{
    public void Queue(RunContext run, Person person, string subject, string text)
    {
        if (string.IsNullOrWhiteSpace(person.Email))
        {
            logger.LogInformation("Workflow mail for content item {ContentItemId} skipped: user {UserId} has no e-mail address", run.Item.ContentItemId, person.UserId);
            return;
        }

        outbox.AddMail(run.Item.ContentItemId, person.Email, person.Name, subject, text, run.Now);
        run.QueuedMessages = true;
    }
}

public sealed class SendMailHandler(Templates templates, Recipients recipients, WorkflowMail mail) : WorkflowActivityHandler<SendMailActivity>
{
    protected override async Task RunAsync(RunContext run, SendMailActivity activity, string key, CancellationToken cancellationToken)
    {
        foreach (var person in await recipients.ResolveAsync(activity.To, run, cancellationToken))
        {
            var model = run.Model(person);
            mail.Queue(run, person, templates.RenderSubject(activity.Subject, model), templates.Render(activity.Body, model));
        }
    }
}

public sealed class NotifyHandler(Templates templates, Recipients recipients, INotifier notifier) : WorkflowActivityHandler<NotifyActivity>
{
    protected override async Task RunAsync(RunContext run, NotifyActivity activity, string key, CancellationToken cancellationToken)
    {
        // A notice each (worded for them), and a mail too for those who chose notices by mail.
        var notices = new List<Notice>();
        foreach (var person in await recipients.ResolveAsync(activity.To, run, cancellationToken))
        {
            if (person.AsNoticeRecipient() is { } user)
            {
                notices.Add(new Notice(user, templates.RenderSubject(activity.Message, run.Model(person)), run.ItemPath, run.Item.ContentItemId));
            }
        }

        await notifier.NotifyAsync(notices, cancellationToken);
    }
}

public sealed class AssignHandler(Recipients recipients, ILogger<AssignHandler> logger) : WorkflowActivityHandler<AssignActivity>
{
    protected override async Task RunAsync(RunContext run, AssignActivity activity, string key, CancellationToken cancellationToken)
    {
        var (holder, found) = await recipients.AssigneeAsync(activity.To, run, cancellationToken);
        if (!found)
        {
            // E.g. the unit has no manager: the item is left with nobody rather than with the wrong person.
            logger.LogWarning("Workflow assignment ({Kind}) for content item {ContentItemId} found nobody; the item is unassigned", activity.To?.Kind, run.Item.ContentItemId);
        }

        run.AssignedTo = holder;
    }
}

public sealed class SetFieldHandler(Templates templates, ILogger<SetFieldHandler> logger) : WorkflowActivityHandler<SetFieldActivity>
{
    protected override Task RunAsync(RunContext run, SetFieldActivity activity, string key, CancellationToken cancellationToken)
    {
        if (run.Type.Field(activity.Field) is not { } field || field.Kind == FieldKind.Files)
        {
            return Task.CompletedTask;
        }

        var text = templates.Render(activity.Value, run.Model()).Trim();
        var optional = new ContentFieldDefinition { Name = field.Name, Label = field.Label, Kind = field.Kind, Choices = field.Choices, Multiple = field.Multiple, Min = field.Min, Max = field.Max, MaxLength = field.MaxLength };
        var (value, error) = FieldValues.Parse(optional, new FieldInput(field.Multiple ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [text]));
        if (error is not null)
        {
            logger.LogWarning("Workflow could not set field {Field} of content item {ContentItemId}: the value does not fit the field", field.Name, run.Item.ContentItemId);
            return Task.CompletedTask;
        }

        run.Data[field.Name] = value;
        run.DataChanged = true;
        return Task.CompletedTask;
    }
}

/// <summary>Scoped: the depth counts the linked items one move creates through nested workflows.</summary>
public sealed class CreateLinkedItemHandler(Templates templates, IContentDefinitionStore contentTypes, ILogger<CreateLinkedItemHandler> logger) : WorkflowActivityHandler<CreateLinkedItemActivity>
{
    /// <summary>Linked items may start workflows that create linked items: not deeper than this in one move.</summary>
    private const int MaxLinkDepth = 3;

    private int _linkDepth;

    protected override async Task RunAsync(RunContext run, CreateLinkedItemActivity create, string key, CancellationToken cancellationToken)
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
}

public sealed class StartTimerHandler(PortalDbContext db, ILogger<StartTimerHandler> logger) : WorkflowActivityHandler<StartTimerActivity>
{
    protected override Task RunAsync(RunContext run, StartTimerActivity timer, string key, CancellationToken cancellationToken)
    {
        if (TimerSchedule.DueUtc(timer, run.Now, run.Data) is not { } due)
        {
            logger.LogInformation("Timer {Key} for content item {ContentItemId} not started: its date field is empty", key, run.Item.ContentItemId);
            return Task.CompletedTask;
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
        return Task.CompletedTask;
    }
}

public sealed class WebhookHandler(OutboxWriter outbox) : WorkflowActivityHandler<WebhookActivity>
{
    protected override Task RunAsync(RunContext run, WebhookActivity hook, string key, CancellationToken cancellationToken)
    {
        // Ids and states only: the receiver fetches what else it needs through the API, with its own permissions.
        var body = JsonSerializer.Serialize(new
        {
            @event = "workflow.transition",
            occurredUtc = DateTime.SpecifyKind(run.Now, DateTimeKind.Utc),
            contentType = run.Type.Name,
            contentItemId = run.Item.ContentItemId,
            reference = ContentItemUrls.Reference(run.Item.ContentItemId),
            url = (string)run.Model().Item["url"]!,
            fromState = run.FromState,
            toState = run.ToState,
            transition = run.Transition is null ? null : new { id = run.Transition.Id, label = run.Transition.Label },
            actorId = run.Actor.UserId,
            definitionVersion = run.Instance.DefinitionVersion,
        }, OutboxWriter.Json);
        outbox.AddWebhook(run.Item.ContentItemId, new WebhookPayload(hook.Url, hook.SecretName, "workflow.transition", body), run.Now);
        run.QueuedMessages = true;
        return Task.CompletedTask;
    }
}
