using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.Contents.Editing;

public enum EditOutcome
{
    /// <summary>Saved; <see cref="EditResult.Item"/> is the new latest version.</summary>
    Saved,

    /// <summary>Someone else saved first; <see cref="EditResult.Item"/> is what is saved now. Nothing was changed.</summary>
    Conflict,

    /// <summary>The item was removed while the user was editing it.</summary>
    Removed,
}

public sealed record EditResult(EditOutcome Outcome, ContentItem? Item);

/// <summary>
/// The use case "edit with conflict detection": a change is saved only onto the revision the user
/// started from; a stale edit is refused with what is saved now, so that the page (or the API)
/// can show the differences and nothing is lost. The edit page, autosave and the JSON API use it.
/// </summary>
public sealed class EditWithConflictCheck(IContentManager contents)
{
    public async Task<EditResult> SaveAsync(
        ContentTypeDefinition type,
        string contentItemId,
        int expectedRevision,
        ContentChange change,
        string actorId,
        bool publish,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return new EditResult(EditOutcome.Saved, await contents.UpdateAsync(type, contentItemId, expectedRevision, change, actorId, publish, cancellationToken));
        }
        catch (ContentConcurrencyException conflict)
        {
            return new EditResult(EditOutcome.Conflict, conflict.Current);
        }
        catch (InvalidOperationException)
        {
            if (await contents.GetLatestAsync(contentItemId, cancellationToken) is null)
            {
                return new EditResult(EditOutcome.Removed, null);
            }

            throw;
        }
    }
}
