using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Organisation.Units;

namespace Kvalitetsportal.UnitTests.Organisation;

public sealed class OrganisationTreeTests
{
    // KF(1) ─ KS(2) ─ KLF(3) ─ HR(4); KF ─ PN(5); KS ─ BOLAG(6)
    private static readonly OrganisationTree Tree = new(
    [
        new OrganisationUnit { Id = 4, Code = "HR", Name = "HR-avdelningen", Kind = UnitKind.Enhet, ParentId = 3 },
        new OrganisationUnit { Id = 6, Code = "BOLAG", Name = "Bostäder AB", Kind = UnitKind.Bolag, ParentId = 2 },
        new OrganisationUnit { Id = 5, Code = "PN", Name = "Programnämnd", Kind = UnitKind.Namnd, ParentId = 1 },
        new OrganisationUnit { Id = 2, Code = "KS", Name = "Kommunstyrelsen", Kind = UnitKind.Styrelse, ParentId = 1 },
        new OrganisationUnit { Id = 1, Code = "KF", Name = "Kommunfullmäktige", Kind = UnitKind.Fullmaktige },
        new OrganisationUnit { Id = 3, Code = "KLF", Name = "Ledningsförvaltningen", Kind = UnitKind.Forvaltning, ParentId = 2, IsActive = false },
    ]);

    [Fact]
    public void Units_are_listed_parent_first_by_kind_then_name()
    {
        Assert.Equal(["KF", "KS", "KLF", "HR", "BOLAG", "PN"], Tree.Flatten().Select(n => n.Unit.Code));
        Assert.Equal([0, 1, 2, 3, 2, 1], Tree.Flatten().Select(n => n.Depth));
    }

    [Fact]
    public void A_branch_holds_the_unit_and_everything_under_it()
    {
        Assert.True(Tree.IsInBranchOf(4, 2));
        Assert.True(Tree.IsInBranchOf(2, 2));
        Assert.False(Tree.IsInBranchOf(5, 2));
        Assert.False(Tree.IsInBranchOf(1, 2));
    }

    [Fact]
    public void Levels_and_heights_are_counted_from_one()
    {
        Assert.Equal(1, Tree.LevelOf(1));
        Assert.Equal(4, Tree.LevelOf(4));
        Assert.Equal(4, Tree.HeightOf(1));
        Assert.Equal(3, Tree.HeightOf(2));
        Assert.Equal(1, Tree.HeightOf(4));
    }

    [Fact]
    public void Retired_units_are_counted_and_not_listed_as_active_children()
    {
        Assert.Equal(1, Tree.RetiredCount);
        Assert.Equal(["BOLAG"], Tree.ActiveChildrenOf(2).Select(u => u.Code));
    }
}
