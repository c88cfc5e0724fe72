using Kvalitetsportal.Modules;
using static Kvalitetsportal.UnitTests.Modules.TestCatalog;

namespace Kvalitetsportal.UnitTests.Modules;

public sealed class DependencyOrderTests
{
    [Fact]
    public void Every_feature_comes_after_what_it_depends_on()
    {
        var sorted = DependencyOrder.Sort([Feature("Idesluss", "Workflows", "Content"), Feature("Workflows", "Content"), Feature("Content", "Users"), Feature("Users")]);
        var ids = sorted.Select(f => f.Id).ToList();
        Assert.Equal(["Users", "Content", "Workflows", "Idesluss"], ids);
    }

    [Fact]
    public void Independent_features_keep_a_stable_order()
    {
        var first = DependencyOrder.Sort([Feature("B"), Feature("A"), Feature("C", "A")]).Select(f => f.Id);
        var second = DependencyOrder.Sort([Feature("C", "A"), Feature("A"), Feature("B")]).Select(f => f.Id);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_missing_dependency_names_the_module_and_what_is_missing()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => DependencyOrder.Sort([Feature("Idesluss", "Workflows")]));
        Assert.Contains("Modul.Idesluss", ex.Message);
        Assert.Contains("\"Workflows\"", ex.Message);
        Assert.Contains("saknas", ex.Message);
    }

    [Fact]
    public void A_circular_dependency_is_refused_with_the_cycle_spelled_out()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => DependencyOrder.Sort([Feature("A", "B"), Feature("B", "C"), Feature("C", "A")]));
        Assert.Contains("Cirkulärt beroende", ex.Message);
        Assert.Contains("A → B → C → A", ex.Message);
    }

    [Fact]
    public void A_feature_declared_twice_is_refused()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => DependencyOrder.Sort([Feature("A"), Feature("A") with { ModuleId = "Annan" }]));
        Assert.Contains("både", ex.Message);
    }
}
