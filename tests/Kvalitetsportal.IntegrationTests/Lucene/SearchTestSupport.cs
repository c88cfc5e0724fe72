using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Lucene;

/// <summary>
/// A portal for search tests: two content types, four kinds of reader, and an item-level rule like
/// the prize jury's ("jury members see only the applications assigned to the jury").
/// </summary>
public class SearchPortal : PortalFactory
{
    public const string IdeaType = "Ide";
    public const string ApplicationType = "Ansokan";
    public const string CoordinatorEmail = "samordnare@kvalitetsportal.local";
    public const string JurorEmail = "jury@kvalitetsportal.local";
    public const string NobodyEmail = "ingen.roll@kvalitetsportal.local";
    public const string OtherEmployee = "berit.medarbetare@kvalitetsportal.local";
    public const string JuryRole = "Jurymedlem";

    /// <summary>Written into a field of kind User: it must never be findable or shown.</summary>
    public const string HiddenIdeaGiver = "hemligidegivarensnamn";

    /// <summary>A fresh data folder and database.</summary>
    public SearchPortal()
    {
    }

    private SearchPortal(SearchPortal previous)
        : base(previous.DataFolder, previous.PostgresDatabase)
    {
    }

    /// <summary>The same portal again (same data folder, index and database), as after a restart.</summary>
    public SearchPortal Restart() => new(this);

    /// <summary>Search:CommitSeconds, when a test needs the durable commit to wait (default: the portal's).</summary>
    public double? CommitSeconds { get; init; }

    protected override IDictionary<string, string?> ExtraSettings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Users:SignInAttemptsPerMinute"] = "1000",
                ["Search:PollMilliseconds"] = "200",
            };
            if (CommitSeconds is { } seconds)
            {
                settings["Search:CommitSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<IContentAccessRule, JuryRule>());
    }

    public static ContentTypeDefinition Idea() => new()
    {
        Name = IdeaType,
        DisplayName = "Idé",
        TitleLabel = "Rubrik",
        Drafts = true,
        Fields =
        [
            new() { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.LongText, Searchable = true, Order = 1 },
            new() { Name = "kategori", Label = "Kategori", Kind = FieldKind.Choice, Choices = ["Miljö", "Service"], Searchable = true, Order = 2 },
            new() { Name = "idegivare", Label = "Idégivare", Kind = FieldKind.User, Searchable = true, Order = 3 },
            new() { Name = "intern", Label = "Intern anteckning", Kind = FieldKind.LongText, Searchable = false, Order = 4 },
        ],
    };

    public static ContentTypeDefinition Application() => new()
    {
        Name = ApplicationType,
        DisplayName = "Ansökan",
        Drafts = false,
        Fields = [new() { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.LongText, Searchable = true, Order = 1 }],
    };

    private readonly SemaphoreSlim _arrange = new(1, 1);
    private bool _arranged;

    /// <summary>Types, grants and users, once per portal (several nodes share the first's).</summary>
    public async Task ArrangeAsync()
    {
        await _arrange.WaitAsync();
        try
        {
            if (_arranged)
            {
                return;
            }

            await using (var scope = CreateScope())
            {
                var store = scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>();
                Assert.Empty(await store.SaveAsync(Idea()));
                Assert.Empty(await store.SaveAsync(Application()));
                await store.GetAllAsync();
                var permissions = scope.ServiceProvider.GetRequiredService<IPermissionService>();
                await permissions.SetGrantsAsync("Medarbetare", [
                    ContentPermissions.Name(IdeaType, ContentAction.Create), ContentPermissions.Name(IdeaType, ContentAction.ViewOwn), ContentPermissions.Name(IdeaType, ContentAction.EditOwn),
                    ContentPermissions.Name(ApplicationType, ContentAction.Create), ContentPermissions.Name(ApplicationType, ContentAction.ViewOwn)]);
                await permissions.SetGrantsAsync("Idésluss-samordnare", [ContentPermissions.Name(IdeaType, ContentAction.ViewAll)]);
                await permissions.SetGrantsAsync(JuryRole, [ContentPermissions.Name(ApplicationType, ContentAction.ViewAll)]);
            }

            await UsersArrange.CreateUserAsync(this, OtherEmployee, "Berit Bengtsson", "Medarbetare");
            await UsersArrange.CreateUserAsync(this, CoordinatorEmail, "Sara Samordnare", "Idésluss-samordnare");
            await UsersArrange.CreateUserAsync(this, JurorEmail, "Jonas Jury", JuryRole);
            await UsersArrange.CreateUserAsync(this, NobodyEmail, "Ingrid Ingenroll");
            _arranged = true;
        }
        finally
        {
            _arrange.Release();
        }
    }

    public async Task<ContentItem> CreateAsync(string type, string ownerEmail, string title, string text, bool publish = true, string? category = null, int? unitId = null)
    {
        var ownerId = await UsersArrange.UserIdAsync(this, ownerEmail);
        await using var scope = CreateScope();
        var definition = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(type))!;
        var data = new JsonObject { ["beskrivning"] = text };
        if (type == IdeaType)
        {
            data["idegivare"] = HiddenIdeaGiver;
            data["intern"] = "ointressantanteckning";
            if (category is not null)
            {
                data["kategori"] = category;
            }
        }

        return await scope.ServiceProvider.GetRequiredService<IContentManager>().CreateAsync(definition, new ContentChange(title, unitId, data), ownerId, publish);
    }

    public async Task<ContentItem> UpdateAsync(string contentItemId, string title, string text, bool publish = true)
    {
        await using var scope = CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var latest = (await manager.GetLatestAsync(contentItemId))!;
        var definition = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(latest.ContentType))!;
        var data = latest.GetData();
        data["beskrivning"] = text;
        return await manager.UpdateAsync(definition, contentItemId, latest.Revision, new ContentChange(title, latest.OrganisationUnitId, data), latest.OwnerId, publish);
    }

    public async Task RemoveAsync(string contentItemId)
    {
        await using var scope = CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var latest = (await manager.GetLatestAsync(contentItemId))!;
        var definition = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(latest.ContentType))!;
        await manager.RemoveAsync(definition, contentItemId, latest.OwnerId);
    }

    /// <summary>What a workflow transition does: moves the item and says who holds it, in one save with its log entry.</summary>
    public async Task TransitionAsync(string contentItemId, string? state, string? assignedTo)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var latest = await db.Set<ContentItem>().SingleAsync(i => i.ContentItemId == contentItemId && i.Latest);
        latest.WorkflowState = state;
        latest.AssignedTo = assignedTo;
        latest.Revision++;
        db.Add(new IndexingTask { ContentItemId = contentItemId, Kind = IndexingTask.Update, CreatedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public Task WaitForIndexAsync() => Services.GetRequiredService<SearchIndexer>().WaitForCatchUpAsync(TimeSpan.FromSeconds(30));

    public IReadOnlyDictionary<string, string> IndexSnapshot() => Services.GetRequiredService<SearchIndex>().Snapshot();

    public Task<PortalClient> SignedInAsync(string email, string? password = null) => Contents.ContentsArrange.SignedInAsync(this, email, password ?? (email == EmployeeEmail ? SamplePassword : UsersArrange.Password));
}

/// <summary>Jury members see an application only while it is assigned to the jury or to them (as a workflow would rule).</summary>
public sealed class JuryRule : IContentAccessRule
{
    public ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ContentAccessClause>>(
            request.Type.Name == SearchPortal.ApplicationType && request.Roles.Contains(SearchPortal.JuryRole)
                ? [.. clauses.Select(c => c.OwnerId is null ? c with { AssignedTo = new HashSet<string> { Assignee.Role(SearchPortal.JuryRole), Assignee.User(request.UserId) } } : c)]
                : clauses);
}

/// <summary>Reads what the results page shows, through the data attributes it writes for tests and scripts.</summary>
public sealed partial class SearchPageReading(string html)
{
    public string Html { get; } = html;

    public int Total => int.Parse(Total_().Match(Html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<string> HitIds => [.. Hit().Matches(Html).Select(m => m.Groups[1].Value)];

    /// <summary>facet → value → count, as shown.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, int>> Facets =>
        FacetValue().Matches(Html)
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.ToDictionary(m => WebUtility.HtmlDecode(m.Groups[2].Value), m => int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));

    public static async Task<SearchPageReading> SearchAsync(PortalClient client, string query)
    {
        var response = await client.GetAsync("/sok?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new SearchPageReading(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("data-total=\"(\\d+)\"")]
    private static partial Regex Total_();

    [GeneratedRegex("class=\"hit\" data-id=\"([0-9a-f]{32})\"")]
    private static partial Regex Hit();

    [GeneratedRegex("data-facet=\"([a-z]+)\" data-value=\"([^\"]*)\" data-count=\"(\\d+)\"")]
    private static partial Regex FacetValue();
}
