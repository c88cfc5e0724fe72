using System.Text.Json.Nodes;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Notifications.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>What the coordinator and employees do to an idea beyond editing it. Callers check permissions.</summary>
public sealed class IdeaService(
    PortalDbContext db,
    IContentManager contents,
    IContentDefinitionStore definitions,
    IAuditTrail audit,
    IdeaFiguresCache figures,
    INotifier notifier,
    IdeaFollowers followers,
    IConfiguration configuration,
    IStringLocalizer<IdeaService> localizer,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string BaseUrl => PortalAddress.BaseUrl(configuration);

    /// <summary>Hands the idea to an assessor: the assessor holds it (and so sees it) until someone else does.</summary>
    public async Task AssignAssessorAsync(ContentItem idea, string assessorId, string assessorName, string actorId, CancellationToken cancellationToken)
    {
        var type = await definitions.GetAsync(IdeaTypes.Idea, cancellationToken) ?? throw new InvalidOperationException("The idea type is missing.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AssignAsync(type, idea, assessorId, assessorName, actorId, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is ContentConcurrencyException or DbUpdateConcurrencyException)
            {
                // Someone saved the idea meanwhile: the assignment does not depend on its content, so hand over the newest.
                db.ChangeTracker.Clear();
                idea = await contents.GetLatestAsync(idea.ContentItemId, cancellationToken) ?? idea;
            }
        }
    }

    private async Task AssignAsync(ContentTypeDefinition type, ContentItem idea, string assessorId, string assessorName, string actorId, CancellationToken cancellationToken)
    {
        // The idea stays where it is in its workflow; Contents gives it its new holder in this commit.
        await contents.MoveAsync(type, idea.ContentItemId, idea.Revision, new ContentMove(idea.WorkflowState, Assignee.User(assessorId)), actorId, cancellationToken);
        var record = await RecordAsync(idea.ContentItemId, cancellationToken);
        var isNew = record.AssessorId != assessorId;
        record.AssessorId = assessorId;
        Record(idea, actorId, new AuditChange("assessor", "Bedömare", idea.AssignedTo, assessorName));

        // The assessor is told, in the portal (and by mail if they chose that), in the same commit.
        if (isNew)
        {
            await NotifyAsync(idea, assessorId, localizer["Du har fått en idé att bedöma: \"{0}\"", idea.DisplayText], cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Lets the assessor see who gave the idea (recorded: a deliberate decision).</summary>
    public async Task RevealGiverAsync(ContentItem idea, string actorId, CancellationToken cancellationToken)
    {
        var record = await RecordAsync(idea.ContentItemId, cancellationToken);
        record.IdentityRevealed = true;
        Record(idea, actorId, new AuditChange("identityRevealed", "Idégivaren visas för bedömare", "nej", "ja"));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks (or unmarks) the idea as a good example for the idea bank, with what was done and what it gave.</summary>
    public async Task SetGoodExampleAsync(ContentItem idea, bool good, string? whatWasDone, string? whatItGave, string actorId, CancellationToken cancellationToken)
    {
        var type = await definitions.GetAsync(IdeaTypes.Idea, cancellationToken) ?? throw new InvalidOperationException("The idea type is missing.");
        var data = idea.GetData();
        data[IdeaTypes.GoodExample] = good;
        SetText(type, data, IdeaTypes.WhatWasDone, whatWasDone);
        SetText(type, data, IdeaTypes.WhatItGave, whatItGave);
        await contents.UpdateAsync(type, idea.ContentItemId, idea.Revision, new ContentChange(idea.DisplayText, idea.OrganisationUnitId, data), actorId, publish: true, cancellationToken);
    }

    /// <summary>
    /// Merges a duplicate into the idea that is kept: its supporters and followers move over (the
    /// giver follows the kept idea), and both ideas say so where their givers and readers look.
    /// </summary>
    public async Task MergeAsync(ContentItem duplicate, ContentItem kept, string actorId, CancellationToken cancellationToken)
    {
        var moving = await db.Set<IdeaReaction>().Where(r => r.ContentItemId == duplicate.ContentItemId).ToListAsync(cancellationToken);
        var present = (await db.Set<IdeaReaction>().Where(r => r.ContentItemId == kept.ContentItemId).Select(r => new { r.UserId, r.Kind }).ToListAsync(cancellationToken))
            .Select(r => (r.UserId, r.Kind)).ToHashSet();
        db.RemoveRange(moving);
        var wanted = moving.Select(r => (UserId: r.UserId, Kind: r.Kind)).Append((UserId: duplicate.OwnerId, Kind: ReactionKind.Follow)).Distinct();
        foreach (var reaction in wanted.Where(w => !present.Contains(w) && w.UserId != kept.OwnerId))
        {
            db.Add(new IdeaReaction { ContentItemId = kept.ContentItemId, UserId = reaction.UserId, Kind = reaction.Kind, CreatedUtc = Now });
        }

        var record = await RecordAsync(duplicate.ContentItemId, cancellationToken);
        record.MergedInto = kept.ContentItemId;
        record.Supporters = 0;
        db.Add(new IdeaComment { ContentItemId = duplicate.ContentItemId, Text = $"Idén har slagits ihop med en liknande idé: \"{kept.DisplayText}\" ({Contents.Items.ContentItemUrls.Reference(kept.ContentItemId)}). Stöd och följare har flyttats dit, och du som gav idén följer den nu.", CreatedUtc = Now });
        db.Add(new IdeaComment { ContentItemId = kept.ContentItemId, Text = $"En liknande idé, \"{duplicate.DisplayText}\", har slagits ihop med den här.", CreatedUtc = Now });
        Record(duplicate, actorId, new AuditChange("mergedInto", "Sammanslagen med", null, kept.DisplayText));

        // The giver is told where the idea went: a notice leading to the kept idea, and a mail through the outbox.
        var message = localizer["Din idé \"{0}\" har slagits ihop med en liknande idé: \"{1}\". Stödet och följarna har flyttats dit, och du följer den nu.", duplicate.DisplayText, kept.DisplayText].Value;
        await notifier.NotifyAsync([.. (await notifier.RecipientsAsync([duplicate.OwnerId], cancellationToken)).Select(giver =>
            new Notice(giver, message, IdeaUrls.Detail(kept.ContentItemId), kept.ContentItemId)
            {
                Mail = new NoticeMail(
                    localizer["Din idé \"{0}\" har slagits ihop med en annan idé", duplicate.DisplayText],
                    localizer["Hej {0}!\n\n{1}\n\nSå här går det för den idén: {2}\n\nDin ursprungliga idé finns kvar här: {3}", giver.Name, message, BaseUrl + IdeaUrls.Detail(kept.ContentItemId), BaseUrl + IdeaUrls.Detail(duplicate.ContentItemId)]),
            })], cancellationToken);
        figures.Invalidate();
        await db.SaveChangesAsync(cancellationToken);
        figures.Invalidate(); // the duplicate no longer counts

        await RecountAsync(kept.ContentItemId, cancellationToken);
    }

    /// <summary>Turns the user's support or following of the idea on or off; returns whether it is now on.</summary>
    public async Task<bool> ToggleAsync(string ideaId, string userId, ReactionKind kind, CancellationToken cancellationToken)
    {
        var existing = await db.Set<IdeaReaction>().FirstOrDefaultAsync(r => r.ContentItemId == ideaId && r.UserId == userId && r.Kind == kind, cancellationToken);
        if (existing is null)
        {
            db.Add(new IdeaReaction { ContentItemId = ideaId, UserId = userId, Kind = kind, CreatedUtc = Now });
        }
        else
        {
            db.Remove(existing);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A double click: the other request added the same row first; the result is the same.
            db.ChangeTracker.Clear();
        }

        await RecountAsync(ideaId, cancellationToken);
        return existing is null;
    }

    /// <summary>Publishes a comment; the idea's followers (not the one who wrote it) are told in the same commit.</summary>
    public async Task AddCommentAsync(string ideaId, string userId, string text, CancellationToken cancellationToken)
    {
        db.Add(new IdeaComment { ContentItemId = ideaId, AuthorId = userId, Text = text, CreatedUtc = Now });
        if (await contents.GetLatestAsync(ideaId, cancellationToken) is { ContentType: IdeaTypes.Idea } idea
            && await definitions.GetAsync(IdeaTypes.Idea, cancellationToken) is { } type)
        {
            await followers.CommentedAsync(type, idea, userId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RecountAsync(string ideaId, CancellationToken cancellationToken)
    {
        var count = await db.Set<IdeaReaction>().CountAsync(r => r.ContentItemId == ideaId && r.Kind == ReactionKind.Support, cancellationToken);
        await db.Set<IdeaRecord>().Where(r => r.ContentItemId == ideaId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Supporters, count), cancellationToken);
    }

    private async Task<IdeaRecord> RecordAsync(string ideaId, CancellationToken cancellationToken)
    {
        var record = await db.Set<IdeaRecord>().FirstOrDefaultAsync(r => r.ContentItemId == ideaId, cancellationToken);
        if (record is null)
        {
            record = new IdeaRecord { ContentItemId = ideaId };
            db.Add(record);
        }

        return record;
    }

    /// <summary>An in-app notice leading to the idea, and a mail too when the user asked for notices by mail.</summary>
    private async Task NotifyAsync(ContentItem idea, string userId, string message, CancellationToken cancellationToken) =>
        await notifier.NotifyAsync([.. (await notifier.RecipientsAsync([userId], cancellationToken)).Select(to => new Notice(to, message, IdeaUrls.Detail(idea.ContentItemId), idea.ContentItemId))], cancellationToken);

    private void Record(ContentItem idea, string actorId, AuditChange change) =>
        audit.Record(new AuditEntry(AuditCategories.Content, AuditActions.Updated, "Idé", idea.ContentItemId, idea.DisplayText) { ActorId = actorId, Changes = [change] });

    private static void SetText(ContentTypeDefinition type, JsonObject data, string field, string? value)
    {
        if (type.Field(field) is { } definition && value is not null)
        {
            var trimmed = value.Trim();
            data[field] = trimmed.Length == 0 ? null : trimmed[..Math.Min(trimmed.Length, definition.MaxLength ?? 4000)];
        }
    }
}
