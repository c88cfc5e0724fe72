using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>
/// Tells the people who follow an idea what happened to it: a notice leading to the idea page, and
/// a mail for those who chose notices by mail. The one who did it is not told, nor is a follower
/// who may no longer see the idea (the same access rules as the idea page, for the follower's
/// own roles). The texts name the idea and its state only, never who gave it or who acted, so a
/// pseudonymised giver stays hidden. Added to the caller's unit of work.
/// </summary>
public sealed class IdeaFollowers(
    PortalDbContext db,
    INotifier notifier,
    ContentAuthorizer authorizer,
    IUserClaimsPrincipalFactory<PortalUser> principals,
    IStringLocalizer<IdeaFollowers> localizer)
{
    /// <summary>The idea moved to another workflow state.</summary>
    public Task StateChangedAsync(ContentTypeDefinition type, ContentItem idea, string actorId, CancellationToken cancellationToken) =>
        NotifyAsync(type, idea, actorId, localizer["Idén \"{0}\" som du följer har gått vidare till steget \"{1}\".", idea.DisplayText, idea.WorkflowState ?? ""], cancellationToken);

    /// <summary>Someone published a comment on the idea.</summary>
    public Task CommentedAsync(ContentTypeDefinition type, ContentItem idea, string authorId, CancellationToken cancellationToken) =>
        NotifyAsync(type, idea, authorId, localizer["Ny kommentar på idén \"{0}\" som du följer.", idea.DisplayText], cancellationToken);

    private async Task NotifyAsync(ContentTypeDefinition type, ContentItem idea, string actorId, string message, CancellationToken cancellationToken)
    {
        if (!idea.Published)
        {
            return;
        }

        var followerIds = await db.Set<IdeaReaction>().AsNoTracking()
            .Where(r => r.ContentItemId == idea.ContentItemId && r.Kind == ReactionKind.Follow && r.UserId != actorId)
            .Select(r => r.UserId)
            .ToListAsync(cancellationToken);
        if (followerIds.Count == 0)
        {
            return;
        }

        var readers = new List<NoticeRecipient>();
        foreach (var follower in await notifier.RecipientsAsync(followerIds, cancellationToken))
        {
            if (await MaySeeAsync(follower.UserId, type, idea, cancellationToken))
            {
                readers.Add(follower);
            }
        }

        await notifier.NotifyAsync([.. readers.Select(r => new Notice(r, message, IdeaUrls.Detail(idea.ContentItemId), idea.ContentItemId))], cancellationToken);
    }

    /// <summary>Whether the follower, signed in as they are, could open the idea as it is now.</summary>
    private async Task<bool> MaySeeAsync(string userId, ContentTypeDefinition type, ContentItem idea, CancellationToken cancellationToken)
    {
        var user = await db.Set<PortalUser>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is not null && await authorizer.CanAsync(await principals.CreateAsync(user), type, idea, ContentAction.ViewOwn, cancellationToken);
    }
}

/// <summary>When an idea changes workflow state, its followers are told, in the transition's transaction.</summary>
public sealed class IdeaFollowerNotices(IdeaFollowers followers) : IContentHandler
{
    public Task TransitionedAsync(ContentContext context, CancellationToken cancellationToken) =>
        context.Type.Name == IdeaTypes.Idea && context.Item.WorkflowState is not null && context.Item.WorkflowState != context.Previous?.WorkflowState
            ? followers.StateChangedAsync(context.Type, context.Item, context.ActorId, cancellationToken)
            : Task.CompletedTask;
}
