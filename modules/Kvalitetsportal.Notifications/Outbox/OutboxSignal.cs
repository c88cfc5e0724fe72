using Kvalitetsportal.Hosting;

namespace Kvalitetsportal.Notifications.Outbox;

/// <summary>
/// Wakes this node's <see cref="OutboxDispatcher"/> as soon as a transaction that queued messages
/// has committed. Other nodes find the work on their next poll.
/// </summary>
public sealed class OutboxSignal : WakeUpSignal;
