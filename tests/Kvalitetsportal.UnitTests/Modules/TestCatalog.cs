using Kvalitetsportal.Modules;

namespace Kvalitetsportal.UnitTests.Modules;

/// <summary>Builds module descriptors without assemblies of their own, for testing the loader's rules.</summary>
internal static class TestCatalog
{
    public static FeatureDescriptor Feature(string id, params string[] dependencies) =>
        new(id, id + " (namn)", "", "Modul." + id, typeof(NoopStartup), dependencies, AlwaysEnabled: false, EnabledByDefault: true);

    public static FeatureDescriptor AlwaysOn(string id, params string[] dependencies) =>
        Feature(id, dependencies) with { AlwaysEnabled = true };

    public static ModuleCatalog Of(params FeatureDescriptor[] features) =>
        new(features.Select(f => new ModuleDescriptor(f.ModuleId, f.ModuleId, "", "Test", "1.0", false, typeof(TestCatalog).Assembly, [f])));

    private sealed class NoopStartup : IFeatureStartup
    {
        public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
        {
        }
    }
}
