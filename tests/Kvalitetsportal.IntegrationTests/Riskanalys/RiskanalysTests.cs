using System.Net;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Riskanalys;
using Kvalitetsportal.Riskanalys.Data;
using Kvalitetsportal.Riskanalys.Risks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Riskanalys.RiskArrange;

namespace Kvalitetsportal.IntegrationTests.Riskanalys;

/// <summary>The shared risk register over HTTP on the shipped recipe: valuation on the 4 × 4 matrix, bad input, history, treatment and who reaches a risk.</summary>
public sealed class RiskanalysTests(RiskPortal portal) : IClassFixture<RiskPortal>
{
    [Fact]
    public async Task The_recipe_ships_the_Risk_type_with_the_four_goals_and_a_4x4_matrix()
    {
        await using var scope = portal.CreateScope();
        var type = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(RiskTypes.Risk);
        Assert.NotNull(type);
        Assert.Equal("Risk", type.DisplayName);
        foreach (var field in new[] { RiskTypes.Cause, RiskTypes.Consequence, RiskTypes.Category, RiskTypes.Goal, RiskTypes.Owner, RiskTypes.Unit, RiskTypes.Item })
        {
            Assert.NotNull(type.Field(field));
        }

        Assert.Equal(FieldKind.ContentReference, type.Field(RiskTypes.Item)!.Kind);
        Assert.Null(type.Field(RiskTypes.Item)!.ReferencedType); // any type
        Assert.Equal(4, type.Field(RiskTypes.Goal)!.Choices.Count);
        Assert.Contains("Förtroendet för kommunen upprätthålls", type.Field(RiskTypes.Goal)!.Choices);

        var matrix = await scope.ServiceProvider.GetRequiredService<IRiskRegister>().MatrixAsync();
        Assert.Equal(4, matrix.ProbabilityLevels);
        Assert.Equal(4, matrix.ConsequenceLevels);
        Assert.Equal("Mycket hög risk", matrix.BandOf(4, 4)!.Name);
        Assert.Equal("Låg risk", matrix.BandOf(1, 1)!.Name);
    }

    [Fact]
    public async Task A_chef_adds_and_values_a_risk_and_the_heat_map_its_table_and_the_history_agree()
    {
        var item = await ItemAsync(portal, "Upphandling av nytt verksamhetssystem");
        var karl = await SignedInAsync(portal, RiskPortal.Karl);
        var risk = await AddAsync(portal, karl, item, "Leverantören levererar inte i tid");

        Assert.Equal(HttpStatusCode.Redirect, (await ValueAsync(karl, risk, "Brutto", "3", "4", RiskUrls.Risk(risk))).StatusCode);
        var page = await karl.GetStringAsync(RiskUrls.Risk(risk));
        Assert.Contains("Sannolikhet 3 (Möjlig) × konsekvens 4 (Allvarlig) = 12, Mycket hög risk", page);

        // The item's risk list: the cell (3, 4) holds one risk in the grid and in the table beside it.
        var list = await karl.GetStringAsync(RiskUrls.ForItem(item));
        var (grid, table) = HeatMap(list, $"risker-{item}-brutto");
        Assert.Equal([(3, 4, 1)], grid);
        Assert.Equal(grid, table);
        Assert.Contains("Leverantören levererar inte i tid", list);

        // A re-valuation moves it and is kept in the history (from → to), then the residual risk after treatment.
        await ValueAsync(karl, risk, "Brutto", "2", "4", RiskUrls.Risk(risk));
        var treated = await karl.PostFormAsync(RiskUrls.Risk(risk), RiskUrls.Treatment(risk), new()
        {
            ["Treatment"] = "Kontroll",
            ["Description"] = "Avstämning med leverantören varje månad.",
            ["Cost"] = "Låg",
            ["Complexity"] = "Hög",
        });
        Assert.Equal(HttpStatusCode.Redirect, treated.StatusCode);
        await ValueAsync(karl, risk, "Netto", "1", "4", RiskUrls.Risk(risk));

        await using (var scope = portal.CreateScope())
        {
            var history = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<RiskValuationChange>()
                .Where(c => c.RiskId == risk).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(3, history.Count);
            Assert.Equal((null, null, 3, 4), (history[0].FromProbability, history[0].FromConsequence, history[0].ToProbability, history[0].ToConsequence));
            Assert.Equal((3, 4, 2, 4), (history[1].FromProbability!.Value, history[1].FromConsequence!.Value, history[1].ToProbability, history[1].ToConsequence));
            Assert.Equal(ValuationKind.Residual, history[2].Kind);
            Assert.All(history, c => Assert.Equal(history[0].ByUserId, c.ByUserId));
        }

        page = await karl.GetStringAsync(RiskUrls.Risk(risk));
        Assert.Contains("3 × 4 = 12", page); // the history's "from"
        Assert.Contains("Sannolikhet 1 (Osannolik) × konsekvens 4 (Allvarlig) = 4, Måttlig risk", page);
        list = await karl.GetStringAsync(RiskUrls.ForItem(item));
        Assert.Equal([(2, 4, 1)], HeatMap(list, $"risker-{item}-brutto").Grid);
        var residual = HeatMap(list, $"risker-{item}-netto");
        Assert.Equal([(1, 4, 1)], residual.Grid);
        Assert.Equal(residual.Grid, residual.Table);

        // The register shows it with the same numbers, and filters by goal and unit subtree.
        var register = await karl.GetStringAsync(RiskUrls.Register + "?mal=" + Uri.EscapeDataString("Förtroendet för kommunen upprätthålls") + "&enhet=" + await UnitAsync(portal, "FVO"));
        Assert.Contains("Leverantören levererar inte i tid", register);
        var other = await karl.GetStringAsync(RiskUrls.Register + "?mal=" + Uri.EscapeDataString("En tillförlitlig finansiell rapportering och information om verksamheten"));
        Assert.DoesNotContain("Leverantören levererar inte i tid", other);
    }

    [Fact]
    public async Task A_probability_outside_the_scale_is_refused_in_Swedish_with_what_was_typed_kept_and_nothing_saved()
    {
        var item = await ItemAsync(portal, "Internkontrollplan hemtjänsten");
        var karl = await SignedInAsync(portal, RiskPortal.Karl);
        var risk = await AddAsync(portal, karl, item, "Delegeringar saknas");

        var response = await ValueAsync(karl, risk, "Brutto", "7", "2", RiskUrls.Risk(risk));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sannolikhet ska vara ett heltal från 1 till 4 på riskmatrisen. Du angav &quot;7&quot;.", html);
        Assert.Contains("id=\"Brutto_Probability\" name=\"probability\" value=\"7\"", html);
        Assert.Contains("href=\"#Brutto_Probability\"", html); // the error summary links to the field

        response = await ValueAsync(karl, risk, "Netto", "två", "9", RiskUrls.Risk(risk));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Du angav &quot;två&quot;.", html);
        Assert.Contains("Konsekvens ska vara ett heltal från 1 till 4 på riskmatrisen. Du angav &quot;9&quot;.", html);

        // Accepting a risk needs the date it is accepted until.
        response = await karl.PostFormAsync(RiskUrls.Risk(risk), RiskUrls.Treatment(risk), new() { ["Treatment"] = "Acceptera", ["Description"] = "Vi lever med det." });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        html = await response.Content.ReadAsStringAsync();
        Assert.Contains("En accepterad risk behöver ett datum", html);
        Assert.Contains("Vi lever med det.", html);

        // A risk without cause and goal: errors, the title kept.
        response = await PostAddAsync(portal, karl, item, new() { ["Title"] = "Halvfärdig risk", ["UnitId"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        html = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Halvfärdig risk\"", html);
        Assert.Contains("Orsak måste fyllas i.", html);
        Assert.Contains("Välj den enhet som risken hör till.", html);

        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(0, await db.Set<RiskValuationChange>().CountAsync(c => c.RiskId == risk));
        Assert.Null((await db.Set<RiskRecord>().SingleAsync(r => r.RiskId == risk)).GrossProbability);
        Assert.Single(await scope.ServiceProvider.GetRequiredService<IRiskRegister>().ForItemAsync(await PrincipalAsync(scope.ServiceProvider, RiskPortal.Lars), item));
    }

    [Fact]
    public async Task Another_units_chef_cannot_read_or_change_a_risk_by_url_api_register_or_search()
    {
        var item = await ItemAsync(portal, "Gemensam upphandling av larm");
        var karl = await SignedInAsync(portal, RiskPortal.Karl);
        var word = "Larmkedja" + Guid.NewGuid().ToString("N")[..8];
        var risk = await AddAsync(portal, karl, item, $"{word} bryts vid strömavbrott", category: "Säkerhet");
        await ValueAsync(karl, risk, "Brutto", "2", "3", RiskUrls.Risk(risk));

        var bo = await SignedInAsync(portal, RiskPortal.Bo);
        Assert.Equal(HttpStatusCode.NotFound, (await bo.GetAsync(RiskUrls.Risk(risk))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bo.GetAsync($"/api/content/Risk/{risk}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ValueAsync(bo, risk, "Brutto", "1", "1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bo.PostFormAsync(RiskUrls.Register, RiskUrls.Treatment(risk), new() { ["Treatment"] = "Acceptera", ["AcceptedUntil"] = "2030-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bo.PostFormAsync(RiskUrls.Register, RiskUrls.Secrecy(risk), new() { ["legalGround"] = "", ["lift"] = "true" })).StatusCode);

        // He sees the item (a prize round is open to every chef) but not the other unit's risk on it, nor in the register.
        var list = await bo.GetStringAsync(RiskUrls.ForItem(item));
        Assert.DoesNotContain(word, list);
        Assert.DoesNotContain(word, await bo.GetStringAsync(RiskUrls.Register));
        Assert.DoesNotContain(word, await bo.GetStringAsync("/api/content/Risk"));

        // Search: Karl finds it, Bo does not.
        await portal.Services.GetRequiredService<SearchIndexer>().WaitForCatchUpAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(risk, await karl.GetStringAsync("/sok?q=" + word));
        Assert.DoesNotContain(risk, await bo.GetStringAsync("/sok?q=" + word));

        // Nothing changed.
        await using var scope = portal.CreateScope();
        var record = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<RiskRecord>().SingleAsync(r => r.RiskId == risk);
        Assert.Equal((2, 3), (record.GrossProbability!.Value, record.GrossConsequence!.Value));

        // The kvalitetsledare sees it; the employee of the unit sees it but may not value it.
        var lars = await SignedInAsync(portal, RiskPortal.Lars);
        Assert.Equal(HttpStatusCode.OK, (await lars.GetAsync(RiskUrls.Risk(risk))).StatusCode);
        var anna = await SignedInAsync(portal, RiskPortal.Anna);
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(RiskUrls.Risk(risk))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ValueAsync(anna, risk, "Brutto", "1", "1", RiskUrls.Risk(risk))).StatusCode);
    }

    [Fact]
    public async Task A_secret_risk_is_closed_to_the_units_employees_but_kept_by_the_one_who_marked_it()
    {
        var item = await ItemAsync(portal, "IT-säkerhet i hemtjänsten");
        var karl = await SignedInAsync(portal, RiskPortal.Karl);
        var risk = await AddAsync(portal, karl, item, "Obehörig åtkomst till larmkoder", category: "IT och informationssäkerhet");
        var anna = await SignedInAsync(portal, RiskPortal.Anna);
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(RiskUrls.Risk(risk))).StatusCode);

        var marked = await karl.PostFormAsync(RiskUrls.Risk(risk), RiskUrls.Secrecy(risk), new() { ["legalGround"] = "OSL 18 kap. 8 §" });
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var page = await karl.GetStringAsync(RiskUrls.Risk(risk));
        Assert.Contains("Sekretessmarkerad", page);
        Assert.Contains("OSL 18 kap. 8 §", page);

        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync(RiskUrls.Risk(risk))).StatusCode);
        Assert.DoesNotContain("Obehörig åtkomst till larmkoder", await anna.GetStringAsync(RiskUrls.ForItem(item)));
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Kvalitetsportal.Users.Data.PortalUser>>();
        var factory = services.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<Kvalitetsportal.Users.Data.PortalUser>>();
        return await factory.CreateAsync((await users.FindByEmailAsync(email))!);
    }
}
