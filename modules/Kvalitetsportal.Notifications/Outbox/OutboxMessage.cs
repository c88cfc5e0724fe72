using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Notifications.Outbox;

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,

    /// <summary>Given up after the configured number of attempts; the last error says why.</summary>
    Failed = 2,
}

/// <summary>
/// A side effect of a change (a mail, a webhook call), written in the change's transaction and sent
/// after it commits by <see cref="OutboxDispatcher"/>. A transition never waits for, and is never
/// undone by, a mail server or a webhook receiver.
/// </summary>
public sealed class OutboxMessage
{
    public const string MailKind = "mail";
    public const string WebhookKind = "webhook";

    public long Id { get; set; }

    /// <summary><see cref="MailKind"/> or <see cref="WebhookKind"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What to send, as JSON (<see cref="MailPayload"/> or <see cref="WebhookPayload"/>).</summary>
    public required string Payload { get; set; }

    /// <summary>The item it is about (for the log and the admin), if any.</summary>
    public string? ContentItemId { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Not tried before this (back-off after a failure).</summary>
    public DateTime NextAttemptUtc { get; set; }

    public int Attempts { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>The claim (node and batch) that is sending it now; see <see cref="LockedUntilUtc"/>.</summary>
    public string? LockedBy { get; set; }

    public DateTime? LockedUntilUtc { get; set; }

    public DateTime? SentUtc { get; set; }

    /// <summary>Why the last attempt failed (no e-mail addresses: they are masked).</summary>
    public string? LastError { get; set; }
}

/// <summary>A mail in the outbox: one recipient, the texts already rendered.</summary>
public sealed record MailPayload(string To, string? ToName, string Subject, string Text, string Html);

/// <summary>A webhook call in the outbox; the secret is looked up by name when it is sent.</summary>
public sealed record WebhookPayload(string Url, string? SecretName, string Event, string Body);

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        // The table kept the name it had in the Workflows module (ADR 0019).
        builder.ToTable(DataConventions.Table("Workflows", "Outbox"));
        builder.Property(m => m.Kind).HasMaxLength(16);
        builder.Property(m => m.Payload).IsJson();
        builder.Property(m => m.ContentItemId).HasMaxLength(32);
        builder.Property(m => m.LockedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(1000);

        // The dispatcher's question: pending, due, oldest first.
        builder.HasIndex(m => new { m.Status, m.NextAttemptUtc });
        builder.HasIndex(m => m.LockedBy);
        builder.HasIndex(m => m.ContentItemId);
    }
}
