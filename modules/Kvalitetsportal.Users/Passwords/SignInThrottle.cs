using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Kvalitetsportal.Users.Passwords;

/// <summary>
/// Slows password guessing without locking anyone out (NIST SP 800-63B 5.2.2). Failures are counted
/// per account (known or not, so the answer never tells which exist) and per client address; after
/// the free attempts each further failure doubles the wait before the next attempt is taken, up to
/// <c>Users:SignInMaxDelaySeconds</c>. A wait answers 429 with Retry-After; the right password works
/// again as soon as the wait is over, so an attacker can slow an account but never lock it.
/// Counts are forgotten an hour after the last failure, and an account's on its next sign-in.
/// In memory per node: several nodes each slow what they see.
/// </summary>
public sealed class SignInThrottle(IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan Memory = TimeSpan.FromHours(1);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly int _freePerAccount = configuration.GetValue("Users:SignInFreeFailuresPerAccount", 5);
    private readonly int _freePerAddress = configuration.GetValue("Users:SignInFreeFailuresPerAddress", 20);
    private readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(configuration.GetValue("Users:SignInMaxDelaySeconds", 60));

    /// <summary>How long this attempt must wait, or null when it may be tried now.</summary>
    public TimeSpan? WaitBefore(string account, string? address)
    {
        var now = clock.GetUtcNow();
        var wait = new[] { AccountKey(account), AddressKey(address) }
            .Select(key => _counters.TryGetValue(key, out var counter) && now - counter.LastFailure < Memory ? counter.NotBefore - now : TimeSpan.Zero)
            .Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string account, string? address)
    {
        var now = clock.GetUtcNow();
        if (_counters.Count > MaxEntries)
        {
            foreach (var stale in _counters.Where(c => now - c.Value.LastFailure > Memory).Select(c => c.Key).ToList())
            {
                _counters.TryRemove(stale, out _);
            }
        }

        Count(AccountKey(account), _freePerAccount, now);
        Count(AddressKey(address), _freePerAddress, now);
    }

    /// <summary>A successful sign-in forgets the account's failures (not the address's).</summary>
    public void Succeeded(string account) => _counters.TryRemove(AccountKey(account), out _);

    private void Count(string key, int free, DateTimeOffset now) =>
        _counters.AddOrUpdate(
            key,
            _ => new Counter(1, now, now + Delay(1, free)),
            (_, old) =>
            {
                var failures = now - old.LastFailure > Memory ? 1 : old.Failures + 1;
                return new Counter(failures, now, now + Delay(failures, free));
            });

    private TimeSpan Delay(int failures, int free) =>
        failures <= free ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(_maxDelay.TotalSeconds, Math.Pow(2, Math.Min(failures - free, 20))));

    private static string AccountKey(string account) => "account:" + account.Trim().ToUpperInvariant();

    private static string AddressKey(string? address) => "address:" + (address ?? "unknown");

    private sealed record Counter(int Failures, DateTimeOffset LastFailure, DateTimeOffset NotBefore);
}
