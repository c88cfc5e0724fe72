namespace Kvalitetsportal.Notifications.Outbox;

/// <summary>
/// Workflows:Outbox — how queued mail and webhooks are sent. The key kept its name when the outbox
/// moved to this module (ADR 0019), so existing configuration goes on working.
/// </summary>
public sealed class OutboxOptions
{
    public const string Section = "Workflows:Outbox";

    /// <summary>How often the queue is looked at when nothing nudged it (a node that did not make the change finds it this way).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Messages claimed at a time (one SMTP connection per batch).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Batches sent at the same time by this node.</summary>
    public int Parallelism { get; set; } = 2;

    /// <summary>After this many failed attempts a message is marked failed and no longer tried.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with every further failure, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 10;

    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>How long a claimed batch is reserved for this node; a node that dies mid-batch loses it after this.</summary>
    public int LockSeconds { get; set; } = 120;

    /// <summary>Sent messages (which hold addresses and texts) are deleted after this many days.</summary>
    public int KeepSentDays { get; set; } = 30;
}

/// <summary>Workflows:WebhookSecrets — signing secrets by name; a workflow definition names the secret, never holds it.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Workflows";

    public Dictionary<string, string> WebhookSecrets { get; set; } = [];
}
