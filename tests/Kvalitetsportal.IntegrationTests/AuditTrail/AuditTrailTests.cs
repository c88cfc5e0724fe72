using System.Net;
using System.Text.Json.Nodes;
using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.AuditTrail.Recording;
using Kvalitetsportal.AuditTrail.Retention;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.IntegrationTests.AuditTrail;

public sealed class AuditTrailTests(UsersPortal portal) : IClassFixture<UsersPortal>
{
    private const string Log = "/admin/granskningslogg";
    private static readonly string[] ReadOnlyMethods = ["GET", "HEAD"];

    private async Task<PortalClient> AdminAsync()
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return client;
    }

    private async Task<List<AuditEvent>> EventsAsync(string subjectId)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.SubjectId == subjectId).OrderBy(e => e.Id).ToListAsync();
    }

    private static AuditChange Change(AuditEvent e, string field) =>
        AuditJson.Read(e.Changes).SingleOrDefault(c => c.Field == field) ?? throw new Xunit.Sdk.XunitException($"Ingen ändring av {field} i {e.Changes}");

    private async Task<ContentTypeDefinition> ArrangeTypeAsync(string name)
    {
        var type = new ContentTypeDefinition
        {
            Name = name,
            DisplayName = "Granskningsprov " + name,
            TitleLabel = "Rubrik",
            Fields =
            [
                new ContentFieldDefinition { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.LongText, Order = 1 },
                new ContentFieldDefinition { Name = "antal", Label = "Antal deltagare", Kind = FieldKind.Number, Order = 2 },
                new ContentFieldDefinition { Name = "klar", Label = "Klar", Kind = FieldKind.YesNo, Order = 3 },
            ],
        };
        await using var scope = portal.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(type));
        return type;
    }

    [Fact]
    public async Task Creating_and_updating_content_records_events_with_a_field_level_diff()
    {
        var type = await ArrangeTypeAsync("Granskningsprov");
        var adminId = await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail);
        ContentItem created;
        await using (var scope = portal.CreateScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<IContentManager>();
            created = await content.CreateAsync(type, new ContentChange("Första titeln", null, new JsonObject
            {
                ["beskrivning"] = "Ett prov",
                ["antal"] = 3m,
                ["klar"] = false,
            }), adminId, publish: false);
        }

        await using (var scope = portal.CreateScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<IContentManager>();
            await content.UpdateAsync(type, created.ContentItemId, created.Revision, new ContentChange("Andra titeln", null, new JsonObject
            {
                ["beskrivning"] = "Ett prov",
                ["antal"] = 1234.5m,
                ["klar"] = true,
            }), adminId, publish: true);
        }

        var events = await EventsAsync(created.ContentItemId);
        Assert.Equal([AuditActions.Created, AuditActions.Updated, AuditActions.Published], events.Select(e => e.Action));
        Assert.All(events, e =>
        {
            Assert.Equal(AuditCategories.Content, e.Category);
            Assert.Equal("Granskningsprov", e.SubjectType);
            Assert.Equal(adminId, e.ActorId);
            Assert.True((DateTime.UtcNow - e.OccurredUtc).Duration() < TimeSpan.FromMinutes(5), "OccurredUtc är i UTC");
        });

        var create = events[0];
        Assert.Equal("Första titeln", create.SubjectTitle);
        Assert.Equal(new AuditChange("title", "Rubrik", null, "Första titeln"), Change(create, "title"));
        Assert.Equal(new AuditChange("antal", "Antal deltagare", null, "3"), Change(create, "antal"));
        Assert.Equal(new AuditChange("klar", "Klar", null, "Nej"), Change(create, "klar"));

        var update = events[1];
        Assert.Equal("Andra titeln", update.SubjectTitle);
        var changes = AuditJson.Read(update.Changes);
        Assert.Equal(["title", "antal", "klar"], changes.Select(c => c.Field));
        Assert.Equal(new AuditChange("title", "Rubrik", "Första titeln", "Andra titeln"), changes[0]);
        Assert.Equal(new AuditChange("antal", "Antal deltagare", "3", 1234.5m.ToString("#,##0.##", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))), changes[1]);
        Assert.Equal(new AuditChange("klar", "Klar", "Nej", "Ja"), changes[2]);
        Assert.DoesNotContain(changes, c => c.Field == "beskrivning");
        Assert.Equal(events[1].CorrelationId, events[2].CorrelationId);
    }

    [Fact]
    public async Task Changing_a_roles_grants_on_the_role_page_records_what_was_added_and_removed()
    {
        var roleId = await UsersArrange.CreateRoleAsync(portal, "Granskningsroll", "AccessAdmin");
        var admin = await AdminAsync();
        var edit = $"/admin/roller/{roleId}";
        var saved = await admin.PostFieldsAsync(edit, edit, [("Description", "Prövar loggen."), ("Permissions", "ManageUsers")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var events = (await EventsAsync("Granskningsroll")).Where(e => e.Action == AuditActions.PermissionsChanged).ToList();
        Assert.Equal(2, events.Count);
        Assert.Null(events[0].ActorId); // arranged outside a request: the system
        var change = events[1];
        Assert.Equal(AuditCategories.Permissions, change.Category);
        Assert.Equal(AuditSubjectTypes.Role, change.SubjectType);
        Assert.Equal(await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail), change.ActorId);
        Assert.Equal(new AuditChange("added", "Tillagda behörigheter", null, "Hantera användare (ManageUsers)"), Change(change, "added"));
        Assert.Equal(new AuditChange("removed", "Borttagna behörigheter", "Öppna administrationen (AccessAdmin)", null), Change(change, "removed"));
        Assert.False(string.IsNullOrEmpty(change.CorrelationId));

        // Saving again without a change records nothing new.
        await admin.PostFieldsAsync(edit, edit, [("Description", "Prövar loggen."), ("Permissions", "ManageUsers")]);
        Assert.Equal(2, (await EventsAsync("Granskningsroll")).Count(e => e.Action == AuditActions.PermissionsChanged));
    }

    [Fact]
    public async Task A_grant_change_that_is_rolled_back_leaves_no_event()
    {
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await scope.ServiceProvider.GetRequiredService<IPermissionService>().SetGrantsAsync("Ångrad roll", ["AccessAdmin"]);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await EventsAsync("Ångrad roll"));
    }

    [Fact]
    public async Task Disabling_and_enabling_a_feature_is_recorded()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/funktioner", "/admin/funktioner/Organisation.Import/stang-av", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/funktioner", "/admin/funktioner/Organisation.Import/aktivera", [])).StatusCode);

        var adminId = await UsersArrange.UserIdAsync(portal, PortalFactory.AdminEmail);
        var events = (await EventsAsync("Organisation.Import")).Where(e => e.ActorId == adminId).ToList();
        Assert.Equal([AuditActions.FeatureDisabled, AuditActions.FeatureEnabled], events.Select(e => e.Action).TakeLast(2));
        Assert.All(events, e =>
        {
            Assert.Equal(AuditCategories.Features, e.Category);
            Assert.Equal(AuditSubjectTypes.Feature, e.SubjectType);
            Assert.Equal("Import av organisation", e.SubjectTitle);
        });

        var html = await admin.GetStringAsync(Log + "?kategori=Funktioner&objekt=Organisation.Import");
        Assert.Contains("Funktioner: Funktion avstängd", html);
        Assert.Contains("Funktioner: Funktion aktiverad", html);
    }

    [Fact]
    public async Task Creating_and_locking_a_user_is_recorded_without_the_password()
    {
        var admin = await AdminAsync();
        const string email = "granskad.kollega@kvalitetsportal.local";
        const string password = "Hemligt-Lösen-2026";
        var unit = (await UsersArrange.UnitIdAsync(portal, "KLF-HR")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await admin.PostFieldsAsync("/admin/anvandare/ny", "/admin/anvandare/ny",
            [("Email", email), ("DisplayName", "Greta Granskad"), ("Password", password), ("OrganisationUnitId", unit), ("Roles", "Medarbetare")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var userId = await UsersArrange.UserIdAsync(portal, email);

        var edit = $"/admin/anvandare/{userId}";
        var locked = await admin.PostFieldsAsync(edit, edit,
            [("Email", email), ("DisplayName", "Greta Granskad"), ("OrganisationUnitId", unit), ("Roles", "Medarbetare"), ("Roles", "Chef"), ("Locked", "true"), ("Password", "Annat-Lösen-2026")]);
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        var events = await EventsAsync(userId);
        Assert.Equal([AuditActions.Created, AuditActions.Updated, AuditActions.RolesChanged, AuditActions.Locked], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(AuditCategories.Users, e.Category));
        Assert.Equal(email, Change(events[0], "email").After);
        Assert.Equal("Medarbetare", Change(events[0], "roles").After);
        Assert.Equal(new AuditChange("roles", "Roller", "Medarbetare", "Chef, Medarbetare"), Change(events[2], "roles"));
        Assert.Equal("Chef", Change(events[2], "added").After);
        Assert.All(events, e =>
        {
            Assert.DoesNotContain(password, e.Changes, StringComparison.Ordinal);
            Assert.DoesNotContain("Annat-Lösen-2026", e.Changes, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_log_lists_newest_first_and_filters()
    {
        var type = await ArrangeTypeAsync("Loggfilterprov");
        var managerId = await UsersArrange.UserIdAsync(portal, PortalFactory.ManagerEmail);
        await using (var scope = portal.CreateScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<IContentManager>();
            await content.CreateAsync(type, new ContentChange("Filtrerbar idé om Åkerö", null, new JsonObject { ["antal"] = 7m }), managerId, publish: false);
        }

        var admin = await AdminAsync();
        // The log shows an item's title only to who may open it; a just-created type's permissions may
        // reach the cached permission list a moment later (seen on PostgreSQL), so wait for it.
        var all = await admin.GetStringAsync(Log);
        for (var i = 0; i < 20 && !all.Contains("Filtrerbar idé om Åkerö", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
            all = await admin.GetStringAsync(Log);
        }

        Assert.Contains("<h1>Granskningslogg</h1>", all);
        Assert.Contains("(10 år)", all);
        Assert.Contains("Filtrerbar idé om Åkerö", all);
        Assert.Contains("Granskningsprov Loggfilterprov", all); // the type's display name
        Assert.Contains("<dt>Antal deltagare</dt>", all);
        Assert.Contains("<ins>7</ins>", all);
        Assert.Contains("<td>Karl Karlsson</td>", all); // who: the manager's display name, not an id
        Assert.DoesNotMatch("<form(?=[^>]*method=\"post\")(?=[^>]*granskningslogg)", all); // nothing to post to the log

        var bySubject = await admin.GetStringAsync(Log + "?objekt=" + Uri.EscapeDataString("åkerö"));
        Assert.Contains("Filtrerbar idé om Åkerö", bySubject);
        Assert.DoesNotContain("Funktioner:", bySubject);

        var byUser = await admin.GetStringAsync(Log + "?anvandare=" + Uri.EscapeDataString(PortalFactory.ManagerEmail));
        Assert.Contains("Filtrerbar idé om Åkerö", byUser);
        Assert.DoesNotContain("Behörigheter:", byUser);

        var byOtherUser = await admin.GetStringAsync(Log + "?anvandare=" + Uri.EscapeDataString(PortalFactory.AdminEmail) + "&objekt=Filtrerbar");
        Assert.Contains("Inga händelser matchar filtret.", byOtherUser);

        var unknown = await admin.GetStringAsync(Log + "?anvandare=ingen%40example.org");
        Assert.Contains("Ingen användare har e-postadressen ingen@example.org.", unknown);
        Assert.Contains("Inga händelser matchar filtret.", unknown);

        var byCategory = await admin.GetStringAsync(Log + "?kategori=Beh%C3%B6righeter");
        Assert.DoesNotContain("Filtrerbar idé om Åkerö", byCategory);
        var byAction = await admin.GetStringAsync(Log + "?handelse=Created&objekt=Filtrerbar");
        Assert.Contains("Innehåll: Skapad", byAction);
        Assert.Contains("Inga händelser matchar filtret.", await admin.GetStringAsync(Log + "?handelse=Removed&objekt=Filtrerbar"));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")));
        Assert.Contains("Filtrerbar idé om Åkerö", await admin.GetStringAsync($"{Log}?fran={today.AddDays(-1):yyyy-MM-dd}&till={today:yyyy-MM-dd}&objekt=Filtrerbar"));
        Assert.Contains("Inga händelser matchar filtret.", await admin.GetStringAsync($"{Log}?fran={today.AddDays(1):yyyy-MM-dd}&objekt=Filtrerbar"));
        Assert.Contains("Inga händelser matchar filtret.", await admin.GetStringAsync($"{Log}?till={today.AddDays(-1):yyyy-MM-dd}&objekt=Filtrerbar"));
        Assert.Contains("Skriv datumet som år-månad-dag", await admin.GetStringAsync($"{Log}?fran=igår"));

        // Newest first: the feature events of another test, or this content, whichever came last, leads.
        var newest = await admin.GetStringAsync(Log + "?objekt=Filtrerbar");
        Assert.True(newest.IndexOf("Innehåll: Skapad", StringComparison.Ordinal) > 0);
    }

    [Fact]
    public async Task Pages_hold_fifty_events_newest_first()
    {
        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var start = DateTime.UtcNow.AddHours(-2);
            for (var i = 1; i <= 55; i++)
            {
                db.Add(new AuditEvent
                {
                    OccurredUtc = start.AddMinutes(i),
                    Category = AuditCategories.Content,
                    Action = AuditActions.Updated,
                    SubjectType = "Sidprov",
                    SubjectId = "sidprov",
                    SubjectTitle = $"Sidprov nummer {i:00}",
                    NormalizedSubjectTitle = $"sidprov nummer {i:00}",
                });
            }

            await db.SaveChangesAsync();
        }

        var admin = await AdminAsync();
        var first = await admin.GetStringAsync(Log + "?objekt=sidprov");
        Assert.Contains("Visar 1–50 av 55 händelser", first);
        Assert.True(first.IndexOf("Sidprov nummer 55", StringComparison.Ordinal) < first.IndexOf("Sidprov nummer 54", StringComparison.Ordinal));
        Assert.DoesNotContain("Sidprov nummer 05<", first);
        Assert.Contains("Sidprov nummer 06", first);
        var second = await admin.GetStringAsync(Log + "?objekt=sidprov&sida=2");
        Assert.Contains("Sidprov nummer 05", second);
        Assert.Contains("Sidprov nummer 01", second);
        Assert.DoesNotContain("Sidprov nummer 06", second);
    }

    [Fact]
    public async Task Employees_are_refused_the_log()
    {
        var employee = PortalClient.Create(portal);
        await employee.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        Assert.True((await employee.GetAsync(Log)).IsForbidden());
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(portal).GetAsync(Log)).StatusCode);
    }

    [Fact]
    public void The_log_has_no_endpoint_that_changes_or_deletes_events()
    {
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(Log, StringComparison.OrdinalIgnoreCase)
                || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor>()?.ControllerTypeInfo.Assembly == typeof(AuditTrailStartup).Assembly)
            .ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e =>
        {
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            Assert.NotNull(methods); // an endpoint without a method would accept POST
            Assert.All(methods, m => Assert.Contains(m, ReadOnlyMethods));
        });
    }

    [Fact]
    public async Task Retention_deletes_only_events_older_than_the_setting()
    {
        // The real "now" (a fixed clock at it): a later one would also expire the other tests' events.
        var now = DateTime.UtcNow;
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        foreach (var (id, age) in new[] { ("retention-gammal", 31), ("retention-grans", 29), ("retention-ny", 1) })
        {
            db.Add(new AuditEvent
            {
                OccurredUtc = now.AddDays(-age),
                Category = AuditCategories.Features,
                Action = AuditActions.FeatureEnabled,
                SubjectType = AuditSubjectTypes.Feature,
                SubjectId = id,
            });
        }

        await db.SaveChangesAsync();

        var disabled = new AuditRetention(db, Options.Create(new AuditTrailOptions { RetentionDays = 0 }), new FixedClock(now), NullLogger<AuditRetention>.Instance);
        Assert.Equal(0, await disabled.DeleteExpiredAsync());

        var retention = new AuditRetention(db, Options.Create(new AuditTrailOptions { RetentionDays = 30 }), new FixedClock(now), NullLogger<AuditRetention>.Instance);
        Assert.Equal(1, await retention.DeleteExpiredAsync());
        Assert.Empty(await EventsAsync("retention-gammal"));
        Assert.Single(await EventsAsync("retention-grans"));
        Assert.Single(await EventsAsync("retention-ny"));
        Assert.Equal(0, await retention.DeleteExpiredAsync());

        // The default keeps ten years: events recorded by the other tests survive a run.
        var defaults = scope.ServiceProvider.GetRequiredService<AuditRetention>();
        Assert.Equal(0, await defaults.DeleteExpiredAsync());
        Assert.Equal(3650, scope.ServiceProvider.GetRequiredService<IOptions<AuditTrailOptions>>().Value.RetentionDays);
    }

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow);
    }
}
