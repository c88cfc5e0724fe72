using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>Ideas are read on the idea page (support, follow, comments), wherever they are linked for reading.</summary>
public sealed class IdeaPage : IContentItemPage
{
    public string ContentType => IdeaTypes.Idea;

    public string Url(string contentItemId) => IdeaUrls.Detail(contentItemId);

    /// <summary>The giver edits with the idea form, which leaves the coordinator's fields alone.</summary>
    public string? EditUrl(string contentItemId) => IdeaUrls.Edit(contentItemId);
}
