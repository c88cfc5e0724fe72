using Kvalitetsportal.Contents.Items;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Workflows.Decisions;

/// <summary>
/// Puts an item's decisions (who, §, outcome, conditions, attachment names) into its search text.
/// A transition re-indexes the item after its commit, so a new decision is findable at once.
/// </summary>
public sealed class DecisionSearchText(IServiceScopeFactory scopes) : IContentTextContributor
{
    public async Task<string> TextAsync(ContentItem item, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDecisionQuery>().SearchTextAsync(item.ContentItemId, cancellationToken);
    }
}
