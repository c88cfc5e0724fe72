using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Contents.Queries;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kvalitetsportal.IntegrationTests.Users;
using static Kvalitetsportal.IntegrationTests.Contents.ContentPages;

namespace Kvalitetsportal.IntegrationTests.Contents;

/// <summary>Employees create, find, read and edit their own content items; nobody else sees them.</summary>
public sealed class ContentItemTests(ContentsPortal portal) : IClassFixture<ContentsPortal>
{
    private static string Unique(string title) => $"{title} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task Employee_creates_an_item_and_finds_it_on_the_detail_page_in_the_list_and_on_the_start_page()
    {
        var anna = await portal.AnnaAsync();
        var form = await anna.GetStringAsync(ContentsPortal.New);
        Assert.Contains("Skicka in", form);
        Assert.Contains("Spara utkast", form);
        Assert.Contains("enctype=\"multipart/form-data\"", form);
        var title = Unique("Cykelställ vid stadshuset");

        var response = await anna.PostFieldsAsync(ContentsPortal.New, ContentsPortal.New, Fields(title, "Fler cykelställ behövs.", "skicka", ("f.kategori", "Miljö")));

        var id = ItemId(response);
        var detail = WebUtility.HtmlDecode(await anna.FollowAsync(response));
        Assert.Contains(title, detail);
        Assert.Contains("Fler cykelställ behövs.", detail);
        Assert.Contains("Referens: " + id[..8].ToUpperInvariant(), detail);
        Assert.Contains("Inskickad", detail);
        Assert.Contains($"href=\"{Edit(id)}\"", detail);
        Assert.DoesNotContain("/ta-bort", detail); // Medarbetare may not delete here

        var list = WebUtility.HtmlDecode(await anna.GetStringAsync(ContentsPortal.List));
        Assert.Contains($"href=\"{Detail(id)}\">{title}</a>", list);
        Assert.Contains("<td>Miljö</td>", list);
        Assert.Contains($"href=\"{ContentsPortal.New}\"", list);

        var filtered = WebUtility.HtmlDecode(await anna.GetStringAsync(ContentsPortal.List + "?q=" + Uri.EscapeDataString(title.ToUpperInvariant()) + "&mina=1&sortering=titel"));
        Assert.Contains(title, filtered);
        Assert.Contains("1 träffar.", filtered);
        var none = await anna.GetStringAsync(ContentsPortal.List + "?q=finns-inte-alls");
        Assert.DoesNotContain(title, WebUtility.HtmlDecode(none));

        var start = WebUtility.HtmlDecode(await anna.GetStringAsync("/"));
        Assert.Contains("Mina ärenden", start);
        Assert.Contains($"href=\"{Detail(id)}\">{title}</a>", start);
        Assert.Contains("Testförslag", start);

        var types = await anna.GetStringAsync("/innehall");
        Assert.Contains($"href=\"{ContentsPortal.List}\"", types);
        Assert.Contains("href=\"/innehall\"", types); // the portal menu
    }

    [Fact]
    public async Task List_totals_and_the_start_page_follow_each_new_item_at_once()
    {
        var anna = await portal.AnnaAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        static int Total(string html) => int.Parse(Regex.Match(html, @"(\d+) träffar\.").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var filtered = ContentsPortal.List + "?q=" + marker;
        Assert.Equal(0, Total(await anna.GetStringAsync(filtered)));
        var allBefore = Total(await anna.GetStringAsync(ContentsPortal.List));
        _ = await anna.GetStringAsync("/");

        await CreateAsync(anna, $"Räkna {marker} ett");
        Assert.Equal(1, Total(await anna.GetStringAsync(filtered)));
        await CreateAsync(anna, $"Räkna {marker} två");

        // Totals are remembered between requests, so each change must make them count again.
        Assert.Equal(2, Total(await anna.GetStringAsync(filtered)));
        Assert.Equal(allBefore + 2, Total(await anna.GetStringAsync(ContentsPortal.List)));
        Assert.Contains($"Räkna {marker} två", WebUtility.HtmlDecode(await anna.GetStringAsync("/")));
    }

    [Fact]
    public async Task A_list_page_shows_an_edited_title_at_once()
    {
        var anna = await portal.AnnaAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var id = await CreateAsync(anna, $"Före {marker}", "Text");
        var filtered = ContentsPortal.List + "?q=" + marker;
        Assert.Contains($"Före {marker}", WebUtility.HtmlDecode(await anna.GetStringAsync(filtered)));

        // List pages are remembered between requests (ADR 10): an edit must show on the next one.
        var revision = Hidden(await anna.GetStringAsync(Edit(id)), "Revision");
        var saved = await anna.PostFieldsAsync(Edit(id), Edit(id), [.. Fields($"Efter {marker}", "Text"), ("Revision", revision)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = WebUtility.HtmlDecode(await anna.GetStringAsync(filtered));
        Assert.Contains($"Efter {marker}", after);
        Assert.DoesNotContain($"Före {marker}", after);
    }

    [Fact]
    public async Task A_missing_required_field_or_a_too_long_text_is_an_error_beside_the_field_and_the_input_is_kept()
    {
        var anna = await portal.AnnaAsync();
        var title = Unique("Behåll min rubrik");

        var missing = await anna.PostFieldsAsync(ContentsPortal.New, ContentsPortal.New, Fields(title, "", "skicka", ("f.kategori", "Service")));

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var html = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains("error-summary", html);
        Assert.Contains("<span class=\"field-error\" id=\"f_beskrivning-error\">Beskrivning måste fyllas i.</span>", html);
        Assert.Contains($"value=\"{title}\"", html);
        Assert.Matches("value=\"Service\" checked=\"checked\"|checked=\"checked\"[^>]*value=\"Service\"", html);

        var tooLong = await anna.PostFieldsAsync(ContentsPortal.New, ContentsPortal.New, Fields(title, new string('x', 20_000)));

        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        var longHtml = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("Beskrivning får vara högst 10", longHtml);
        Assert.Contains(new string('x', 20_000), longHtml);
        Assert.Equal(0, await portal.CountAsync(title));
    }

    [Fact]
    public async Task A_script_in_a_rich_text_field_is_removed_and_the_formatting_kept()
    {
        var anna = await portal.AnnaAsync();
        var response = await anna.PostFieldsAsync(ContentsPortal.New, ContentsPortal.New, Fields(Unique("Formaterat"), "Text", "skicka",
            ("f.detaljer", "<p>Hej <strong>där</strong></p><script>alert('x')</script><a href=\"javascript:alert(1)\" onclick=\"alert(2)\">länk</a>")));

        var detail = await anna.FollowAsync(response);

        Assert.Contains("<p>Hej <strong>där</strong></p>", detail);
        // The page's own scripts are files (src=...); nothing inline survives from the field.
        Assert.DoesNotContain("<script>", detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(", detail);
        Assert.DoesNotContain("javascript:", detail);
    }

    [Fact]
    public async Task Another_employee_gets_404_for_the_item_its_edit_page_and_its_files_and_does_not_see_it_in_the_list()
    {
        var anna = await portal.AnnaAsync();
        var title = Unique("Annas eget ärende");
        using var content = Multipart(title, ("rapport.pdf", Pdf(2_000)));
        var id = ItemId(await anna.PostMultipartAsync(ContentsPortal.New, ContentsPortal.New, content));
        var fileUrl = FileLinks(await anna.GetStringAsync(Detail(id))).Single();

        var berit = await portal.BeritAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await berit.GetAsync(Detail(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await berit.GetAsync(Edit(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await berit.GetAsync(fileUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await berit.GetAsync(Detail(id) + "/ta-bort")).StatusCode);
        var token = await berit.GetAntiforgeryTokenAsync(ContentsPortal.New);
        var post = await berit.Http.PostAsync(new Uri(Edit(id), UriKind.Relative), new FormUrlEncodedContent(
            [new("Title", "Kapad"), new("f.beskrivning", "x"), new("Revision", "1"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var list = WebUtility.HtmlDecode(await berit.GetStringAsync(ContentsPortal.List));
        Assert.DoesNotContain(title, list);
        Assert.DoesNotContain(title, WebUtility.HtmlDecode(await berit.GetStringAsync("/")));
        Assert.Equal(title, (await portal.LatestAsync(id))!.DisplayText);

        // The owner still has it, and ids that are not this item's files are 404.
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(fileUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync($"{Detail(id)}/fil/{Guid.NewGuid():N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync($"{ContentsPortal.List}/{Guid.NewGuid():N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync("/innehall/Finnsinte")).StatusCode);
    }

    [Fact]
    public async Task The_owner_may_not_delete_without_the_permission_and_an_administrator_may()
    {
        var anna = await portal.AnnaAsync();
        var id = await CreateAsync(anna, Unique("Ska bort"));

        Assert.Equal(HttpStatusCode.Forbidden, (await anna.GetAsync(Detail(id) + "/ta-bort")).StatusCode);

        var admin = await portal.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Contains("Ta bort", await admin.GetStringAsync(Detail(id)));
        var removed = await admin.PostFormAsync(Detail(id) + "/ta-bort", Detail(id) + "/ta-bort", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await portal.LatestAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync(Detail(id))).StatusCode);
    }

    [Fact]
    public async Task A_user_without_any_content_permission_is_refused_the_list_and_the_create_form()
    {
        await portal.ArrangeAsync();
        var email = $"utan.roll.{Guid.NewGuid():N}@kvalitetsportal.local";
        await UsersArrange.CreateUserAsync(portal, email, "Utan Roll");
        var client = await portal.SignInAsync(email, UsersArrange.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(ContentsPortal.List)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(ContentsPortal.New)).StatusCode);
        Assert.DoesNotContain(ContentsPortal.List, await client.GetStringAsync("/innehall"));
    }

    [Fact]
    public async Task Two_edits_from_the_same_revision_the_second_sees_both_values_and_loses_nothing()
    {
        var anna = await portal.AnnaAsync();
        var id = await CreateAsync(anna, Unique("Ursprunglig rubrik"), "Ursprunglig text");
        var revision = Hidden(await anna.GetStringAsync(Edit(id)), "Revision");
        var first = Unique("Första ändringen");
        var second = Unique("Andra ändringen");

        var saved = await anna.PostFieldsAsync(Edit(id), Edit(id), [.. Fields(first, "Text från fönster ett"), ("Revision", revision)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var conflict = await anna.PostFieldsAsync(Edit(id), Edit(id), [.. Fields(second, "Text från fönster två"), ("Revision", revision)]);

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var html = WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync());
        // Both windows were Anna's: she is told it was herself, in another tab, and when.
        Assert.Contains("Du har själv sparat under tiden, i en annan flik", html);
        Assert.Contains("Du själv, i en annan flik eller ett annat fönster, sparade ärendet ", html);
        Assert.DoesNotContain("Någon annan", html);
        Assert.Contains($"<td class=\"conflict-saved\">{first}</td>", html);
        Assert.Contains($"<td class=\"conflict-yours\">{second}</td>", html);
        Assert.Contains("<td class=\"conflict-saved\">Text från fönster ett</td>", html);
        Assert.Contains("<td class=\"conflict-yours\">Text från fönster två</td>", html);
        Assert.Contains($"value=\"{second}\"", html);
        Assert.Contains(">Text från fönster två</textarea>", html);
        var stored = await portal.LatestAsync(id);
        Assert.Equal(first, stored!.DisplayText);
        Assert.Equal(stored.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), Hidden(html, "Revision"));

        // Saving again is a deliberate overwrite.
        var overwrite = await anna.PostFieldsAsync(Edit(id), Edit(id), [.. Fields(second, "Text från fönster två"), ("Revision", Hidden(html, "Revision"))]);
        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        Assert.Equal(second, (await portal.LatestAsync(id))!.DisplayText);
        Assert.Contains("Version", await anna.GetStringAsync(Detail(id)));
    }

    [Fact]
    public async Task A_draft_is_saved_without_its_required_fields_and_autosave_updates_it_for_the_owner_only()
    {
        var anna = await portal.AnnaAsync();
        var title = Unique("Halvfärdig idé");
        var id = await CreateAsync(anna, title, description: "", saveAs: "utkast");
        var draft = await portal.LatestAsync(id);
        Assert.False(draft!.Published);
        Assert.Contains("Utkast", await anna.GetStringAsync(Detail(id)));

        var edit = await anna.GetStringAsync(Edit(id));
        Assert.Contains($"data-autosave-url=\"{Autosave(id)}\"", edit);
        Assert.Contains("/_content/Kvalitetsportal.Contents/js/autosave.js", edit);
        Assert.Contains("aria-live=\"polite\"", edit);
        var revision = Hidden(edit, "Revision");

        var autosaved = await anna.PostFieldsAsync(Edit(id), Autosave(id), [("Title", title + " (mer)"), ("f.beskrivning", "Nu med text"), ("Revision", revision)]);

        Assert.Equal(HttpStatusCode.OK, autosaved.StatusCode);
        using var json = JsonDocument.Parse(await autosaved.Content.ReadAsStringAsync());
        var newRevision = json.RootElement.GetProperty("revision").GetInt32();
        Assert.True(newRevision > int.Parse(revision, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(json.RootElement.TryGetProperty("savedAt", out _));
        Assert.StartsWith("Utkastet sparades kl. ", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stored = await portal.LatestAsync(id);
        Assert.Equal(title + " (mer)", stored!.DisplayText);
        Assert.False(stored.Published);
        Assert.Equal(newRevision, stored.Revision);
        Assert.Equal(1, stored.Version); // a draft's saves do not pile up versions

        // A stale autosave does not overwrite, and a bad format is refused without saving.
        var stale = await anna.PostFieldsAsync(Edit(id), Autosave(id), [("Title", "Gammal flik"), ("Revision", revision)]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(title + " (mer)", (await portal.LatestAsync(id))!.DisplayText);

        var berit = await portal.BeritAsync();
        var token = await berit.GetAntiforgeryTokenAsync(ContentsPortal.New);
        var foreign = await berit.Http.PostAsync(new Uri(Autosave(id), UriKind.Relative), new FormUrlEncodedContent(
            [new("Title", "Kapad"), new("Revision", newRevision.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        // Submitting it now requires the required fields, and then it is no longer autosaved.
        var submitted = await anna.PostFieldsAsync(Edit(id), Edit(id), [.. Fields(title, "Klar beskrivning"), ("Revision", newRevision.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var published = await portal.LatestAsync(id);
        Assert.True(published!.Published);
        Assert.Equal(2, published.Version); // what was submitted is a version of its own
        Assert.DoesNotContain("/autospara", await anna.GetStringAsync(Edit(id)));
    }

    [Fact]
    public async Task A_real_pdf_is_accepted_and_downloadable_as_an_attachment()
    {
        var anna = await portal.AnnaAsync();
        var pdf = Pdf(3_000);
        using var content = Multipart(Unique("Med bilaga"), ("rapport.pdf", pdf));

        var response = await anna.PostMultipartAsync(ContentsPortal.New, ContentsPortal.New, content);

        var detail = await anna.FollowAsync(response);
        Assert.Contains("rapport.pdf", detail);
        var download = await anna.GetAsync(FileLinks(detail).Single());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_exe_renamed_pdf_and_a_too_large_file_are_refused_with_a_message()
    {
        var anna = await portal.AnnaAsync();
        var title = Unique("Farlig bilaga");
        var exe = new byte[4_000];
        "MZ"u8.CopyTo(exe);

        using var exeContent = Multipart(title, ("faktura.pdf", exe));
        var refused = await anna.PostMultipartAsync(ContentsPortal.New, ContentsPortal.New, exeContent);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("\"faktura.pdf\" är ett program", html);
        Assert.Contains($"value=\"{title}\"", html);

        using var bigContent = Multipart(title, ("stor.pdf", Pdf(70 * 1024)));
        var tooBig = await anna.PostMultipartAsync(ContentsPortal.New, ContentsPortal.New, bigContent);

        Assert.Equal(HttpStatusCode.OK, tooBig.StatusCode);
        Assert.Contains("\"stor.pdf\" är för stor", WebUtility.HtmlDecode(await tooBig.Content.ReadAsStringAsync()));
        Assert.Equal(0, await portal.CountAsync(title));
    }

    [Fact]
    public async Task A_create_form_posted_twice_saves_one_item()
    {
        var anna = await portal.AnnaAsync();
        var title = Unique("Dubbelklick");
        var form = await anna.GetStringAsync(ContentsPortal.New);
        var fields = Fields(title, "En gång räcker").Append(("FormToken", Hidden(form, "FormToken"))).ToList();

        var first = await anna.PostFieldsAsync(ContentsPortal.New, ContentsPortal.New, fields);
        var second = await anna.PostFieldsAsync(ContentsPortal.New, ContentsPortal.New, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await portal.CountAsync(title));
    }

    [Fact]
    public async Task The_list_pages_by_25_with_links_that_keep_the_filter_and_mark_the_current_page()
    {
        var anna = await portal.AnnaAsync();
        var prefix = Unique("Sidad");
        await using (var scope = portal.CreateScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var annaId = await UsersArrange.UserIdAsync(portal, PortalFactory.EmployeeEmail);
            for (var i = 0; i < 27; i++)
            {
                await manager.CreateAsync(ContentsPortal.Definition(), new ContentChange($"{prefix} {i:00}", null, new JsonObject { ["beskrivning"] = "x" }), annaId, publish: true);
            }
        }

        var query = "?q=" + Uri.EscapeDataString(prefix) + "&sortering=titel";
        var first = WebUtility.HtmlDecode(await anna.GetStringAsync(ContentsPortal.List + query));
        Assert.Contains("27 träffar.", first);
        Assert.Contains($"{prefix} 00</a>", first);
        Assert.DoesNotContain($"{prefix} 25</a>", first);
        Assert.Contains("aria-current=\"page\">Sida 1<", first);
        var secondUrl = ContentsPortal.List + query.Replace("sortering=titel", "sortering=titel&sida=2", StringComparison.Ordinal);
        Assert.Contains($"href=\"{secondUrl}\"", first.Replace("&amp;", "&", StringComparison.Ordinal));

        var second = WebUtility.HtmlDecode(await anna.GetStringAsync(secondUrl));
        Assert.Contains($"{prefix} 25</a>", second);
        Assert.Contains($"{prefix} 26</a>", second);
        Assert.DoesNotContain($"{prefix} 00</a>", second);
        Assert.Contains("aria-current=\"page\">Sida 2<", second);
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(ContentsPortal.List + "?sida=99999999999&enhet=abc&sortering=okand")).StatusCode);

        // The start page shows ten of Anna's items and links to all of them.
        var start = WebUtility.HtmlDecode(await anna.GetStringAsync("/"));
        Assert.Equal(10, Regex.Count(start, "href=\"/innehall/Testforslag/[0-9a-f]{32}\""));
        Assert.Contains("href=\"/innehall/mina\"", start);
        var mine = WebUtility.HtmlDecode(await anna.GetStringAsync("/innehall/mina"));
        Assert.Contains($"{prefix} 26</a>", mine);
        Assert.Contains("href=\"/innehall/mina?sida=2\"", mine);
    }

    [Fact]
    public async Task Only_mine_does_not_open_the_list_to_a_user_who_may_create_but_not_view()
    {
        await portal.ArrangeAsync();
        var role = "BaraSkapa" + Guid.NewGuid().ToString("N")[..6];
        await UsersArrange.CreateRoleAsync(portal, role, ContentPermissions.Name(ContentsPortal.Type, ContentAction.Create));
        var userId = await UsersArrange.CreateUserAsync(portal, $"skapare.{Guid.NewGuid():N}@kvalitetsportal.local", "Skapare", role);
        await using var scope = portal.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IContentManager>().CreateAsync(ContentsPortal.Definition(), new ContentChange("Skapat men osynligt", null, []), userId, publish: true);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, role)], "test"));

        var page = await scope.ServiceProvider.GetRequiredService<ContentListQuery>().PageAsync(user, ContentsPortal.Definition(), new ContentFilter { OnlyMine = true });

        Assert.Empty(page.Items);
    }

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)' ');
        Encoding.ASCII.GetBytes("%PDF-1.7\n% test\n").CopyTo(bytes, 0);
        return bytes;
    }

    private static MultipartFormDataContent Multipart(string title, (string Name, byte[] Bytes) file)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(title), "Title" },
            { new StringContent("Med fil"), "f.beskrivning" },
            { new StringContent("skicka"), "SaveAs" },
        };
        var part = new ByteArrayContent(file.Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(part, "f.bilaga", file.Name);
        return content;
    }

    private static List<string> FileLinks(string html) =>
        [.. Regex.Matches(html, "href=\"(/innehall/[^\"]+/fil/[0-9a-f]{32})\"").Select(m => m.Groups[1].Value)];
}
