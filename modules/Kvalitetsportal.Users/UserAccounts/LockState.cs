namespace Kvalitetsportal.Users.UserAccounts;

public enum LockKind
{
    None,
    /// <summary>Locked for a while after too many failed sign-ins; opens by itself.</summary>
    FailedAttempts,
    /// <summary>Locked by an administrator until an administrator unlocks it.</summary>
    Administrator,
}

public sealed record LockState(LockKind Kind, DateTimeOffset? Until)
{
    /// <summary>The lockout end an administrator's lock sets: it never runs out by itself.</summary>
    public static readonly DateTimeOffset Indefinitely = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public bool IsLocked => Kind != LockKind.None;

    /// <summary>The time as the municipality's users read it (falls back to UTC where the zone is unknown).</summary>
    public static DateTimeOffset SwedishTime(DateTimeOffset time) =>
        Kvalitetsportal.Localization.SwedishTime.Of(time);

    public static LockState Of(DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnd is not DateTimeOffset end || end <= now ? new(LockKind.None, null)
        : end.Year >= Indefinitely.Year ? new(LockKind.Administrator, null)
        : new(LockKind.FailedAttempts, end);
}
