namespace Kvalitetsportal.Contents.Items;

/// <summary>
/// Where an item's generic pages are. Other modules link to an item with these (or, for reading,
/// through <see cref="ContentItemPages"/>, which prefers a module's own page for its type).
/// </summary>
public static class ContentItemUrls
{
    public const string Root = "/innehall";
    public const string Mine = "/innehall/mina";

    public static string List(string type) => $"{Root}/{type}";

    public static string Create(string type) => $"{Root}/{type}/ny";

    public static string Detail(string type, string id) => $"{Root}/{type}/{id}";

    public static string Edit(string type, string id) => $"{Root}/{type}/{id}/redigera";

    public static string Delete(string type, string id) => $"{Root}/{type}/{id}/ta-bort";

    public static string Autosave(string type, string id) => $"{Root}/{type}/{id}/autospara";

    public static string File(string type, string id, string fileId) => $"{Root}/{type}/{id}/fil/{fileId}";

    /// <summary>The short reference a receipt shows: the first eight characters of the id, upper case.</summary>
    public static string Reference(string contentItemId) => contentItemId[..Math.Min(8, contentItemId.Length)].ToUpperInvariant();
}
