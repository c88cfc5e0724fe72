using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Contents.Members;

/// <summary>
/// A person's part in one item: a project's "styrgrupp", a prize application's "jury" or
/// "medsökande", a control's "ansvarig", or <see cref="ContentMemberRoles.Excluded"/> (jäv).
/// Item-level (all versions), written only through <see cref="IContentMembers"/>.
/// </summary>
public sealed class ContentMember
{
    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    /// <summary>The item's type, so a reader's memberships of one type are read by index.</summary>
    public required string ContentType { get; set; }

    public required string UserId { get; set; }

    public required string Role { get; set; }

    public DateTime AddedUtc { get; set; }

    public required string AddedBy { get; set; }
}

/// <summary>An item marked confidential (sekretess) and the legal ground for it, e.g. "OSL 18 kap. 8 §".</summary>
public sealed class ContentSecrecy
{
    /// <summary>The item (all its versions).</summary>
    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    public required string LegalGround { get; set; }

    public DateTime MarkedUtc { get; set; }

    public required string MarkedBy { get; set; }
}

/// <summary>Membership roles the platform itself gives a meaning.</summary>
public static class ContentMemberRoles
{
    /// <summary>
    /// Jäv (conflict of interest): the person does not reach the item at all, for any kind of
    /// access, whatever grant they have otherwise. Modules guarding a part of an item (scores) ask
    /// <see cref="IContentMembers.IsExcludedAsync"/>.
    /// </summary>
    public const string Excluded = "jäv";

    public const int MaxRoleLength = 64;

    public const int MaxLegalGroundLength = 200;
}

internal sealed class ContentMemberConfiguration : IEntityTypeConfiguration<ContentMember>
{
    public void Configure(EntityTypeBuilder<ContentMember> builder)
    {
        builder.ToTable(DataConventions.Table("Contents", "Members"));
        builder.Property(m => m.ContentItemId).HasMaxLength(32);
        builder.Property(m => m.ContentType).HasMaxLength(64);
        builder.Property(m => m.UserId).HasMaxLength(64);
        builder.Property(m => m.Role).HasMaxLength(ContentMemberRoles.MaxRoleLength);
        builder.Property(m => m.AddedBy).HasMaxLength(64);
        builder.HasIndex(m => new { m.ContentItemId, m.UserId, m.Role }).IsUnique();

        // A reader's memberships of a type, read when their access scope is built.
        builder.HasIndex(m => new { m.UserId, m.ContentType, m.Role });
    }
}

internal sealed class ContentSecrecyConfiguration : IEntityTypeConfiguration<ContentSecrecy>
{
    public void Configure(EntityTypeBuilder<ContentSecrecy> builder)
    {
        builder.ToTable(DataConventions.Table("Contents", "Secrecy"));
        builder.HasKey(s => s.ContentItemId);
        builder.Property(s => s.ContentItemId).HasMaxLength(32);
        builder.Property(s => s.ContentType).HasMaxLength(64);
        builder.Property(s => s.LegalGround).HasMaxLength(ContentMemberRoles.MaxLegalGroundLength);
        builder.Property(s => s.MarkedBy).HasMaxLength(64);
        builder.HasIndex(s => s.ContentType);
    }
}
