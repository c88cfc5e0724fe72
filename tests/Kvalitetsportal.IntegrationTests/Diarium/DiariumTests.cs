using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Diarium.Numbers;
using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Diarium;

public sealed class DiariumPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };
}

/// <summary>
/// Diarienummer on SQLite and PostgreSQL (KP_TEST_DB): concurrent creates and transitions get
/// 1..n without gaps or duplicates, a rolled-back save gives its number back, the mail of the
/// numbering transition shows it, and Idésluss numbers an idea when it is submitted.
/// </summary>
public sealed partial class DiariumTests(DiariumPortal portal) : IClassFixture<DiariumPortal>
{
    private const int Concurrent = 20;

    private static readonly int ThisYear = ContentDates.Local(DateTime.UtcNow).Year;

    private static string Recipe(string type, string assignOn, string? state = null) => $$$"""
        {
          "name": "Diarium {{{type}}}",
          "steps": [
            { "name": "contentTypes", "types": [ {
              "name": "{{{type}}}", "displayName": "Ärende {{{type}}}", "titleLabel": "Rubrik", "drafts": false, "versioned": false,
              "fields": [ { "name": "beskrivning", "label": "Beskrivning", "kind": "LongText", "order": 1 } ] } ] },
            { "name": "workflows", "workflows": [ {
              "contentType": "{{{type}}}", "displayName": "Registrering", "initialState": "Ny",
              "states": [ { "name": "Ny" }, { "name": "Registrerad", "final": true } ],
              "transitions": [ { "id": "registrera", "from": "Ny", "to": "Registrerad", "label": "Registrera", "roles": [ "Administratör" ],
                "activities": [ { "kind": "sendMail", "label": "Kvittens", "to": { "kind": "Owner" },
                  "subject": "Registrerat: {{ item.diarienummer }}", "body": "Ditt ärende har diarienummer {{ item.diarienummer }}." } ] } ]
            } ] },
            { "name": "diarium", "series": [ { "contentType": "{{{type}}}", "prefix": "KS", "year": true, "digits": 4, "assignOn": "{{{assignOn}}}"{{{(state is null ? "" : $", \"state\": \"{state}\"")}}} } ] }
          ]
        }
        """;

    private async Task RunRecipeAsync(string json, string type)
    {
        await using (var scope = portal.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Kvalitetsportal.Recipes.RecipeExecutor>().ExecuteAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        }

        // The type list is cached; a cache refreshed by another test at the same moment may show the new type a little later.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var scope = portal.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(type) is not null)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private async Task<string> AdminIdAsync()
    {
        await using var scope = portal.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail))!.Id;
    }

    private async Task<string> CreateAsync(string type, string owner, string title)
    {
        await using var scope = portal.CreateScope();
        var definition = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(type))!;
        var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().CreateAsync(definition, new ContentChange(title, null, new JsonObject()), owner, publish: true);
        return item.ContentItemId;
    }

    private async Task<List<DiariumNumber>> NumbersAsync(string type)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<DiariumNumber>().AsNoTracking()
            .Where(n => n.ContentType == type).OrderBy(n => n.Number).ToListAsync();
    }

    [Fact]
    public async Task Concurrent_creates_get_one_to_n_without_gaps_or_duplicates()
    {
        await RunRecipeAsync(Recipe("DiariumSkapas", "created"), "DiariumSkapas");
        var owner = await AdminIdAsync();

        var ids = await Task.WhenAll(Enumerable.Range(1, Concurrent).Select(i => Task.Run(() => CreateAsync("DiariumSkapas", owner, $"Ärende {i}"))));

        var numbers = await NumbersAsync("DiariumSkapas");
        Assert.Equal(Enumerable.Range(1, Concurrent), numbers.Select(n => n.Number));
        Assert.Equal(ids.Order(), numbers.Select(n => n.ContentItemId).Order());
        Assert.All(numbers, n => Assert.Equal(ThisYear, n.Year));
        Assert.Equal($"KS {ThisYear}/0001", numbers[0].Text);
        Assert.Equal($"KS {ThisYear}/0020", numbers[^1].Text);
    }

    [Fact]
    public async Task Concurrent_transitions_get_one_to_n_without_gaps_or_duplicates_and_the_mail_shows_the_number()
    {
        await RunRecipeAsync(Recipe("DiariumArende", "state", "Registrerad"), "DiariumArende");
        var owner = await AdminIdAsync();
        var ids = new List<string>();
        for (var i = 1; i <= Concurrent; i++)
        {
            ids.Add(await CreateAsync("DiariumArende", owner, $"Ärende {i}"));
        }

        Assert.Empty(await NumbersAsync("DiariumArende")); // not yet: the number is given on entering "Registrerad"

        var results = await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            await using var scope = portal.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().TakeAsync(WorkflowActor.System, id, "registrera", null, null);
        })));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        var numbers = await NumbersAsync("DiariumArende");
        Assert.Equal(Enumerable.Range(1, Concurrent), numbers.Select(n => n.Number));
        Assert.Equal(ids.Order(), numbers.Select(n => n.ContentItemId).Order());

        // The transition that gave the number mails it, and a later save never changes it.
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var first = numbers[0];
        var mails = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ContentItemId == first.ContentItemId && m.Kind == OutboxMessage.MailKind).Select(m => m.Payload).ToListAsync();
        Assert.Contains(mails, m => m.Contains($"diarienummer {first.Text}.", StringComparison.Ordinal));
        Assert.Equal(first.Text, await scope.ServiceProvider.GetRequiredService<Diarienummer>().GetAsync(first.ContentItemId));
    }

    [Fact]
    public async Task A_save_that_rolls_back_gives_its_number_back()
    {
        await RunRecipeAsync(Recipe("DiariumAterstall", "created"), "DiariumAterstall");
        var owner = await AdminIdAsync();
        var type = "DiariumAterstall";

        string given;
        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var definition = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(type))!;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().CreateAsync(definition, new ContentChange("Ångras", null, new JsonObject()), owner, publish: true);
            given = (await scope.ServiceProvider.GetRequiredService<Diarienummer>().GetAsync(item.ContentItemId))!;
            await transaction.RollbackAsync();
        }

        Assert.Equal($"KS {ThisYear}/0001", given);
        Assert.Empty(await NumbersAsync(type));

        var next = await CreateAsync(type, owner, "Nästa");
        var numbers = await NumbersAsync(type);
        Assert.Equal(next, Assert.Single(numbers).ContentItemId);
        Assert.Equal(given, numbers[0].Text);
    }

    [Fact]
    public async Task An_administrator_keeps_the_series_in_the_admin_page_and_an_export_has_the_number()
    {
        await RunRecipeAsync(Recipe("DiariumAdmin", "created"), "DiariumAdmin");
        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var page = await admin.GetStringAsync(Kvalitetsportal.Diarium.SeriesAdmin.SeriesAdminController.Path);
        Assert.Contains("Ärende DiariumAdmin", page);
        Assert.Contains($"KS {ThisYear}/0001", page);

        var response = await admin.PostFormAsync(Kvalitetsportal.Diarium.SeriesAdmin.SeriesAdminController.Path, Kvalitetsportal.Diarium.SeriesAdmin.SeriesAdminController.Path, new Dictionary<string, string>
        {
            ["contentType"] = "DiariumAdmin",
            ["assignOn"] = "created",
            ["prefix"] = "BN",
            ["digits"] = "3",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await CreateAsync("DiariumAdmin", await AdminIdAsync(), "Med nytt prefix");
        Assert.Equal("BN 001", Assert.Single(await NumbersAsync("DiariumAdmin")).Text);

        // A state is needed when the number is given on entering one.
        var refused = await admin.PostFormAsync(Kvalitetsportal.Diarium.SeriesAdmin.SeriesAdminController.Path, Kvalitetsportal.Diarium.SeriesAdmin.SeriesAdminController.Path, new Dictionary<string, string>
        {
            ["contentType"] = "DiariumAdmin",
            ["assignOn"] = "state",
            ["digits"] = "4",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var csv = await admin.GetStringAsync("/innehall/DiariumAdmin/export.csv");
        Assert.Contains("Diarienummer", csv);
        Assert.Contains("BN 001", csv);
    }

    [Fact]
    public async Task Idesluss_numbers_an_idea_when_it_is_submitted_and_search_finds_it_by_the_number()
    {
        var employee = PortalClient.Create(portal);
        await employee.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        var html = await employee.GetStringAsync(IdeaUrls.Submit);
        var token = FormToken().Match(html).Groups[1].Value;
        var title = "Diarieförd idé " + Guid.NewGuid().ToString("N")[..6];
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "FormToken" },
            { new StringContent(title), "Title" },
            { new StringContent("Köerna är långa."), "f.problem" },
            { new StringContent("Invånare"), "f.forWhom" },
            { new StringContent("Återuppringning."), "f.solution" },
            { new StringContent("Kortare väntan."), "f.benefit" },
            { new StringContent("Bemötande och service"), "f.area" },
        };
        var response = await employee.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var receipt = await employee.GetStringAsync(response.Headers.Location!.ToString());
        var number = NumberOnPage().Match(receipt);
        Assert.True(number.Success, "The receipt shows no diarienummer.");
        Assert.StartsWith($"IDÉ {ThisYear}/", number.Groups[1].Value);
        var id = response.Headers.Location!.ToString().Split('/')[2];
        Assert.Contains(number.Groups[1].Value, await employee.GetStringAsync(IdeaUrls.Detail(id)));

        await portal.Services.GetRequiredService<SearchIndexer>().WaitForCatchUpAsync(TimeSpan.FromSeconds(30));
        var coordinator = PortalClient.Create(portal);
        await coordinator.SignInOrFailAsync("sara.samordnare@kvalitetsportal.local", PortalFactory.SamplePassword);
        var hits = await coordinator.GetStringAsync("/sok?q=" + Uri.EscapeDataString(number.Groups[1].Value));
        Assert.Contains($"data-id=\"{id}\"", hits); // the title is shown with the matched words marked
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<span id=\"diarienummer\">([^<]+)</span>")]
    private static partial Regex NumberOnPage();
}
