using System.Text.Json;
using Kvalitetsportal.Data;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Notifications.Mail;
using Microsoft.Extensions.Configuration;

namespace Kvalitetsportal.Notifications.Outbox;

/// <summary>
/// Adds messages to the caller's unit of work; they are sent only if and after it commits. This
/// node's dispatcher is nudged after the commit (other nodes find them on their poll).
/// </summary>
public sealed class OutboxWriter(PortalDbContext db, OutboxSignal signal, IConfiguration configuration)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void AddMail(string? contentItemId, MailPayload mail, DateTime now) => Add(OutboxMessage.MailKind, JsonSerializer.Serialize(mail, Json), contentItemId, now);

    /// <summary>A plain-text mail to one person; the HTML part is made from the text, the subject is one line.</summary>
    public void AddMail(string? contentItemId, string to, string? toName, string subject, string text, DateTime now) =>
        AddMail(contentItemId, new MailPayload(to, toName, MailText.Subject(subject), text, MailText.ToHtml(text, subject, PortalAddress.BaseUrl(configuration))), now);

    public void AddWebhook(string? contentItemId, WebhookPayload hook, DateTime now) => Add(OutboxMessage.WebhookKind, JsonSerializer.Serialize(hook, Json), contentItemId, now);

    private void Add(string kind, string payload, string? contentItemId, DateTime now)
    {
        db.Add(new OutboxMessage
        {
            Kind = kind,
            Payload = payload,
            ContentItemId = contentItemId,
            CreatedUtc = now,
            NextAttemptUtc = now,
            Status = OutboxStatus.Pending,
        });
        db.AfterCommit.Add(_ =>
        {
            signal.Nudge();
            return Task.CompletedTask;
        });
    }
}
