using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.Kvalitetspris.Prize;

/// <summary>Applications are read on the module's own page (the guided form for a draft), wherever they are linked.</summary>
public sealed class ApplicationPage : IContentItemPage
{
    public string ContentType => PrizeTypes.Application;

    public string Url(string contentItemId) => PrizeUrls.Application(contentItemId);
}
