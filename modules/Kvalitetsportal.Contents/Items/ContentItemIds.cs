using System.Diagnostics.CodeAnalysis;

namespace Kvalitetsportal.Contents.Items;

/// <summary>
/// The one check of a content item id from outside (a URL, a form, a JSON body): 32 hexadecimal
/// digits, as <see cref="ContentManager"/> makes them. Pages and the API use it alike, so an id
/// that one refuses the other refuses too; anything else is "not found" without a query.
/// </summary>
public static class ContentItemIds
{
    public const int Length = 32;

    public static bool IsWellFormed([NotNullWhen(true)] string? id) => id is { Length: Length } && id.All(Uri.IsHexDigit);
}
