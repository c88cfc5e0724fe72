using System.Globalization;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Guard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Runs a list of activities for one move of an item, each by the handler its kind registered
/// (<see cref="WorkflowActivityServices"/>). Each adds to the unit of work (outbox rows, notices,
/// timers, the working copy of fields and holder); none talks to the outside world, so the move
/// commits as a whole or not at all. Every run passes the runaway guard first.
/// </summary>
public sealed class ActivityRunner(
    IServiceProvider services,
    WorkflowActivityRegistry registry,
    Templates templates,
    Recipients recipients,
    FiringGuard guard,
    WorkflowMail mail,
    INotifier notifier,
    ILogger<ActivityRunner> logger)
{
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

            if (registry.HandlerOf(activity) is not { } handlerType)
            {
                // A module that brought the kind is switched off: its activities wait, the move goes on.
                logger.LogWarning("Workflow activity {Key} of content item {ContentItemId} skipped: its kind {ActivityType} is not registered", key, run.Item.ContentItemId, activity.GetType().Name);
                continue;
            }

            var handler = (IWorkflowActivityHandler)services.GetRequiredService(handlerType);
            await handler.RunAsync(run, activity, key, cancellationToken);
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
                mail.Queue(run, person, subject, text);
            }
        }

        await notifier.NotifyAsync(notices, cancellationToken);
        run.QueuedMessages |= notices.Count > 0;
    }

    public static string Describe(WorkflowActivity activity, string keyPrefix) => WorkflowActivityKinds.Describe(activity, keyPrefix);
}
