using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// How many transition requests the portal works on at once; the rest wait their turn in arrival
/// order (ASP.NET Core's concurrency limiter). On SQLite a transition is mostly CPU and one
/// writer at a time: with many at once, each one's share of the cores shrinks, the one that holds
/// the write turn is slowed by the others, and everyone waits longer (issue 4's benchmark). A few
/// at a time, first come first served, finishes each one sooner. On PostgreSQL, where a request
/// also waits for the database server, there is no limit unless configured.
/// </summary>
public static class TransitionAdmission
{
    public const string PolicyName = "workflow-transitions";

    /// <summary>Requests that may wait; beyond this a request is turned away (429, "try again").</summary>
    public const int QueueLimit = 1_000;

    /// <summary>Workflows:TransitionsAtOnce; 0 means no limit. Default: the number of cores on SQLite, no limit on PostgreSQL.</summary>
    public static int AtOnce(IConfiguration configuration)
    {
        var sqlite = !string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
        return Math.Max(0, configuration.GetValue($"{WorkflowRuntimeOptions.Section}:TransitionsAtOnce", sqlite ? Environment.ProcessorCount : 0));
    }

    public static IServiceCollection AddTransitionAdmission(this IServiceCollection services, IConfiguration configuration)
    {
        var atOnce = AtOnce(configuration);
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(PolicyName, _ => atOnce == 0
            ? RateLimitPartition.GetNoLimiter(PolicyName)
            : RateLimitPartition.GetConcurrencyLimiter(PolicyName, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = atOnce,
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })));
        return services;
    }
}
