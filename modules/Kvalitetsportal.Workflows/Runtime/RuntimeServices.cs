using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Workflows.Guard;
using Kvalitetsportal.Workflows.ItemWorkflow;
using Kvalitetsportal.Workflows.Mail;
using Kvalitetsportal.Workflows.Outbox;
using Kvalitetsportal.Workflows.Recipes;
using Kvalitetsportal.Workflows.Tasks;
using Kvalitetsportal.Workflows.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Workflows.Runtime;

public static class RuntimeServices
{
    /// <summary>The workflow runtime: engine, activities, outbox and mail, timers, guard, notices, tasks and the recipe step.</summary>
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorkflowRuntimeOptions>(configuration.GetSection(WorkflowRuntimeOptions.Section));
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));

        services.AddSingleton<WorkflowSignals>();
        services.AddSingleton<WorkflowWriteGate>();
        services.AddSingleton<Templates>();
        services.AddScoped<Recipients>();
        services.AddScoped<FiringGuard>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<ActivityRunner>();
        services.AddScoped<WorkflowEntry>();
        services.AddScoped<WorkflowEngine>();
        services.AddScoped<ItemWorkflowQuery>();
        services.AddScoped<WorkflowStateRules>();
        services.AddScoped<IContentHandler, WorkflowStarter>();
        services.AddScoped<IContentAccessRule, WorkflowAccessRule>();

        services.AddSingleton<MailTransportFactory>();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<WebhookSender>();
        services.AddHostedService<OutboxDispatcher>();
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
