using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>
/// Starts the type's workflow when an item is submitted (published), inside the content save.
/// The engine is resolved when needed: it itself uses the content manager, whose handlers include this one.
/// </summary>
public sealed class WorkflowStarter(IServiceProvider services) : IContentHandler
{
    public const string FeatureId = "Workflows";

    public async Task PublishedAsync(ContentContext context, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<IFeatureManager>().IsEnabledAsync(FeatureId, cancellationToken))
        {
            await services.GetRequiredService<WorkflowEngine>().StartAsync(context, cancellationToken);
        }
    }
}
