using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Lucene;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Access;

/// <summary>
/// Controls of internal control in the FVO förvaltning and elsewhere, read by people whose access is
/// a unit rule, a subtree rule, a membership, an exclusion (jäv) or a secrecy marking (ADR 22).
/// </summary>
public sealed class AccessMatrixPortal : SearchPortal
{
    public const string Type = "Kontrollpunkt";
    // Not the recipe's own "Förvaltningschef" (Intern kontroll ships one): this role holds only what the test gives it.
    public const string ForvaltningChefRole = "Förvaltningens chef";
    public const string UnitChefRole = "Enhetschef";
    public const string SecurityRole = "Säkerhetssamordnare";
    public const string SteeringRole = "styrgrupp";
    public const string ForvaltningChef = "fvo.chef@kvalitetsportal.local";
    public const string UnitChef = "hem.chef@kvalitetsportal.local";
    public const string Security = "sakerhet@kvalitetsportal.local";
    public const string Steering = "styrgrupp@kvalitetsportal.local";

    private readonly Lock _lock = new();
    private Task<Arranged>? _arranged;

    public sealed record Arranged(string HemOst, string HemVast, string Fvo, string Hr, string Secret, string Jav, string Styr)
    {
        public IReadOnlyList<string> All => [HemOst, HemVast, Fvo, Hr, Secret, Jav, Styr];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<IContentAccessRule, ControlRule>());
    }

    public Task<Arranged> ControlsAsync()
    {
        lock (_lock)
        {
            return _arranged ??= ArrangeControlsAsync();
        }
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = CreateScope();
        return await work(scope.ServiceProvider);
    }

    private async Task<Arranged> ArrangeControlsAsync()
    {
        await ArrangeAsync();
        var type = new ContentTypeDefinition
        {
            Name = Type,
            DisplayName = "Kontrollpunkt",
            Drafts = false,
            ConfidentialRoles = [SecurityRole],
            Fields = [new() { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.LongText, Searchable = true, Order = 1 }],
        };
        Assert.Empty(await WithAsync(s => s.GetRequiredService<IContentDefinitionStore>().SaveAsync(type)));
        var viewAll = ContentPermissions.Name(Type, ContentAction.ViewAll);
        await UsersArrange.CreateRoleAsync(this, ForvaltningChefRole, viewAll);
        await UsersArrange.CreateRoleAsync(this, UnitChefRole, viewAll);
        await UsersArrange.CreateRoleAsync(this, SecurityRole, viewAll);
        var fvo = await UsersArrange.UnitIdAsync(this, "FVO");
        var ost = await UsersArrange.UnitIdAsync(this, "FVO-HEM-O");
        var vast = await UsersArrange.UnitIdAsync(this, "FVO-HEM-V");
        var hr = await UsersArrange.UnitIdAsync(this, "KLF-HR");
        await UserInUnitAsync(ForvaltningChef, "Fia Förvaltningschef", fvo, ForvaltningChefRole);
        await UserInUnitAsync(UnitChef, "Olle Enhetschef", ost, UnitChefRole);
        await UserInUnitAsync(Security, "Siv Säkerhet", hr, SecurityRole);
        await UserInUnitAsync(Steering, "Stig Styrgrupp", hr);

        async Task<string> ControlAsync(string title, int unit) =>
            (await WithAsync(async s => await s.GetRequiredService<Kvalitetsportal.Contents.Items.IContentManager>().CreateAsync(
                type, new Kvalitetsportal.Contents.Items.ContentChange(title, unit, new JsonObject { ["beskrivning"] = "Kontrollmoment för " + title }),
                await UsersArrange.UserIdAsync(this, OtherEmployee), publish: true))).ContentItemId;

        var arranged = new Arranged(
            await ControlAsync("Nyckelhantering öster", ost),
            await ControlAsync("Läkemedel väster", vast),
            await ControlAsync("Förvaltningens attest", fvo),
            await ControlAsync("Lönerutiner HR", hr),
            await ControlAsync("Larmkoder öster", ost),
            await ControlAsync("Upphandling väster", vast),
            await ControlAsync("Projektplan HR", hr));
        await MembersAsync((m, t, admin) => m.SetSecrecyAsync(t, arranged.Secret, "OSL 18 kap. 8 §", admin));
        await AddMemberAsync(arranged.Styr, Steering, SteeringRole);
        await AddMemberAsync(arranged.Secret, Steering, SteeringRole);
        await AddMemberAsync(arranged.Jav, ForvaltningChef, ContentMemberRoles.Excluded);
        await AddMemberAsync(arranged.Jav, Security, ContentMemberRoles.Excluded);
        await WaitForIndexAsync();
        return arranged;
    }

    public async Task AddMemberAsync(string item, string email, string role)
    {
        var userId = await UsersArrange.UserIdAsync(this, email);
        await MembersAsync((m, t, admin) => m.AddAsync(t, item, userId, role, admin));
    }

    public async Task RemoveMemberAsync(string item, string email, string role)
    {
        var userId = await UsersArrange.UserIdAsync(this, email);
        await MembersAsync((m, t, admin) => m.RemoveAsync(t, item, userId, role, admin));
    }

    public Task MembersAsync(Func<IContentMembers, ContentTypeDefinition, string, Task> change) =>
        WithAsync(async s =>
        {
            var type = (await s.GetRequiredService<IContentDefinitionStore>().GetAsync(Type))!;
            await change(s.GetRequiredService<IContentMembers>(), type, "admin");
            return true;
        });

    private async Task UserInUnitAsync(string email, string name, int unit, params string[] roles)
    {
        var id = await UsersArrange.CreateUserAsync(this, email, name, roles);
        await WithAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var user = await db.Set<PortalUser>().SingleAsync(u => u.Id == id);
            user.OrganisationUnitId = unit;
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>
    /// As a module would write it: the Förvaltningschef sees controls of their unit and below, the
    /// Enhetschef of their own unit, the security coordinator all, and steering-group members theirs.
    /// </summary>
    private sealed class ControlRule(ReaderUnits units, IContentMembers members) : IContentAccessRule
    {
        public async ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken)
        {
            if (request.Type.Name != Type)
            {
                return clauses;
            }

            var reach = request.Roles.Contains(SecurityRole) ? UnitReach.None
                : request.Roles.Contains(ForvaltningChefRole) ? UnitReach.OwnUnitAndBelow
                : UnitReach.OwnUnit;
            var refined = new List<ContentAccessClause>();
            foreach (var clause in clauses)
            {
                refined.Add(reach == UnitReach.None || clause.OwnerId is not null ? clause : clause with { Units = await units.ExpandAsync(request.User, reach, cancellationToken) });
            }

            var mine = await members.ItemsWithRoleAsync(Type, request.UserId, [SteeringRole], cancellationToken);
            if (mine.Count > 0)
            {
                refined.Add(new ContentAccessClause(Type, Items: mine));
            }

            return refined;
        }
    }
}

/// <summary>
/// ADR 9 and 22: for every rule, the list (page and API), its totals, search hits and facet counts,
/// the export, the API item and the page of one item agree, on SQLite and PostgreSQL.
/// </summary>
public sealed partial class AccessRulesMatrixTests(AccessMatrixPortal portal) : IClassFixture<AccessMatrixPortal>
{
    [Fact]
    public async Task Subtree_a_forvaltning_chef_reaches_the_units_below_but_not_another_forvaltning_nor_jav_nor_a_secret()
    {
        var c = await portal.ControlsAsync();
        await AssertReachesAsync(AccessMatrixPortal.ForvaltningChef, c, c.HemOst, c.HemVast, c.Fvo);
    }

    [Fact]
    public async Task Own_unit_a_unit_chef_reaches_only_their_units_items_and_not_its_secret_one()
    {
        var c = await portal.ControlsAsync();
        await AssertReachesAsync(AccessMatrixPortal.UnitChef, c, c.HemOst);
    }

    [Fact]
    public async Task Secrecy_and_exclusion_the_role_the_type_names_reaches_secrets_but_jav_wins_over_see_all()
    {
        var c = await portal.ControlsAsync();
        await AssertReachesAsync(AccessMatrixPortal.Security, c, c.HemOst, c.HemVast, c.Fvo, c.Hr, c.Secret, c.Styr);
    }

    [Fact]
    public async Task Member_role_a_steering_group_member_reaches_their_items_also_a_secret_one()
    {
        var c = await portal.ControlsAsync();
        await AssertReachesAsync(AccessMatrixPortal.Steering, c, c.Styr, c.Secret);
    }

    [Fact]
    public async Task A_membership_change_is_seen_at_once_in_lists_totals_and_search()
    {
        var c = await portal.ControlsAsync();
        var extra = await portal.WithAsync(async s => (await s.GetRequiredService<Kvalitetsportal.Contents.Items.IContentManager>().CreateAsync(
            (await s.GetRequiredService<IContentDefinitionStore>().GetAsync(AccessMatrixPortal.Type))!,
            new Kvalitetsportal.Contents.Items.ContentChange("Extra kontroll", null, new JsonObject { ["beskrivning"] = "Kontrollmoment extra" }),
            await UsersArrange.UserIdAsync(portal, SearchPortal.OtherEmployee), publish: true)).ContentItemId);
        await portal.WaitForIndexAsync();
        try
        {
            await MembershipChangesAsync(extra);
        }
        finally
        {
            await portal.RemoveAsync(extra); // the other tests count every control
            await portal.WaitForIndexAsync();
        }

        Assert.NotNull(c);
    }

    [Fact]
    public async Task A_secrecy_marking_is_stored_with_its_legal_ground_and_can_be_lifted()
    {
        var c = await portal.ControlsAsync();
        var marking = await portal.WithAsync(s => s.GetRequiredService<IContentMembers>().GetSecrecyAsync(c.Secret));
        Assert.Equal("OSL 18 kap. 8 §", marking?.LegalGround);

        var olle = await portal.SignedInAsync(AccessMatrixPortal.UnitChef);
        await portal.MembersAsync((m, t, admin) => m.SetSecrecyAsync(t, c.Secret, null, admin));
        try
        {
            Assert.Equal(2, await ListTotalAsync(olle));
        }
        finally
        {
            await portal.MembersAsync((m, t, admin) => m.SetSecrecyAsync(t, c.Secret, "OSL 18 kap. 8 §", admin));
        }

        Assert.Equal(1, await ListTotalAsync(olle));

        // Lifting and setting a marking is in the audit log, with its legal ground.
        var events = await portal.WithAsync(async s => await s.GetRequiredService<PortalDbContext>().Set<Kvalitetsportal.AuditTrail.Data.AuditEvent>().AsNoTracking()
            .Where(e => e.SubjectId == c.Secret && e.Action == Kvalitetsportal.Audit.AuditActions.AccessChanged).OrderBy(e => e.Id).ToListAsync());
        Assert.True(events.Count >= 3, $"{events.Count} audit events"); // marked when arranged, lifted, marked again
        Assert.All(events.TakeLast(2), e => Assert.Contains("OSL 18 kap. 8 §", e.Changes, StringComparison.Ordinal));
    }

    private async Task MembershipChangesAsync(string extra)
    {
        var stig = await portal.SignedInAsync(AccessMatrixPortal.Steering);
        Assert.Equal(2, await ListTotalAsync(stig)); // warms the cached total

        await portal.AddMemberAsync(extra, AccessMatrixPortal.Steering, AccessMatrixPortal.SteeringRole);
        await portal.WaitForIndexAsync();
        Assert.Equal(3, await ListTotalAsync(stig));
        Assert.Contains(extra, (await SearchPageReading.SearchAsync(stig, "kontrollmoment")).HitIds);

        await portal.AddMemberAsync(extra, AccessMatrixPortal.Steering, ContentMemberRoles.Excluded);
        Assert.Equal(2, await ListTotalAsync(stig)); // jäv wins over the membership
        Assert.Equal(HttpStatusCode.NotFound, (await stig.GetAsync($"/innehall/{AccessMatrixPortal.Type}/{extra}")).StatusCode);
        await portal.RemoveMemberAsync(extra, AccessMatrixPortal.Steering, ContentMemberRoles.Excluded);
        await portal.RemoveMemberAsync(extra, AccessMatrixPortal.Steering, AccessMatrixPortal.SteeringRole);
        Assert.Equal(2, await ListTotalAsync(stig));
    }

    private async Task AssertReachesAsync(string email, AccessMatrixPortal.Arranged controls, params string[] expected)
    {
        var reader = await portal.SignedInAsync(email);
        var want = expected.Order(StringComparer.Ordinal).ToList();

        // The API list and its total.
        var api = JsonNode.Parse(await (await reader.GetAsync($"/api/content/{AccessMatrixPortal.Type}?storlek=50")).Content.ReadAsStringAsync())!;
        Assert.Equal(want, api["items"]!.AsArray().Select(i => (string)i!["id"]!).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(expected.Length, (int)api["total"]!);

        // The list page's total.
        Assert.Equal(expected.Length, await ListTotalAsync(reader));

        // Search hits, total and the type facet.
        var search = await SearchPageReading.SearchAsync(reader, "kontrollmoment");
        Assert.Equal(want, search.HitIds.Where(controls.All.Contains).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(expected.Length, search.Facets["typ"][AccessMatrixPortal.Type]);

        // The export.
        var csv = Encoding.UTF8.GetString(await (await reader.GetAsync($"/innehall/{AccessMatrixPortal.Type}/export.csv")).Content.ReadAsByteArrayAsync());
        var titles = await portal.WithAsync(async s => await s.GetRequiredService<PortalDbContext>().Set<Kvalitetsportal.Contents.Items.ContentItem>()
            .Where(i => i.Latest && i.ContentType == AccessMatrixPortal.Type).ToDictionaryAsync(i => i.ContentItemId, i => i.DisplayText));
        foreach (var id in controls.All)
        {
            Assert.True(csv.Contains(titles[id], StringComparison.Ordinal) == expected.Contains(id), $"export: {titles[id]}");
        }

        // One item, as a page and through the API.
        foreach (var id in controls.All)
        {
            var status = expected.Contains(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.True(status == (await reader.GetAsync($"/innehall/{AccessMatrixPortal.Type}/{id}")).StatusCode, $"page: {titles[id]}");
            Assert.True(status == (await reader.GetAsync($"/api/content/{AccessMatrixPortal.Type}/{id}")).StatusCode, $"api: {titles[id]}");
        }
    }

    private static async Task<int> ListTotalAsync(PortalClient reader)
    {
        var html = await (await reader.GetAsync($"/innehall/{AccessMatrixPortal.Type}")).Content.ReadAsStringAsync();
        return int.Parse(Total().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("<p role=\"status\">(\\d+) träffar")]
    private static partial Regex Total();
}
