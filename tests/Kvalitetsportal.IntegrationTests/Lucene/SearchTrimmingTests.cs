using System.Net;
using System.Net.Http.Json;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Lucene.Similar;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Lucene;

/// <summary>The items every trimming test searches among, made once per portal.</summary>
public sealed class TrimmingPortal : SearchPortal
{
    private readonly Lock _lock = new();
    private Task<Arranged>? _items;

    public sealed record Arranged(string AnnasBygglov, string AnnasTolk, string AnnasDraft, string BeritsMatsvinn, string JuryApplication, string OtherApplication, int Unit);

    public Task<Arranged> ItemsAsync()
    {
        lock (_lock)
        {
            return _items ??= ArrangeItemsAsync();
        }
    }

    private async Task<Arranged> ArrangeItemsAsync()
    {
        await ArrangeAsync();
        var unit = await UsersArrange.UnitIdAsync(this, "FVO-HEM-O");
        var bygglov = await CreateAsync(IdeaType, EmployeeEmail, "Kortare väntetider för bygglov", "Förslag på förbättringar i handläggningen av bygglov: en gemensam checklista.", category: "Service", unitId: unit);
        var tolk = await CreateAsync(IdeaType, EmployeeEmail, "Digital tolkbokning", "Tolkbokningen görs på papper; en förbättring vore ett webbformulär.", category: "Service");
        var draft = await CreateAsync(IdeaType, EmployeeEmail, "Utkast om förbättringar av parkeringen", "Förbättringar av parkeringen vid stadshuset.", publish: false);
        var matsvinn = await CreateAsync(IdeaType, OtherEmployee, "Matsvinnet i skolköken", "Förbättringar i skolkökens planering minskar matsvinnet.", category: "Miljö", unitId: unit);
        var jury = await CreateAsync(ApplicationType, OtherEmployee, "Nya steg i hemtjänsten", "Hemtjänsten har förbättrat kontinuiteten för brukarna.");
        var other = await CreateAsync(ApplicationType, OtherEmployee, "Bättre bemanning i hemtjänsten", "Bemanningen i hemtjänsten planeras om med förbättrade scheman.");
        await TransitionAsync(jury.ContentItemId, "Bedömning", Assignee.Role(JuryRole));
        await WaitForIndexAsync();
        return new Arranged(bygglov.ContentItemId, tolk.ContentItemId, draft.ContentItemId, matsvinn.ContentItemId, jury.ContentItemId, other.ContentItemId, unit);
    }
}

/// <summary>
/// Security trimming across roles: a search never reveals a title, a snippet or a count of
/// something the reader may not open (type permissions, "own" permissions and an item-level rule).
/// </summary>
public sealed class SearchTrimmingTests(TrimmingPortal portal) : IClassFixture<TrimmingPortal>
{
    [Fact]
    public async Task An_employee_finds_only_her_own_ideas_in_hits_counts_and_facets()
    {
        var items = await portal.ItemsAsync();
        var anna = await portal.SignedInAsync(PortalFactory.EmployeeEmail);

        var page = await SearchPageReading.SearchAsync(anna, "förbättring");

        Assert.Equal(2, page.Total);
        Assert.Equal(new[] { items.AnnasBygglov, items.AnnasTolk }.Order(), page.HitIds.Order());
        Assert.Contains("Kortare väntetider för bygglov", page.Html);
        Assert.Contains("<mark>förbättringar</mark>", page.Html);
        Assert.DoesNotContain("Matsvinnet", page.Html); // Berit's title
        Assert.DoesNotContain("skolkökens", page.Html); // ... nor her snippet
        Assert.DoesNotContain("hemtjänsten", page.Html); // applications: hers are her own only
        Assert.Equal(new Dictionary<string, int> { ["Ide"] = 2 }, page.Facets["typ"]);
        Assert.Equal(new Dictionary<string, int> { ["Inskickad"] = 2 }, page.Facets["status"]);
        Assert.Equal(1, page.Facets["enhet"].Values.Sum()); // only her bygglov idea has a unit: Berit's does not count
    }

    [Fact]
    public async Task A_coordinator_finds_every_published_idea_and_no_application()
    {
        var items = await portal.ItemsAsync();
        var coordinator = await portal.SignedInAsync(SearchPortal.CoordinatorEmail);

        var page = await SearchPageReading.SearchAsync(coordinator, "förbättringar");

        Assert.Equal(3, page.Total);
        Assert.Equal(new[] { items.AnnasBygglov, items.AnnasTolk, items.BeritsMatsvinn }.Order(), page.HitIds.Order());
        Assert.DoesNotContain(items.AnnasDraft, page.Html); // drafts are never found
        Assert.Equal(new Dictionary<string, int> { ["Ide"] = 3 }, page.Facets["typ"]);
        Assert.Equal(2, page.Facets["enhet"].Values.Single());
        Assert.Equal(0, (await SearchPageReading.SearchAsync(coordinator, "hemtjänsten")).Total);
    }

    [Fact]
    public async Task A_juror_finds_only_the_application_assigned_to_the_jury_until_it_moves_on()
    {
        var items = await portal.ItemsAsync();
        var juror = await portal.SignedInAsync(SearchPortal.JurorEmail);

        var page = await SearchPageReading.SearchAsync(juror, "hemtjänst");
        Assert.Equal([items.JuryApplication], page.HitIds);
        Assert.Equal(1, page.Total);
        Assert.DoesNotContain("Bättre bemanning", page.Html);
        Assert.DoesNotContain("Bemanningen", page.Html);
        Assert.Equal(new Dictionary<string, int> { ["Bedömning"] = 1 }, page.Facets["status"]);
        Assert.Equal(0, (await SearchPageReading.SearchAsync(juror, "förbättring bygglov")).Total); // ideas: no permission

        // The owner, Berit, finds both of her applications whatever the jury sees.
        var berit = await portal.SignedInAsync(SearchPortal.OtherEmployee);
        Assert.Equal(new[] { items.JuryApplication, items.OtherApplication }.Order(), (await SearchPageReading.SearchAsync(berit, "hemtjänsten")).HitIds.Order());
    }

    [Fact]
    public async Task A_user_without_roles_finds_nothing_and_sees_no_counts()
    {
        await portal.ItemsAsync();
        var nobody = await portal.SignedInAsync(SearchPortal.NobodyEmail);

        foreach (var query in new[] { "förbättring", "hemtjänsten", "bygglov matsvinnet" })
        {
            var page = await SearchPageReading.SearchAsync(nobody, query);
            Assert.Equal(0, page.Total);
            Assert.Empty(page.HitIds);
            Assert.Empty(page.Facets);
            Assert.DoesNotContain("bygglov", page.Html.Replace(query, "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        await portal.ItemsAsync();
        var anonymous = PortalClient.Create(portal);
        var response = await anonymous.GetAsync("/sok?q=f%C3%B6rb%C3%A4ttring");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/konto/logga-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/search/similar?type=Ide&text=bygglov")).StatusCode);
    }

    [Fact]
    public async Task A_hit_the_index_has_not_caught_up_with_is_not_shown()
    {
        var items = await portal.ItemsAsync();
        await portal.ArrangeAsync();
        // A workflow moves the jury's application away from the jury, but this node has not read the
        // change yet: the index still says "assigned to the jury". The database check drops the hit.
        var stale = await portal.CreateAsync(SearchPortal.ApplicationType, SearchPortal.OtherEmployee, "Hemtjänstens nya nyckelhantering", "Nyckelfri hemtjänst.");
        await portal.TransitionAsync(stale.ContentItemId, "Bedömning", Assignee.Role(SearchPortal.JuryRole));
        await portal.WaitForIndexAsync();
        var juror = await portal.SignedInAsync(SearchPortal.JurorEmail);
        Assert.Contains(stale.ContentItemId, (await SearchPageReading.SearchAsync(juror, "nyckelhantering")).HitIds);

        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Data.PortalDbContext>();
            var row = db.Set<Kvalitetsportal.Contents.Items.ContentItem>().Single(i => i.ContentItemId == stale.ContentItemId && i.Latest);
            row.AssignedTo = null; // no log entry: the index cannot know
            await db.SaveChangesAsync();
        }

        var page = await SearchPageReading.SearchAsync(juror, "nyckelhantering");
        Assert.Empty(page.HitIds);
        Assert.DoesNotContain("Hemtjänstens nya nyckelhantering", page.Html);
        Assert.DoesNotContain(items.OtherApplication, page.Html);
    }

    [Fact]
    public async Task Fields_of_kind_user_and_unsearchable_fields_are_never_found()
    {
        await portal.ItemsAsync();
        var coordinator = await portal.SignedInAsync(SearchPortal.CoordinatorEmail);
        Assert.Equal(0, (await SearchPageReading.SearchAsync(coordinator, SearchPortal.HiddenIdeaGiver)).Total);
        Assert.Equal(0, (await SearchPageReading.SearchAsync(coordinator, "ointressantanteckning")).Total);
        var page = await SearchPageReading.SearchAsync(coordinator, "matsvinnet");
        Assert.Single(page.HitIds);
        Assert.DoesNotContain(SearchPortal.HiddenIdeaGiver, page.Html);
        Assert.DoesNotContain("Berit", page.Html[page.Html.IndexOf("<main", StringComparison.Ordinal)..]); // no owner names in hits
    }

    [Fact]
    public async Task A_facet_narrows_the_hits_and_the_other_values_keep_their_counts()
    {
        var items = await portal.ItemsAsync();
        var coordinator = await portal.SignedInAsync(SearchPortal.CoordinatorEmail);

        var response = await coordinator.GetAsync($"/sok?q=f%C3%B6rb%C3%A4ttring&enhet={items.Unit}");
        var page = new SearchPageReading(await response.Content.ReadAsStringAsync());

        Assert.Equal(2, page.Total);
        Assert.Equal(new[] { items.AnnasBygglov, items.BeritsMatsvinn }.Order(), page.HitIds.Order());
        Assert.Equal(2, page.Facets["enhet"][items.Unit.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(new Dictionary<string, int> { ["Ide"] = 2 }, page.Facets["typ"]); // other dimensions count within the unit
    }

    [Theory]
    [InlineData("\"förbättring")]
    [InlineData("*")]
    [InlineData("AND OR")]
    [InlineData("title:bygglov^5 OR (")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("")]
    public async Task Query_syntax_typed_by_a_user_is_plain_words(string query)
    {
        await portal.ItemsAsync();
        var coordinator = await portal.SignedInAsync(SearchPortal.CoordinatorEmail);
        var response = await coordinator.GetAsync("/sok?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_thousand_characters_are_harmless()
    {
        await portal.ItemsAsync();
        var coordinator = await portal.SignedInAsync(SearchPortal.CoordinatorEmail);
        var response = await coordinator.GetAsync("/sok?q=" + Uri.EscapeDataString("bygglov " + string.Concat(Enumerable.Repeat("förbättring \"AND* ", 600))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var similar = await coordinator.GetAsync("/api/search/similar?type=Ide&text=" + Uri.EscapeDataString(new string('x', 10_000)));
        Assert.Equal(HttpStatusCode.OK, similar.StatusCode);
    }

    [Fact]
    public async Task Similar_items_are_the_readers_own_kind_and_only_what_they_may_see()
    {
        var items = await portal.ItemsAsync();
        const string typing = "Vi borde förbättra planeringen i skolköken så att matsvinnet minskar";

        var coordinator = await portal.SignedInAsync(SearchPortal.CoordinatorEmail);
        var all = await coordinator.Http.GetFromJsonAsync<List<SimilarItem>>(new Uri("/api/search/similar?type=Ide&count=3&text=" + Uri.EscapeDataString(typing), UriKind.Relative));
        Assert.NotNull(all);
        Assert.Equal(items.BeritsMatsvinn, all[0].Id);
        Assert.Equal($"/ideer/{items.BeritsMatsvinn}", all[0].Url); // the idea page, where it can be supported

        var anna = await portal.SignedInAsync(PortalFactory.EmployeeEmail);
        var annas = await anna.Http.GetFromJsonAsync<List<SimilarItem>>(new Uri("/api/search/similar?type=Ide&text=" + Uri.EscapeDataString(typing), UriKind.Relative));
        Assert.NotNull(annas);
        Assert.DoesNotContain(annas, s => s.Id == items.BeritsMatsvinn);
        Assert.All(annas, s => Assert.Contains(s.Id, new[] { items.AnnasBygglov, items.AnnasTolk }));

        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync("/api/search/similar?type=Finnsinte&text=x")).StatusCode);
    }

    [Fact]
    public async Task The_header_search_box_leads_to_the_results_page()
    {
        await portal.ItemsAsync();
        var anna = await portal.SignedInAsync(PortalFactory.EmployeeEmail);
        var start = await anna.GetStringAsync("/");
        Assert.Contains("role=\"search\"", start, StringComparison.Ordinal);
        Assert.Contains("action=\"/sok\"", start, StringComparison.Ordinal);
        Assert.Contains("<label for=\"header-q\"", start, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_those_who_manage_search_see_its_status_and_rebuild_it()
    {
        await portal.ItemsAsync();
        var anna = await portal.SignedInAsync(PortalFactory.EmployeeEmail);
        Assert.True((await anna.GetAsync("/admin/sok")).IsForbidden());

        var admin = await portal.SignedInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var status = await admin.GetStringAsync("/admin/sok");
        Assert.Contains("Dokument i indexet", status, StringComparison.Ordinal);
        var response = await admin.PostFormAsync("/admin/sok", "/admin/sok/bygg-om", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await portal.WaitForIndexAsync();
        Assert.Contains("Senaste ombyggnad", await admin.GetStringAsync("/admin/sok"), StringComparison.Ordinal);
    }
}
