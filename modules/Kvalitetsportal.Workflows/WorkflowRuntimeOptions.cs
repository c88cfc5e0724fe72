namespace Kvalitetsportal.Workflows;

/// <summary>
/// Settings under "Workflows" (appsettings, environment variables Workflows__…). Workflows:Outbox and
/// Workflows:WebhookSecrets are read by the Notifications module, which sends what workflows queue.
/// </summary>
public sealed class WorkflowRuntimeOptions
{
    public const string Section = "Workflows";

    /// <summary>
    /// The runaway guard: a timer or activity that fires more often than this for one item within an
    /// hour is stopped and reported at /admin/arbetsfloden/stoppade.
    /// </summary>
    public int MaxFiringsPerItemPerHour { get; set; } = 10;

    public TimerOptions Timers { get; set; } = new();
}

/// <summary>Workflows:Timers — how persisted timers are found and fired.</summary>
public sealed class TimerOptions
{
    public double PollSeconds { get; set; } = 10;

    public int BatchSize { get; set; } = 20;

    public int LockSeconds { get; set; } = 120;
}
