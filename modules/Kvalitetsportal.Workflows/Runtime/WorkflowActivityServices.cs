using Kvalitetsportal.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>The kinds this host runs and offers in the editor: the built-ins and what modules registered.</summary>
public sealed class WorkflowActivityRegistry(IEnumerable<RegisteredActivity> registered)
{
    private readonly Dictionary<Type, RegisteredActivity> _byType = registered.GroupBy(r => r.Kind.ActivityType).ToDictionary(g => g.Key, g => g.First());

    /// <summary>In the order the editor's "add activity" select offers them.</summary>
    public IReadOnlyList<WorkflowActivityKind> Kinds => [.. _byType.Values.Select(r => r.Kind).OrderBy(k => k.Order).ThenBy(k => k.Kind, StringComparer.Ordinal)];

    public WorkflowActivityKind? Of(WorkflowActivity activity) => _byType.GetValueOrDefault(activity.GetType())?.Kind;

    /// <summary>The handler type (scoped) that runs the activity, when this host registered its kind.</summary>
    public Type? HandlerOf(WorkflowActivity activity) => _byType.GetValueOrDefault(activity.GetType())?.HandlerType;
}

/// <summary>A kind this host runs, with the handler (scoped) that runs it inside the transition's unit of work.</summary>
public sealed record RegisteredActivity(WorkflowActivityKind Kind, Type HandlerType);

/// <summary>Lets a module add an activity kind without touching the Workflows module.</summary>
public static class WorkflowActivityServices
{
    /// <summary>
    /// Registers an activity kind: <paramref name="kind"/> is its JSON "kind" in definitions and
    /// recipes; the handler runs it inside the transition's unit of work.
    /// </summary>
    /// <example>
    /// services.AddWorkflowActivity&lt;ArchiveActivity, ArchiveHandler&gt;("archive", "Arkivera ärendet", "Arkivering",
    ///     editor: [new("series", "Arkivserie", Required: true)]);
    /// </example>
    public static IServiceCollection AddWorkflowActivity<TActivity, THandler>(
        this IServiceCollection services,
        string kind,
        string name,
        string noun,
        IReadOnlyList<ActivityEditorField>? editor = null,
        Action<TActivity, ActivityCheck>? validate = null,
        int order = 100)
        where TActivity : WorkflowActivity
        where THandler : class, IWorkflowActivityHandler
    {
        return services.AddWorkflowActivity(typeof(THandler), new WorkflowActivityKind
        {
            Kind = kind,
            ActivityType = typeof(TActivity),
            Name = name,
            Noun = noun,
            Order = order,
            EditorFields = editor ?? [],
            Validate = validate is null ? null : (activity, check) => validate((TActivity)activity, check),
        });
    }

    public static IServiceCollection AddWorkflowActivity(this IServiceCollection services, Type handlerType, WorkflowActivityKind kind)
    {
        WorkflowActivityKinds.Add(kind);
        services.AddSingleton(new RegisteredActivity(kind, handlerType));
        services.TryAddScoped(handlerType);
        services.TryAddSingleton<WorkflowActivityRegistry>();
        return services;
    }

    /// <summary>The seven kinds the Workflows module brings.</summary>
    internal static IServiceCollection AddBuiltInWorkflowActivities(this IServiceCollection services)
    {
        services.AddScoped<WorkflowMail>();
        foreach (var kind in BuiltInActivities.All)
        {
            services.AddWorkflowActivity(BuiltInHandlers.For(kind.Kind), kind);
        }

        return services;
    }
}
