using System.Text.Json;
using System.Text.RegularExpressions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Notifications.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Kvalitetsportal.Notifications.Outbox;

/// <summary>
/// Sends what was queued (workflow mail and webhooks, notices by mail), after they committed: woken by this node's commits, polling as
/// a fallback (and for other nodes' work). Several nodes share the queue safely: a batch is
/// claimed with one conditional UPDATE (free or expired lock → this claim), so a message is
/// sent by one node at a time. Failures are retried with exponential back-off and finally marked
/// failed with the last error; a message is never lost and a transition never waits for it.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    DatabaseWriteGate gate,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>After a nudge the dispatcher waits this long, so that a burst of transitions goes out in a few batches.</summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    private DateTime _lastCleanup = DateTime.MinValue;

    private OutboxOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            if (await signal.WaitAsync(TimeSpan.FromSeconds(Math.Max(0.05, Options.PollSeconds)), stoppingToken))
            {
                // Nudged: let the burst gather (and a content save that nudged on SaveChanges commit) first.
                try
                {
                    await Task.Delay(Coalesce, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends everything that is due now, in parallel batches; never throws except on shutdown.</summary>
    public async Task<int> RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                if (!await scope.ServiceProvider.GetRequiredService<IFeatureManager>().IsEnabledAsync(NotificationsStartup.FeatureId, stoppingToken))
                {
                    return 0;
                }
            }

            // One batch first; more batches in parallel only when there is more than one batch of work,
            // since every claim is a write and SQLite has one writer at a time.
            var (first, full) = await SendOneBatchAsync(stoppingToken);
            var sent = first;
            if (full)
            {
                var workers = Enumerable.Range(0, Math.Max(1, Options.Parallelism)).Select(_ => DrainAsync(stoppingToken));
                sent += (await Task.WhenAll(workers)).Sum();
            }

            await CleanupAsync(stoppingToken);
            return sent;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return 0;
        }
#pragma warning disable CA1031 // The dispatcher must survive anything (a database hiccup); the next round tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Outbox round failed; retrying at the next poll");
            return 0;
        }
    }

    private async Task<int> DrainAsync(CancellationToken stoppingToken)
    {
        var handled = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var (count, full) = await SendOneBatchAsync(stoppingToken);
            handled += count;
            if (!full)
            {
                break;
            }
        }

        return handled;
    }

    /// <summary>Claims and sends one batch; returns how many it handled and whether the batch was full (more may wait).</summary>
    private async Task<(int Count, bool Full)> SendOneBatchAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var batch = await ClaimAsync(db, stoppingToken);
        if (batch.Count > 0)
        {
            await SendAsync(scope.ServiceProvider, db, batch, stoppingToken);
        }

        return (batch.Count, batch.Count >= Math.Max(1, Options.BatchSize));
    }

    /// <summary>Claims up to a batch of due messages for this node; works the same on SQLite and PostgreSQL.</summary>
    private async Task<List<OutboxMessage>> ClaimAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(Math.Max(10, Options.LockSeconds));
        var claim = $"{_node}:{Guid.NewGuid():N}";
        // A read first: an idle poll takes no write lock.
        var due = await db.Set<OutboxMessage>()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Math.Max(1, Options.BatchSize))
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // The free-lock test is repeated on the updated rows: a racing node's claim (PostgreSQL re-checks a
        // row it waited for) or an earlier one (SQLite writes one at a time) leaves the row out of this claim.
        var claimed = await gate.RunAsync(db, () => db.Set<OutboxMessage>()
            .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, claim).SetProperty(m => m.LockedUntilUtc, until), cancellationToken), cancellationToken);
        return claimed == 0 ? [] : await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.LockedBy == claim).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    private async Task SendAsync(IServiceProvider services, PortalDbContext db, List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var results = new Dictionary<long, Exception?>();
        var mails = batch.Where(m => m.Kind == OutboxMessage.MailKind).ToList();
        if (mails.Count > 0)
        {
            var mailOptions = services.GetRequiredService<IOptions<MailOptions>>().Value;
            var composed = new List<(OutboxMessage Message, MimeMessage Mime)>();
            foreach (var message in mails)
            {
                try
                {
                    composed.Add((message, Compose(message, mailOptions)));
                }
                catch (Exception ex) when (ex is JsonException or ParseException or ArgumentException)
                {
                    results[message.Id] = ex;
                }
            }

            var transport = services.GetRequiredService<MailTransportFactory>().Create();
            var sent = await transport.SendAsync([.. composed.Select(c => c.Mime)], cancellationToken);
            for (var i = 0; i < composed.Count; i++)
            {
                results[composed[i].Message.Id] = sent[i];
            }
        }

        var webhooks = services.GetRequiredService<WebhookSender>();
        foreach (var message in batch.Where(m => m.Kind == OutboxMessage.WebhookKind))
        {
            results[message.Id] = await webhooks.SendAsync(message, cancellationToken);
        }

        foreach (var message in batch.Where(m => m.Kind is not (OutboxMessage.MailKind or OutboxMessage.WebhookKind)))
        {
            results[message.Id] = new InvalidOperationException($"Okänd sorts meddelande \"{message.Kind}\".");
        }

        await RecordAsync(db, batch, results, cancellationToken);
    }

    private async Task RecordAsync(PortalDbContext db, List<OutboxMessage> batch, Dictionary<long, Exception?> results, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = batch[0].LockedBy;
        var sentIds = batch.Where(m => results.GetValueOrDefault(m.Id) is null).Select(m => m.Id).ToList();
        if (sentIds.Count > 0)
        {
            await gate.RunAsync(db, () => db.Set<OutboxMessage>()
                .Where(m => sentIds.Contains(m.Id) && m.LockedBy == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentUtc, now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), cancellationToken), cancellationToken);
        }

        foreach (var message in batch.Where(m => results.GetValueOrDefault(m.Id) is not null))
        {
            var error = results[message.Id]!;
            var attempts = message.Attempts + 1;
            var failed = attempts >= Math.Max(1, Options.MaxAttempts);
            var next = now + Backoff(attempts);
            var text = Describe(error);
            await db.Set<OutboxMessage>()
                .Where(m => m.Id == message.Id && m.LockedBy == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptUtc, next)
                    .SetProperty(m => m.LastError, text)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), cancellationToken);

            // Ids only: no addresses, subjects or texts in the log.
            if (failed)
            {
                logger.LogError("Outbox {Kind} message {MessageId} (content item {ContentItemId}) failed for good after {Attempts} attempts: {ErrorType}", message.Kind, message.Id, message.ContentItemId, attempts, error.GetType().Name);
            }
            else
            {
                logger.LogWarning("Outbox {Kind} message {MessageId} (content item {ContentItemId}) attempt {Attempts} failed ({ErrorType}); next attempt at {NextAttemptUtc:o}", message.Kind, message.Id, message.ContentItemId, attempts, error.GetType().Name, next);
            }
        }

        if (sentIds.Count > 0)
        {
            logger.LogInformation("Outbox sent {Count} message(s)", sentIds.Count);
        }
    }

    /// <summary>Doubling waits from RetryBaseSeconds up to RetryMaxSeconds, with a little jitter so nodes do not retry in step.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(Options.RetryMaxSeconds, Options.RetryBaseSeconds * Math.Pow(2, Math.Min(30, attempts - 1)));
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromSeconds(seconds * (0.9 + Random.Shared.NextDouble() * 0.2));
#pragma warning restore CA5394
    }

    private static MimeMessage Compose(OutboxMessage message, MailOptions options)
    {
        var mail = JsonSerializer.Deserialize<MailPayload>(message.Payload, OutboxWriter.Json) ?? throw new JsonException("Tomt e-postmeddelande.");
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        mime.Subject = mail.Subject;
        mime.Headers.Add("X-Kvalitetsportal-Message", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        mime.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return mime;
    }

    /// <summary>The error for the admin, with e-mail addresses masked.</summary>
    private static string Describe(Exception error)
    {
        var text = EmailAddress().Replace($"{error.GetType().Name}: {error.Message}", "[adress]");
        return text.Length > 1000 ? text[..1000] : text;
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _lastCleanup < CleanupInterval)
        {
            return;
        }

        _lastCleanup = now;
        await using var scope = scopes.CreateAsyncScope();
        var before = now.AddDays(-Math.Max(1, Options.KeepSentDays));
        var deleted = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutboxMessage>()
            .Where(m => m.Status == OutboxStatus.Sent && m.SentUtc < before)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Outbox: deleted {Count} sent message(s) older than {Days} days", deleted, Options.KeepSentDays);
        }
    }

    [GeneratedRegex(@"[^\s<>""'@]+@[^\s<>""'@]+")]
    private static partial Regex EmailAddress();
}
