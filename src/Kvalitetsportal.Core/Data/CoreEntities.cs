using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Data;

/// <summary>A feature an administrator has enabled. Features not listed are off (unless always enabled).</summary>
public sealed class EnabledFeature
{
    public required string FeatureId { get; set; }

    public DateTimeOffset EnabledAt { get; set; }
}

/// <summary>Written once when the first-run recipe has completed.</summary>
public sealed class SetupRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public required string RecipeName { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}

internal sealed class EnabledFeatureConfiguration : IEntityTypeConfiguration<EnabledFeature>
{
    public void Configure(EntityTypeBuilder<EnabledFeature> builder)
    {
        builder.ToTable(DataConventions.Table("Core", "EnabledFeatures"));
        builder.HasKey(f => f.FeatureId);
        builder.Property(f => f.FeatureId).HasMaxLength(200);
    }
}

internal sealed class SetupRecordConfiguration : IEntityTypeConfiguration<SetupRecord>
{
    public void Configure(EntityTypeBuilder<SetupRecord> builder)
    {
        builder.ToTable(DataConventions.Table("Core", "Setup"));
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.RecipeName).HasMaxLength(200);
    }
}
