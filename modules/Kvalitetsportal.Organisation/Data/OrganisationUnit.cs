using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Organisation.Data;

/// <summary>The kinds of node in a municipality's organisation tree.</summary>
public enum UnitKind
{
    Fullmaktige = 0,
    Styrelse = 1,
    Namnd = 2,
    Forvaltning = 3,
    Enhet = 4,
    Bolag = 5,
}

/// <summary>One node of the tree: a nämnd, a förvaltning, an enhet or a bolag.</summary>
public sealed class OrganisationUnit
{
    public const int MaxCodeLength = 50;

    public const int MaxNameLength = 200;

    /// <summary>How deep the tree may go (fullmäktige is level 1); keeps pages and imports from pathological trees.</summary>
    public const int MaxLevels = 30;

    public int Id { get; set; }

    /// <summary>A stable code (e.g. "SOC-HEM-01") that imports and recipes use to refer to the unit.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    public int? ParentId { get; set; }

    public OrganisationUnit? Parent { get; set; }

    public List<OrganisationUnit> Children { get; set; } = [];

    /// <summary>Units are retired, never deleted, so that old cases keep their unit.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>The unit's manager (a user id), to whom workflows can hand the unit's items; none when unset.</summary>
    public string? ManagerUserId { get; set; }
}

internal sealed class OrganisationUnitConfiguration : IEntityTypeConfiguration<OrganisationUnit>
{
    public void Configure(EntityTypeBuilder<OrganisationUnit> builder)
    {
        builder.ToTable(DataConventions.Table("Organisation", "Units"));
        builder.Property(u => u.Code).HasMaxLength(OrganisationUnit.MaxCodeLength);
        builder.Property(u => u.Name).HasMaxLength(OrganisationUnit.MaxNameLength);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasIndex(u => u.ParentId);
        builder.Property(u => u.ManagerUserId).HasMaxLength(64);
        builder.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
