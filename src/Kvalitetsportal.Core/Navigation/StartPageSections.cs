using Kvalitetsportal.Modules;

namespace Kvalitetsportal.Navigation;

/// <summary>The start page's blocks from enabled features, in position order.</summary>
public sealed class StartPageSections(IEnumerable<IStartPageSectionProvider> providers, IModuleCatalog catalog, IFeatureManager features)
{
    public async Task<IReadOnlyList<StartPageSection>> GetAsync(CancellationToken cancellationToken = default)
    {
        var enabled = await features.GetEnabledFeatureIdsAsync(cancellationToken);
        return [.. providers
            .Where(p => catalog.FeatureOf(p.GetType()) is not { } feature || enabled.Contains(feature.Id))
            .SelectMany(p => p.GetSections())
            .OrderBy(s => s.Position)];
    }
}
