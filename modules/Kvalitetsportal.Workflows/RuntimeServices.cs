using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Decisions;
using Kvalitetsportal.Workflows.Guard;
using Kvalitetsportal.Workflows.ItemWorkflow;
using Kvalitetsportal.Workflows.Recipes;
using Kvalitetsportal.Workflows.Runtime;
using Kvalitetsportal.Workflows.Tasks;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;


namespace Kvalitetsportal.Workflows;

public static class RuntimeServices
{
    /// <summary>The workflow runtime: engine, activities, timers, guard, tasks and the recipe step. Notices, mail and the outbox are the Notifications module's.</summary>
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorkflowRuntimeOptions>(configuration.GetSection(WorkflowRuntimeOptions.Section));

        services.AddSingleton<WorkflowSignals>();
        services.TryAddSingleton<DatabaseWriteGate>();
        services.AddSingleton<WorkflowWriteGate>();
        services.AddSingleton<Templates>();
        services.AddScoped<Recipients>();
        services.AddScoped<FiringGuard>();
        services.AddBuiltInWorkflowActivities();
        services.AddScoped<ActivityRunner>();
        services.AddScoped<WorkflowEntry>();
        services.AddScoped<WorkflowEngine>();
        services.AddScoped<IDecisionQuery, DecisionQuery>();
        services.AddScoped<Contents.Files.IStoredFileReferences, DecisionFileReferences>();
        services.AddScoped<DecisionRecorder>();
        services.AddSingleton<IContentItemFacts, DecisionFacts>();
        services.AddScoped<ItemWorkflowQuery>();
        services.AddScoped<WorkflowStateRules>();
        services.AddScoped<IContentHandler, WorkflowStarter>();
        services.AddScoped<IContentAccessRule, WorkflowAccessRule>();

        services.AddScoped<TimerFiring>();
        services.AddHostedService<TimerService>();

        services.AddSingleton<IPageSectionProvider, WorkflowPageSections>();
        services.AddSingleton<IStartPageSectionProvider, MyTasksSectionProvider>();
        services.AddSingleton<INavigationProvider, TasksNavigation>();
        services.AddSingleton<INavigationProvider, GuardNavigation>();
        services.AddScoped<IRecipeStepHandler, WorkflowsStep>();
        return services;
    }
}
