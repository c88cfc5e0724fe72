using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Kvalitetsportal.IntegrationTests.Contents;

/// <summary>The content-type import as a user does it: upload the file, see its steps, confirm.</summary>
internal static partial class RecipeImport
{
    public const string Page = "/admin/innehallstyper/importera";

    /// <summary>Uploads the file; the page that lists its steps (or refuses it).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(PortalClient client, byte[] recipe, string fileName = "recept.json")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(recipe);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "File", fileName);
        return await client.PostMultipartAsync(Page, Page, content);
    }

    /// <summary>Uploads and, when the steps are listed, confirms them: the response of the confirmation (or the refusal).</summary>
    public static async Task<HttpResponseMessage> UploadAndConfirmAsync(PortalClient client, byte[] recipe, string fileName = "recept.json")
    {
        var listed = await UploadAsync(client, recipe, fileName);
        var html = await listed.Content.ReadAsStringAsync();
        var form = ConfirmForm().Match(html);
        if (listed.StatusCode != HttpStatusCode.OK || !form.Success)
        {
            return listed;
        }

        var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        return await client.Http.PostAsync(new Uri(Page + "/kor", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("Recipe", WebUtility.HtmlDecode(form.Groups[1].Value)),
            new("FileName", WebUtility.HtmlDecode(form.Groups[2].Value)),
            new("__RequestVerificationToken", token),
        ]));
    }

    [GeneratedRegex("name=\"Recipe\" value=\"([^\"]*)\"[^<]*<input type=\"hidden\" name=\"FileName\" value=\"([^\"]*)\"")]
    private static partial Regex ConfirmForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
