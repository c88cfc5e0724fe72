using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

public static class EditorServices
{
    /// <summary>The administrators' editor at /admin/arbetsfloden (its controllers are found by MVC).</summary>
    public static IServiceCollection AddWorkflowEditor(this IServiceCollection services)
    {
        services.AddScoped<WorkflowEditorQueries>();
        services.AddScoped<WorkflowMigrator>();
        services.AddScoped<MailPreviews>();
        return services;
    }
}
