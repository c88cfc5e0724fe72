using Kvalitetsportal.UnitTests.Architecture.Fixtures;

namespace Kvalitetsportal.UnitTests.Architecture;

/// <summary>
/// The rules can pass and can fail: a known-clean assembly passes, and the deliberate violations in
/// <see cref="Fixtures"/> (in this test assembly) are found and named.
/// </summary>
public sealed class RuleSelfTests
{
    private static readonly System.Reflection.Assembly Clean = PortalAssemblies.Named("Kvalitetsportal.Abstractions");
    private static readonly System.Reflection.Assembly Tests = typeof(RuleSelfTests).Assembly;

    [Fact]
    public void A_clean_assembly_passes_every_rule()
    {
        Assert.Empty(ContentsPagesRule.Violations(PortalAssemblies.Model, [Clean]));
        Assert.Empty(ContentWritesRule.Violations([Clean]));
        Assert.Equal("Kvalitetsportal", FolderCyclesRule.RootOf(PortalAssemblies.Model, Clean));
        Assert.Empty(FolderCyclesRule.Violations(PortalAssemblies.Model, Clean, "Kvalitetsportal"));
    }

    [Fact]
    public void Using_a_Contents_page_type_is_found()
    {
        var violations = ContentsPagesRule.Violations(PortalAssemblies.Model, [Tests]);
        Assert.Contains(violations, v => v.StartsWith(typeof(UsesContentsPage).FullName + " uses Kvalitetsportal.Contents.ContentItems.", StringComparison.Ordinal));
    }

    [Fact]
    public void Writing_content_rows_is_found_in_async_code_and_lambdas()
    {
        var violations = ContentWritesRule.Violations([Tests]);
        var writer = typeof(WritesContentRows).FullName;
        Assert.Contains($"{writer}.DeleteAllAsync calls DbContext.Set<ContentItem>", violations);
        Assert.Contains(violations, v => v.StartsWith($"{writer}.DeleteAllAsync calls ", StringComparison.Ordinal) && v.EndsWith(".ExecuteDeleteAsync<ContentItem>", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith($"{writer}.RenameAllAsync calls ", StringComparison.Ordinal) && v.EndsWith(".ExecuteUpdateAsync<ContentItem>", StringComparison.Ordinal));
        Assert.Contains($"{writer}.Lazily calls DbContext.Set<ContentItem>", violations);
    }

    [Fact]
    public void A_cycle_between_folders_is_found_and_a_one_way_dependency_is_not()
    {
        var cycleRoot = typeof(Fixtures.Cycle.A.First).Namespace![..^2];
        var cycles = FolderCyclesRule.Violations(PortalAssemblies.Model, Tests, cycleRoot);
        var cycle = Assert.Single(cycles);
        Assert.Contains($"{cycleRoot}.{{A, B}}", cycle);
        Assert.Contains($"A -> B: {typeof(Fixtures.Cycle.A.First).FullName} uses {typeof(Fixtures.Cycle.B.Second).FullName}", cycle);
        Assert.Contains($"B -> A: {typeof(Fixtures.Cycle.B.Second).FullName} uses {typeof(Fixtures.Cycle.A.First).FullName}", cycle);

        var oneWayRoot = typeof(Fixtures.OneWay.A.Upper).Namespace![..^2];
        Assert.Empty(FolderCyclesRule.Violations(PortalAssemblies.Model, Tests, oneWayRoot));
    }
}
