using Kvalitetsportal.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Workflows.Activities;

/// <summary>The kinds this host runs and offers in the editor: the built-ins and what modules registered.</summary>
public sealed class WorkflowActivityRegistry(IEnumerable<WorkflowActivityKind> kinds)
{
    private readonly Dictionary<Type, WorkflowActivityKind> _byType = kinds.GroupBy(k => k.ActivityType).ToDictionary(g => g.Key, g => g.First());

    /// <summary>In the order the editor's "add activity" select offers them.</summary>
    public IReadOnlyList<WorkflowActivityKind> Kinds => [.. _byType.Values.OrderBy(k => k.Order).ThenBy(k => k.Kind, StringComparer.Ordinal)];

    public WorkflowActivityKind? Of(WorkflowActivity activity) => _byType.GetValueOrDefault(activity.GetType());
}

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
        return services.AddWorkflowActivity(new WorkflowActivityKind
        {
            Kind = kind,
            ActivityType = typeof(TActivity),
            Name = name,
            Noun = noun,
            Order = order,
            HandlerType = typeof(THandler),
            EditorFields = editor ?? [],
            Validate = validate is null ? null : (activity, check) => validate((TActivity)activity, check),
        });
    }

    public static IServiceCollection AddWorkflowActivity(this IServiceCollection services, WorkflowActivityKind kind)
    {
        WorkflowActivityKinds.Add(kind);
        services.AddSingleton(kind);
        services.TryAddScoped(kind.HandlerType);
        services.TryAddSingleton<WorkflowActivityRegistry>();
        return services;
    }

    /// <summary>The seven kinds the Workflows module brings.</summary>
    internal static IServiceCollection AddBuiltInWorkflowActivities(this IServiceCollection services)
    {
        services.AddScoped<WorkflowMail>();
        foreach (var kind in BuiltInActivities.All)
        {
            services.AddWorkflowActivity(kind);
        }

        return services;
    }
}
