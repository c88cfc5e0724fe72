using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Idesluss.Ideas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Contents;

/// <summary>A portal with a 1 MB attachment quota and no grace period for abandoned uploads.</summary>
public sealed class UploadPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
        [LocalFileStore.QuotaSetting] = "1",
        [AbandonedUploadSweeper.GraceSetting] = "0",
    };

    public string FilesFolder => Path.Combine(DataFolder, "files");

    public bool FileExists(string id) => File.Exists(Path.Combine(FilesFolder, id[..2], id[2..4], id));

    public int FileCount() => Directory.Exists(FilesFolder) ? Directory.GetFiles(FilesFolder, "*", SearchOption.AllDirectories).Length : 0;
}

/// <summary>Finding 4: uploads do not fill the disk.</summary>
[Collection(nameof(UploadTests))]
public sealed partial class UploadTests(UploadPortal portal) : IClassFixture<UploadPortal>
{
    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_it_is_read()
    {
        var anna = await AnnaAsync();
        var token = await anna.GetAntiforgeryTokenAsync(IdeaUrls.Submit);
        var huge = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("x"), "Title" },
        };
        var body = new ByteArrayContent(new byte[1024]);
        huge.Add(body, "f.attachments", "film.pdf");
        // A declared length far over the 30 MB limit of a generic content form; the body is never sent in full.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/innehall/{IdeaTypes.Idea}/ny") { Content = new DeclaredLengthContent(huge, 500L * 1024 * 1024) };
        var watch = Stopwatch.StartNew();
        var response = await anna.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("För stor begäran", await response.Content.ReadAsStringAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Removing_an_item_removes_its_files()
    {
        var anna = await AnnaAsync();
        var before = portal.FileCount();
        var response = await SubmitAsync(anna, "Idé med bilaga som tas bort", Pdf(10_000));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = response.Headers.Location!.ToString().Split('/')[2];
        var fileId = await FileIdOfAsync(id);
        Assert.True(portal.FileExists(fileId));

        await using (var scope = portal.CreateScope())
        {
            var type = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(IdeaTypes.Idea))!;
            await scope.ServiceProvider.GetRequiredService<IContentManager>().RemoveAsync(type, id, "test");
        }

        Assert.False(portal.FileExists(fileId));
        Assert.Equal(before, portal.FileCount());
    }

    [Fact]
    public async Task A_refused_submissions_upload_is_swept_once_abandoned_and_files_in_use_stay()
    {
        var anna = await AnnaAsync();
        var kept = await SubmitAsync(anna, "Idé vars bilaga ska finnas kvar", Pdf(10_000));
        var keptFile = await FileIdOfAsync(kept.Headers.Location!.ToString().Split('/')[2]);
        var before = portal.FileCount();

        var refused = await SubmitAsync(anna, "", Pdf(20_000)); // no title: refused, the file kept for the next try
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(before + 1, portal.FileCount());

        var deleted = await portal.Services.GetRequiredService<AbandonedUploadSweeper>().SweepAsync();
        Assert.True(deleted >= 1);
        Assert.Equal(before, portal.FileCount());
        Assert.True(portal.FileExists(keptFile));
    }

    [Fact]
    public async Task An_upload_over_the_administrators_quota_is_refused_in_swedish_and_not_stored()
    {
        var anna = await AnnaAsync();
        var before = portal.FileCount();
        var response = await SubmitAsync(anna, "Idé med för stor bilaga för kvoten", Pdf(1_500_000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("utrymme för bilagor (1 MB) är fullt", html);
        Assert.Contains("Idé med för stor bilaga för kvoten", html);
        Assert.Equal(before, portal.FileCount());
    }

    private async Task<PortalClient> AnnaAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        return client;
    }

    private async Task<string> FileIdOfAsync(string contentItemId)
    {
        await using var scope = portal.CreateScope();
        var data = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ContentItem>()
            .Where(i => i.ContentItemId == contentItemId && i.Latest).Select(i => i.Data).SingleAsync();
        return StoredFileIds.In(data).Single();
    }

    private static ByteArrayContent Pdf(int size)
    {
        var bytes = new byte[size];
        "%PDF-1.4\n"u8.CopyTo(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(PortalClient client, string title, ByteArrayContent attachment)
    {
        var html = await client.GetStringAsync(IdeaUrls.Submit);
        var content = new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(html).Groups[1].Value), "FormToken" },
            { new StringContent(title), "Title" },
            { new StringContent("Köerna är långa."), "f.problem" },
            { new StringContent("Invånare"), "f.forWhom" },
            { new StringContent("Återuppringning."), "f.solution" },
            { new StringContent("Kortare väntan."), "f.benefit" },
            { new StringContent("Bemötande och service"), "f.area" },
        };
        content.Add(attachment, "f.attachments", "underlag.pdf");
        return await client.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, content);
    }

    /// <summary>Declares a Content-Length the body never reaches: the server must refuse on the header alone.</summary>
    private sealed class DeclaredLengthContent(HttpContent inner, long declared) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = declared;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();
}
