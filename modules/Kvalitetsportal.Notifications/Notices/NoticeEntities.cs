using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Notifications.Notices;

/// <summary>An in-app notice to one user, e.g. "Ditt förslag är beslutat".</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string Message { get; set; }

    /// <summary>A link inside the portal (the item), if any.</summary>
    public string? Url { get; set; }

    public string? ContentItemId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? ReadUtc { get; set; }
}

/// <summary>How a user wants notices: in the portal only (the default), or by mail too.</summary>
public sealed class NotificationPreference
{
    public required string UserId { get; set; }

    public bool AlsoByMail { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        // The tables kept the names they had in the Workflows module (ADR 0019): moving code moves no data.
        builder.ToTable(DataConventions.Table("Workflows", "Notifications"));
        builder.Property(n => n.UserId).HasMaxLength(64);
        builder.Property(n => n.Message).HasMaxLength(1000);
        builder.Property(n => n.Url).HasMaxLength(300);
        builder.Property(n => n.ContentItemId).HasMaxLength(32);
        builder.HasIndex(n => new { n.UserId, n.CreatedUtc });
        builder.HasIndex(n => new { n.UserId, n.ReadUtc });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable(DataConventions.Table("Workflows", "NotificationPreferences"));
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(64);
    }
}
