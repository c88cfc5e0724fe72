using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Idesluss;

public sealed class IdeslussPortal : PortalFactory
{
    public const string Coordinator = "sara.samordnare@kvalitetsportal.local";
    public const string Assessor = "lars.kvalitetsledare@kvalitetsportal.local";
    public const string GiverName = "Anna Andersson";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };
}

/// <summary>The idea sluice end to end over HTTP: the shipped recipe, submitting, bad input, pseudonymised screening, PICK, merging, idea bank, statistics and challenges.</summary>
public sealed partial class IdeslussTests(IdeslussPortal portal) : IClassFixture<IdeslussPortal>
{
    /// <summary>
    /// A colleague who may read ideas while they are screened (a Kvalitetsledare who is neither the
    /// coordinator nor the assessor); employees do not see ideas in the screening states at all.
    /// </summary>
    private async Task<PortalClient> ColleagueAsync()
    {
        var email = $"kollega.{Guid.NewGuid().ToString("N")[..6]}@kvalitetsportal.local";
        await Kvalitetsportal.IntegrationTests.Users.UsersArrange.CreateUserAsync(portal, email, "Kerstin Kollega", "Kvalitetsledare");
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, Kvalitetsportal.IntegrationTests.Users.UsersArrange.Password);
        return client;
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, PortalFactory.SamplePassword);
        return client;
    }

    private static async Task<(MultipartFormDataContent Content, string Token)> IdeaFormAsync(PortalClient client, string title, string? problem = "Köerna i kontaktcenter är långa på måndagar.", string? campaign = null)
    {
        var html = await client.GetStringAsync(campaign is null ? IdeaUrls.Submit : IdeaUrls.SubmitTo(campaign));
        var token = FormToken().Match(html).Groups[1].Value;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "FormToken" },
            { new StringContent(title), "Title" },
            { new StringContent(problem ?? ""), "f.problem" },
            { new StringContent("Invånare som ringer oss"), "f.forWhom" },
            { new StringContent("Erbjud återuppringning i stället för kö."), "f.solution" },
            { new StringContent("Kortare väntan och nöjdare invånare."), "f.benefit" },
            { new StringContent("Bemötande och service"), "f.area" },
        };
        if (campaign is not null)
        {
            content.Add(new StringContent(campaign), "utmaning");
        }

        return (content, token);
    }

    private static async Task<string> SubmitAsync(PortalClient client, string title, bool namePublic = false)
    {
        var (content, _) = await IdeaFormAsync(client, title);
        if (namePublic)
        {
            content.Add(new StringContent("true"), "f.namePublic");
        }

        var response = await client.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.EndsWith("/kvitto", location);
        return location.Split('/')[2];
    }

    [Fact]
    public async Task The_feature_recipe_ships_the_types_the_workflows_and_runs_only_once()
    {
        await using var scope = portal.CreateScope();
        var types = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAllAsync();
        Assert.Contains(IdeaTypes.Idea, types.Keys);
        Assert.Contains(IdeaTypes.Assessment, types.Keys);
        Assert.Contains(IdeaTypes.Campaign, types.Keys);
        var workflow = await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().GetCurrentAsync(IdeaTypes.Idea);
        Assert.NotNull(workflow);
        Assert.Equal(["Inskickad", "Under prövning", "Bedöms", "Utreds/Testas", "Genomförd", "Spridd", "Avslutad", "Överlämnad till verksamhet"], workflow.Value.Definition.States.Select(s => s.Name));
        Assert.All(workflow.Value.Definition.States.Skip(1), s => Assert.Contains(s.Activities, a => a is SendMailActivity { To.Kind: RecipientKind.Owner }));
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await db.Set<AppliedFeatureRecipe>().CountAsync(r => r.FeatureId == IdeslussStartup.FeatureId));

        // Running the pending recipes again (as every start-up does) changes nothing.
        var version = workflow.Value.Version;
        await scope.ServiceProvider.GetRequiredService<FeatureRecipeRunner>().ApplyAsync([IdeslussStartup.FeatureId]);
        Assert.Equal(version, (await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().GetCurrentAsync(IdeaTypes.Idea))!.Value.Version);
    }

    [Fact]
    public async Task An_employee_submits_an_idea_gets_a_receipt_and_finds_it_under_mina_arenden()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Återuppringning i kontaktcenter");
        var receipt = await anna.GetStringAsync(IdeaUrls.Receipt(id));
        Assert.Contains(id[..8].ToUpperInvariant(), receipt);
        var mine = await anna.GetStringAsync("/innehall/mina");
        Assert.Contains("Återuppringning i kontaktcenter", mine);
        Assert.Contains("Erbjud återuppringning", await anna.GetStringAsync(IdeaUrls.Detail(id)));

        // "Mina ärenden" and the start page open the idea where it is read: the idea page, not the generic item page.
        Assert.Contains($"href=\"{IdeaUrls.Detail(id)}\"", mine);
        Assert.DoesNotContain($"href=\"/innehall/Ide/{id}\"", mine);
        Assert.Contains($"href=\"{IdeaUrls.Detail(id)}\"", await anna.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_double_clicked_submit_saves_one_idea()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var (first, token) = await IdeaFormAsync(anna, "Dubbelklickad idé");
        var antiforgery = await anna.GetAntiforgeryTokenAsync(IdeaUrls.Submit);
        first.Add(new StringContent(antiforgery), "__RequestVerificationToken");
        var (second, _) = await IdeaFormAsync(anna, "Dubbelklickad idé");
        second.Add(new StringContent(antiforgery), "__RequestVerificationToken");
        var secondWithSameToken = new MultipartFormDataContent();
        foreach (var part in second)
        {
            var name = part.Headers.ContentDisposition!.Name!.Trim('"');
            secondWithSameToken.Add(name == "FormToken" ? new StringContent(token) : part, name);
        }

        var responses = await Task.WhenAll(anna.Http.PostAsync(new Uri(IdeaUrls.Submit, UriKind.Relative), first), anna.Http.PostAsync(new Uri(IdeaUrls.Submit, UriKind.Relative), secondWithSameToken));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await db.Set<ContentItem>().CountAsync(i => i.ContentType == IdeaTypes.Idea && i.Latest && i.DisplayText == "Dubbelklickad idé"));
    }

    [Fact]
    public async Task Empty_and_20000_character_fields_are_refused_in_swedish_and_what_was_typed_comes_back()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var (empty, _) = await IdeaFormAsync(anna, "", problem: "");
        var response = await anna.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, empty);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Rubrik på idén måste fyllas i", html);
        Assert.Contains("Erbjud återuppringning i stället för kö.", html); // the rest of the form is kept

        var (huge, _) = await IdeaFormAsync(anna, "Lång idé", problem: new string('x', 20_000));
        html = await (await anna.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, huge)).Content.ReadAsStringAsync();
        Assert.Contains("Vilket problem vill du lösa? får vara högst 4&#xA0;000 tecken", html);
        await using var scope = portal.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ContentItem>().AnyAsync(i => i.DisplayText == "Lång idé"));
    }

    [Fact]
    public async Task Script_in_an_idea_is_shown_as_text_never_run()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "<script>alert('x')</script>Skript i rubriken");
        var html = await anna.GetStringAsync(IdeaUrls.Detail(id));
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert", html);
    }

    [Fact]
    public async Task An_exe_renamed_pdf_is_refused_and_a_200_MB_upload_gets_a_clear_message()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var (content, _) = await IdeaFormAsync(anna, "Idé med fel bilaga");
        var exe = new ByteArrayContent([(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0]);
        exe.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(exe, "f.attachments", "rapport.pdf");
        var html = await (await anna.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, content)).Content.ReadAsStringAsync();
        Assert.Contains("rapport.pdf", html);
        Assert.Contains("är ett program och kan inte laddas upp", html);
        Assert.Contains("Erbjud återuppringning", html);

        var (big, _) = await IdeaFormAsync(anna, "Idé med enorm bilaga");
        big.Add(new StreamContent(new ZeroStream(200L * 1024 * 1024)), "f.attachments", "film.pdf");
        var response = await anna.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, big);
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("högst 10 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_assessor_never_sees_the_giver_until_the_coordinator_reveals_it()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Pseudonymiserad idé", namePublic: true);
        string annaId;
        await using (var scope = portal.CreateScope())
        {
            annaId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.EmployeeEmail))!.Id;
        }

        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        Assert.Contains(IdeslussPortal.GiverName, await sara.GetStringAsync(IdeaUrls.Detail(id)));
        string larsId;
        await using (var scope = portal.CreateScope())
        {
            larsId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(IdeslussPortal.Assessor))!.Id;
        }

        var assigned = await sara.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/bedomare", new() { ["assessorId"] = larsId });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);

        // Consent makes the name public once the idea leaves screening; during screening (the only
        // states colleagues cannot see anyway) it stays pseudonymised, also for the assessor.
        var lars = await SignedInAsync(IdeslussPortal.Assessor);
        foreach (var url in new[] { IdeaUrls.Detail(id), IdeaUrls.Assess(id), $"/innehall/Ide/{id}", "/innehall/Ide", $"/api/content/Ide/{id}", "/api/content/Ide", "/innehall/Ide/export.csv" })
        {
            var response = await lars.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(IdeslussPortal.GiverName, body);
            Assert.DoesNotContain(annaId, body);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/visa-idegivare", [])).StatusCode);
        Assert.Contains(IdeslussPortal.GiverName, await lars.GetStringAsync(IdeaUrls.Detail(id)));
    }

    [Fact]
    public async Task Without_consent_colleagues_do_not_see_the_giver_and_the_givers_comment_is_anonymous()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Anonym idé");
        await anna.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/kommentar", new() { ["text"] = "Jag kan berätta mer." });
        var colleague = await ColleagueAsync();
        var html = await colleague.GetStringAsync(IdeaUrls.Detail(id));
        Assert.DoesNotContain(IdeslussPortal.GiverName, html);
        Assert.Contains("Jag kan berätta mer.", html);
        Assert.Contains(IdeasController.Giver, html);
    }

    [Fact]
    public async Task An_assessment_places_the_idea_in_the_pick_chart()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Idé att bedöma");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var response = await sara.PostFormAsync(IdeaUrls.Assess(id), IdeaUrls.Assess(id), new()
        {
            ["Title"] = "Bedömning",
            ["f.effect"] = "Stor effekt",
            ["f.effort"] = "Liten insats",
            ["f.citizenBenefit"] = "Kortare väntan.",
            ["f.recommendation"] = "Genomför",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = portal.CreateScope();
        Assert.Equal(PickQuadrant.Implement, (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<IdeaRecord>().SingleAsync(r => r.ContentItemId == id)).Pick);
        var pick = await sara.GetStringAsync(IdeaUrls.Pick);
        Assert.Matches("Idé att bedöma</a></td><td>Implement", pick);

        // An employee who is not the assessor cannot open the form.
        var karl = await SignedInAsync(PortalFactory.ManagerEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await karl.GetAsync(IdeaUrls.Assess(id))).StatusCode);
        Assert.DoesNotContain("Idétavlan", await (await karl.GetAsync(IdeaUrls.Board)).Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await karl.GetAsync(IdeaUrls.Board)).StatusCode);
    }

    [Fact]
    public async Task Merging_a_duplicate_moves_supporters_and_followers_and_tells_the_giver()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var kept = await SubmitAsync(anna, "Originalidén");
        var karl = await SignedInAsync(PortalFactory.ManagerEmail);
        var duplicate = await SubmitAsync(karl, "Dubbletten");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync(IdeaUrls.Detail(duplicate), $"/ideer/{duplicate}/stod", [])).StatusCode);
        var response = await sara.PostFormAsync(IdeaUrls.Detail(duplicate), $"/ideer/{duplicate}/sla-ihop", new() { ["keep"] = kept[..8].ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var reactions = await db.Set<IdeaReaction>().Where(r => r.ContentItemId == kept).ToListAsync();
        Assert.Contains(reactions, r => r.Kind == ReactionKind.Follow); // Karl, the duplicate's giver, follows the kept idea
        Assert.Equal(1, (await db.Set<IdeaRecord>().SingleAsync(r => r.ContentItemId == kept)).Supporters);
        Assert.Empty(await db.Set<IdeaReaction>().Where(r => r.ContentItemId == duplicate).ToListAsync());
        Assert.Contains("slagits ihop", await karl.GetStringAsync(IdeaUrls.Detail(duplicate)));
        Assert.DoesNotContain("Dubbletten", await sara.GetStringAsync(IdeaUrls.Board));
    }

    [Fact]
    public async Task A_good_example_is_in_the_idea_bank_and_the_statistics_count_it()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Gott exempel om återuppringning");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        await sara.PostFormAsync(IdeaUrls.Detail(id), $"/ideer/{id}/gott-exempel", new() { ["good"] = "true", ["whatWasDone"] = "Vi införde återuppringning.", ["whatItGave"] = "Väntetiden halverades." });
        var bank = await anna.GetStringAsync(IdeaUrls.Bank + "?q=återuppringning");
        Assert.Contains("Gott exempel om återuppringning", bank);
        Assert.Contains("Väntetiden halverades.", bank);

        var statistics = await sara.GetStringAsync(IdeaUrls.Statistics);
        Assert.Contains("Bemötande och service", statistics);
        Assert.Contains("Inskickad", statistics);
        var excel = await sara.PostFormAsync(IdeaUrls.Statistics, "/ideer/statistik/excel", []);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType!.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, (await anna.GetAsync(IdeaUrls.Statistics)).StatusCode);
    }

    [Fact]
    public async Task The_cached_statistics_and_board_follow_a_new_idea_a_transition_and_a_merge_at_once()
    {
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        var before = StatisticsFigures(await sara.GetStringAsync(IdeaUrls.Statistics));
        Assert.Equal(before, StatisticsFigures(await sara.GetStringAsync(IdeaUrls.Statistics)));
        Assert.DoesNotContain("Statistikidé", await sara.GetStringAsync(IdeaUrls.Board));

        var first = await SubmitAsync(anna, "Statistikidé ett");
        var second = await SubmitAsync(anna, "Statistikidé två");
        var submitted = StatisticsFigures(await sara.GetStringAsync(IdeaUrls.Statistics));
        Assert.Equal((before.Total + 2, before.Submitted + 2, before.Screened), submitted);
        Assert.Contains("Statistikidé två", await sara.GetStringAsync(IdeaUrls.Board));

        var moved = await Kvalitetsportal.IntegrationTests.Workflows.WorkflowSteps.TakeAsync(sara, first, "borja-prova", type: IdeaTypes.Idea);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var afterMove = StatisticsFigures(await sara.GetStringAsync(IdeaUrls.Statistics));
        Assert.Equal((submitted.Total, submitted.Submitted - 1, submitted.Screened + 1), afterMove);
        Assert.Contains("Under prövning</th><td>0", await sara.GetStringAsync(IdeaUrls.Statistics + "?ar=" + (DateTime.UtcNow.Year - 5)));

        var merged = await sara.PostFormAsync(IdeaUrls.Detail(second), $"/ideer/{second}/sla-ihop", new() { ["keep"] = first });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal((afterMove.Total - 1, afterMove.Submitted - 1, afterMove.Screened), StatisticsFigures(await sara.GetStringAsync(IdeaUrls.Statistics)));
        var board = await sara.GetStringAsync(IdeaUrls.Board);
        Assert.Contains("Statistikidé ett", board);
        Assert.DoesNotContain("Statistikidé två", board);
    }

    /// <summary>The statistics page's total and its counts for the first two states.</summary>
    private static (int Total, int Submitted, int Screened) StatisticsFigures(string html) => (
        int.Parse(Regex.Match(html, "<strong>(\\d+)</strong>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Regex.Match(html, "<th scope=\"row\">Inskickad</th><td>(\\d+)</td>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Regex.Match(html, "<th scope=\"row\">Under prövning</th><td>(\\d+)</td>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_challenge_takes_ideas_until_its_deadline_and_refuses_them_afterwards()
    {
        string open, closed;
        await using (var scope = portal.CreateScope())
        {
            var type = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(IdeaTypes.Campaign))!;
            var owner = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(IdeslussPortal.Coordinator))!.Id;
            var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            open = (await manager.CreateAsync(type, new ContentChange("Kortare väntetid i bygglov", null, new() { ["question"] = "Hur kan vi korta väntetiden i bygglov?", ["deadline"] = today.AddDays(10).ToString("yyyy-MM-dd") }), owner, true)).ContentItemId;
            closed = (await manager.CreateAsync(type, new ContentChange("Gammal utmaning", null, new() { ["question"] = "Något gammalt?", ["deadline"] = today.AddDays(-2).ToString("yyyy-MM-dd") }), owner, true)).ContentItemId;
        }

        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        Assert.Contains("Hur kan vi korta väntetiden i bygglov?", await anna.GetStringAsync(IdeaUrls.Campaigns));
        var (toOpen, _) = await IdeaFormAsync(anna, "Idé till öppen utmaning", campaign: open);
        Assert.Equal(HttpStatusCode.Redirect, (await anna.PostMultipartAsync(IdeaUrls.SubmitTo(open), IdeaUrls.Submit, toOpen)).StatusCode);

        var (toClosed, _) = await IdeaFormAsync(anna, "Idé till stängd utmaning", campaign: closed);
        var response = await anna.PostMultipartAsync(IdeaUrls.SubmitTo(closed), IdeaUrls.Submit, toClosed);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("är stängd", html);
        Assert.Contains("Idé till stängd utmaning", html); // nothing typed is lost
        await using var check = portal.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(open, (await db.Set<IdeaRecord>().SingleAsync(r => r.CampaignId != null && db.Set<ContentItem>().Any(i => i.ContentItemId == r.ContentItemId && i.DisplayText == "Idé till öppen utmaning"))).CampaignId);
        Assert.False(await db.Set<ContentItem>().AnyAsync(i => i.DisplayText == "Idé till stängd utmaning"));
    }

    [Fact]
    public async Task The_board_shows_columns_in_the_workflows_order_and_filters_by_area_and_age()
    {
        var anna = await SignedInAsync(PortalFactory.EmployeeEmail);
        await SubmitAsync(anna, "Idé på tavlan");
        var sara = await SignedInAsync(IdeslussPortal.Coordinator);
        var board = await sara.GetStringAsync(IdeaUrls.Board);
        Assert.True(board.IndexOf("Under prövning", StringComparison.Ordinal) < board.IndexOf("Överlämnad till verksamhet", StringComparison.Ordinal));
        Assert.Contains("Idé på tavlan", board);
        Assert.DoesNotContain("Idé på tavlan", await sara.GetStringAsync(IdeaUrls.Board + "?omrade=Arbetsmilj%C3%B6"));
        Assert.DoesNotContain("Idé på tavlan", await sara.GetStringAsync(IdeaUrls.Board + "?omrade=Bem%C3%B6tande%20och%20service&aldreAn=30"));
        Assert.Contains("Idé på tavlan", await sara.GetStringAsync(IdeaUrls.Board + "?omrade=Bem%C3%B6tande%20och%20service"));
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();

    /// <summary>A large body of zeros, produced as it is read (never held in memory).</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
