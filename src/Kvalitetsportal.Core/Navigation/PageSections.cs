using Kvalitetsportal.Modules;

namespace Kvalitetsportal.Navigation;

/// <summary>The blocks enabled features put in a page slot (<see cref="PageSlots"/>), in position order.</summary>
public sealed class PageSections(IEnumerable<IPageSectionProvider> providers, IModuleCatalog catalog, IFeatureManager features)
{
    public async Task<IReadOnlyList<PageSection>> GetAsync(string slot, CancellationToken cancellationToken = default)
    {
        var enabled = await features.GetEnabledFeatureIdsAsync(cancellationToken);
        return [.. providers
            .Where(p => catalog.FeatureOf(p.GetType()) is not { } feature || enabled.Contains(feature.Id))
            .SelectMany(p => p.GetSections(slot))
            .OrderBy(s => s.Position)];
    }
}
