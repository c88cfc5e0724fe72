using Kvalitetsportal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Users.Data;

/// <summary>An employee's account. Belongs to one organisation unit.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public int? OrganisationUnitId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class PortalRole : IdentityRole
{
    public PortalRole()
    {
    }

    public PortalRole(string name)
        : base(name)
    {
    }

    public string Description { get; set; } = "";
}

/// <summary>
/// Identity's tables, configured as IdentityDbContext would, inside the portal's composed model
/// (the store only needs the sets, not the base class).
/// </summary>
internal sealed class IdentityConfiguration :
    IEntityTypeConfiguration<PortalUser>,
    IEntityTypeConfiguration<PortalRole>,
    IEntityTypeConfiguration<IdentityUserRole<string>>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>,
    IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    private static string Table(string name) => DataConventions.Table("Users", name);

    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.ToTable(Table("Users"));
        b.HasKey(u => u.Id);
        b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("UserNameIndex").IsUnique();
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex");
        b.HasIndex(u => u.OrganisationUnitId);
        b.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        b.Property(u => u.UserName).HasMaxLength(256);
        b.Property(u => u.NormalizedUserName).HasMaxLength(256);
        b.Property(u => u.Email).HasMaxLength(256);
        b.Property(u => u.NormalizedEmail).HasMaxLength(256);
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.HasMany<IdentityUserClaim<string>>().WithOne().HasForeignKey(uc => uc.UserId).IsRequired();
        b.HasMany<IdentityUserLogin<string>>().WithOne().HasForeignKey(ul => ul.UserId).IsRequired();
        b.HasMany<IdentityUserToken<string>>().WithOne().HasForeignKey(ut => ut.UserId).IsRequired();
        b.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(ur => ur.UserId).IsRequired();
    }

    public void Configure(EntityTypeBuilder<PortalRole> b)
    {
        b.ToTable(Table("Roles"));
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.NormalizedName).HasDatabaseName("RoleNameIndex").IsUnique();
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.Property(r => r.Name).HasMaxLength(256);
        b.Property(r => r.NormalizedName).HasMaxLength(256);
        b.Property(r => r.Description).HasMaxLength(500);
        b.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(ur => ur.RoleId).IsRequired();
        b.HasMany<IdentityRoleClaim<string>>().WithOne().HasForeignKey(rc => rc.RoleId).IsRequired();
    }

    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> b)
    {
        b.ToTable(Table("UserRoles"));
        b.HasKey(r => new { r.UserId, r.RoleId });
    }

    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> b)
    {
        b.ToTable(Table("UserClaims"));
        b.HasKey(c => c.Id);
    }

    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> b)
    {
        b.ToTable(Table("UserLogins"));
        b.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        b.Property(l => l.LoginProvider).HasMaxLength(128);
        b.Property(l => l.ProviderKey).HasMaxLength(128);
    }

    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> b)
    {
        b.ToTable(Table("UserTokens"));
        b.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        b.Property(t => t.LoginProvider).HasMaxLength(128);
        b.Property(t => t.Name).HasMaxLength(128);
    }

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> b)
    {
        b.ToTable(Table("RoleClaims"));
        b.HasKey(c => c.Id);
    }
}
