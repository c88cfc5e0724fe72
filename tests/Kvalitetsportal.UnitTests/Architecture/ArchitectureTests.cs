namespace Kvalitetsportal.UnitTests.Architecture;

/// <summary>The rules in ARCHITECTURE.md's "Rules the code keeps" that the IL can check, for every project the host references.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void The_rules_see_every_project_the_host_references()
    {
        var names = PortalAssemblies.All.Select(a => a.GetName().Name).ToList();
        Assert.Contains("Kvalitetsportal.Web", names);
        Assert.Contains("Kvalitetsportal.Abstractions", names);
        Assert.Contains(PortalAssemblies.Contents, names);
        Assert.Contains("Kvalitetsportal.Workflows", names);
        Assert.Contains("Kvalitetsportal.Idesluss", names);
        Assert.DoesNotContain(names, n => n!.EndsWith("Tests", StringComparison.Ordinal));
    }

    [Fact]
    public void No_module_uses_a_Contents_page_namespace()
    {
        var violations = ContentsPagesRule.Violations(PortalAssemblies.Model, PortalAssemblies.OutsideContents);
        Assert.True(violations.Count == 0, ContentsPagesRule.Message(violations));
    }

    [Fact]
    public void Only_Contents_writes_content_rows()
    {
        var violations = ContentWritesRule.Violations(PortalAssemblies.OutsideContents);
        Assert.True(violations.Count == 0, ContentWritesRule.Message(violations));
    }

    [Fact]
    public void No_project_has_a_cycle_between_its_folders()
    {
        var violations = PortalAssemblies.All
            .SelectMany(a => FolderCyclesRule.Violations(PortalAssemblies.Model, a, FolderCyclesRule.RootOf(PortalAssemblies.Model, a)))
            .ToList();
        Assert.True(violations.Count == 0, FolderCyclesRule.Message(violations));
    }
}
