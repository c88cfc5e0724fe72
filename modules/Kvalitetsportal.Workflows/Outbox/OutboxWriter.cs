using System.Text.Json;
using Kvalitetsportal.Data;

namespace Kvalitetsportal.Workflows.Outbox;

/// <summary>Adds messages to the caller's unit of work; they are sent only if and after it commits.</summary>
public sealed class OutboxWriter(PortalDbContext db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void AddMail(string? contentItemId, MailPayload mail, DateTime now) => Add(OutboxMessage.MailKind, JsonSerializer.Serialize(mail, Json), contentItemId, now);

    public void AddWebhook(string? contentItemId, WebhookPayload hook, DateTime now) => Add(OutboxMessage.WebhookKind, JsonSerializer.Serialize(hook, Json), contentItemId, now);

    private void Add(string kind, string payload, string? contentItemId, DateTime now) => db.Add(new OutboxMessage
    {
        Kind = kind,
        Payload = payload,
        ContentItemId = contentItemId,
        CreatedUtc = now,
        NextAttemptUtc = now,
        Status = OutboxStatus.Pending,
    });
}
