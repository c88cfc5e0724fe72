using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Kvalitetsportal.Notifications.Mail;

/// <summary>How the portal's plain-text mail looks as HTML and as a subject line.</summary>
public static partial class MailText
{
    public const int MaxSubjectLength = 200;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>
    /// The HTML part of a mail: the plain text, HTML-encoded as a whole (so neither an item's fields
    /// nor a template can inject markup), with line breaks kept and the subject as the document's
    /// title. Only links into the portal itself (<paramref name="portalBaseUrl"/>) are live: a URL
    /// someone typed into a title or comment stays text, so official mail cannot carry a
    /// user's link that looks like the municipality's.
    /// </summary>
    public static string ToHtml(string text, string subject, string portalBaseUrl)
    {
        var portal = portalBaseUrl.TrimEnd('/');

        // Line by line: the encoder would otherwise turn the line breaks themselves into entities.
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n")
            .Select(p => string.Join("<br>", p.Split('\n').Select(line => Link().Replace(Encoder.Encode(line), m => IntoPortal(m.Value, portal) ? $"<a href=\"{m.Value}\">{m.Value}</a>" : m.Value))));
        return "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>" + Encoder.Encode(Subject(subject)) + "</title></head><body><p>"
            + string.Join("</p><p>", paragraphs) + "</p></body></html>";
    }

    private static bool IntoPortal(string encodedUrl, string portal) =>
        encodedUrl.Length == portal.Length
            ? string.Equals(encodedUrl, portal, StringComparison.OrdinalIgnoreCase)
            : encodedUrl.StartsWith(portal, StringComparison.OrdinalIgnoreCase) && encodedUrl[portal.Length] is '/' or '?' or '#';

    /// <summary>One line, at most <see cref="MaxSubjectLength"/> characters.</summary>
    public static string Subject(string text)
    {
        var line = Whitespace().Replace(text, " ").Trim();
        return line.Length > MaxSubjectLength ? line[..MaxSubjectLength] : line;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // After HTML encoding: http(s) URLs up to whitespace or an encoded quote/angle bracket.
    [GeneratedRegex(@"https?://[^\s<&]+(?:&amp;[^\s<&]+)*")]
    private static partial Regex Link();
}
