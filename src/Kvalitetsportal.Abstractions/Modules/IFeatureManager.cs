namespace Kvalitetsportal.Modules;

/// <summary>Reads and changes which features are enabled. Changes take effect without a restart.</summary>
public interface IFeatureManager
{
    Task<IReadOnlySet<string>> GetEnabledFeatureIdsAsync(CancellationToken cancellationToken = default);

    Task<bool> IsEnabledAsync(string featureId, CancellationToken cancellationToken = default);

    /// <summary>Enables the feature and, first, every feature it depends on.</summary>
    Task<FeatureChangeResult> EnableAsync(string featureId, CancellationToken cancellationToken = default);

    /// <summary>Disables the feature unless it is always enabled or an enabled feature needs it. Data stays.</summary>
    Task<FeatureChangeResult> DisableAsync(string featureId, CancellationToken cancellationToken = default);
}

public sealed record FeatureChangeResult(bool Succeeded, string Message, IReadOnlyList<string> ChangedFeatureIds)
{
    public static FeatureChangeResult Failed(string message) => new(false, message, []);
}
