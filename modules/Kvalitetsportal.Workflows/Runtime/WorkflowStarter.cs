using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Modules;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>Starts the type's workflow when an item is submitted (published), inside the content save.</summary>
public sealed class WorkflowStarter(IFeatureManager features, WorkflowEntry entry) : IContentHandler
{
    public const string FeatureId = "Workflows";

    public async Task PublishedAsync(ContentContext context, CancellationToken cancellationToken)
    {
        if (await features.IsEnabledAsync(FeatureId, cancellationToken))
        {
            await entry.StartAsync(context, cancellationToken);
        }
    }
}
