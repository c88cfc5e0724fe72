namespace Kvalitetsportal.Contents.Items;

public static class ContentItemSnapshot
{
    /// <summary>
    /// A detached copy of the item's columns as they are now: what handlers get as "before" when
    /// the tracked item is changed in place (a save, a workflow move).
    /// </summary>
    public static ContentItem Snapshot(this ContentItem item) => new()
    {
        Id = item.Id,
        ContentItemId = item.ContentItemId,
        ContentType = item.ContentType,
        Version = item.Version,
        Latest = item.Latest,
        Published = item.Published,
        DisplayText = item.DisplayText,
        NormalizedTitle = item.NormalizedTitle,
        OwnerId = item.OwnerId,
        AuthorId = item.AuthorId,
        OrganisationUnitId = item.OrganisationUnitId,
        WorkflowState = item.WorkflowState,
        AssignedTo = item.AssignedTo,
        CreatedUtc = item.CreatedUtc,
        ModifiedUtc = item.ModifiedUtc,
        PublishedUtc = item.PublishedUtc,
        Revision = item.Revision,
        Data = item.Data,
    };
}
