using Kvalitetsportal.Data;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Users.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Notifications.Notices;

/// <summary>Someone a notice is for: a portal user, with the name and address a mail needs.</summary>
public sealed record NoticeRecipient(string UserId, string Name, string? Email);

/// <summary>
/// What one person is told in the portal: the message, where it leads (a path inside the portal,
/// e.g. /ideer/{id}) and the item it is about. The caller words it for that person: a notice
/// must not say more than the recipient may know (an idea's pseudonymised giver, say).
/// </summary>
public sealed record Notice(NoticeRecipient To, string Message, string? Path, string? ContentItemId)
{
    /// <summary>
    /// A mail that goes whatever the recipient chose (a workflow's reminder, a merged idea), in place
    /// of the usual copy of the notice for those who asked for notices by mail.
    /// </summary>
    public NoticeMail? Mail { get; init; }
}

public sealed record NoticeMail(string Subject, string Text);

/// <summary>
/// The one way to tell people something: an in-app notice each, and a mail for those who chose
/// notices by mail. Everything is added to the caller's unit of work (the scoped
/// <see cref="PortalDbContext"/>): the caller saves, and the notices and mail commit with its
/// change or not at all; the outbox is nudged when it saves.
/// </summary>
public interface INotifier
{
    /// <summary>The people behind the user ids, as notices address them; unknown and locked accounts are left out.</summary>
    Task<IReadOnlyList<NoticeRecipient>> RecipientsAsync(IEnumerable<string> userIds, CancellationToken cancellationToken);

    Task NotifyAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken);
}

public sealed class Notifier(
    PortalDbContext db,
    OutboxWriter outbox,
    IConfiguration configuration,
    IStringLocalizer<Notifier> localizer,
    TimeProvider clock,
    ILogger<Notifier> logger) : INotifier
{
    public const int MaxMessageLength = 1000;

    public async Task<IReadOnlyList<NoticeRecipient>> RecipientsAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var users = await db.Set<PortalUser>().AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        return [.. users
            .Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new NoticeRecipient(u.Id, u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, u.Email))];
    }

    public async Task NotifyAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken)
    {
        if (notices.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var asking = notices.Where(n => n.Mail is null).Select(n => n.To.UserId).Distinct(StringComparer.Ordinal).ToList();
        var byMail = asking.Count == 0 ? [] : (await db.Set<NotificationPreference>().AsNoTracking()
            .Where(p => asking.Contains(p.UserId) && p.AlsoByMail)
            .Select(p => p.UserId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        foreach (var notice in notices)
        {
            db.Add(new Notification
            {
                UserId = notice.To.UserId,
                Message = notice.Message.Length > MaxMessageLength ? notice.Message[..MaxMessageLength] : notice.Message,
                Url = notice.Path,
                ContentItemId = notice.ContentItemId,
                CreatedUtc = now,
            });

            if ((notice.Mail ?? (byMail.Contains(notice.To.UserId) ? CopyOf(notice) : null)) is { } mail)
            {
                QueueMail(notice, mail, now);
            }
        }
    }

    /// <summary>The notice as a mail, for someone who asked for notices by mail.</summary>
    private NoticeMail CopyOf(Notice notice) => new(
        notice.Message,
        notice.Path is { Length: > 0 } path
            ? localizer["{0}\n\n{1}\n\nDu får notiser med e-post eftersom du har valt det under Notiser i Kvalitetsportalen.", notice.Message, PortalAddress.BaseUrl(configuration) + path]
            : localizer["{0}\n\nDu får notiser med e-post eftersom du har valt det under Notiser i Kvalitetsportalen.", notice.Message]);

    private void QueueMail(Notice notice, NoticeMail mail, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(notice.To.Email))
        {
            logger.LogInformation("Notice mail for content item {ContentItemId} skipped: user {UserId} has no e-mail address", notice.ContentItemId, notice.To.UserId);
            return;
        }

        outbox.AddMail(notice.ContentItemId, notice.To.Email, notice.To.Name, mail.Subject, mail.Text, now);
    }
}
