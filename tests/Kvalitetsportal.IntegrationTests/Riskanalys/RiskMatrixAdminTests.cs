using System.Net;
using Kvalitetsportal.Riskanalys;
using Kvalitetsportal.Riskanalys.Matrix;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Riskanalys.RiskArrange;

namespace Kvalitetsportal.IntegrationTests.Riskanalys;

/// <summary>The administrator's matrix: a 5 × 3 scale with its bands is saved as data and valuations follow it; bad bands are refused in Swedish.</summary>
public sealed class RiskMatrixAdminTests(RiskPortal portal) : IClassFixture<RiskPortal>
{
    [Fact]
    public async Task The_administrator_sets_a_5x3_matrix_and_a_probability_of_5_is_then_accepted()
    {
        var admin = PortalClient.Create(portal);
        await admin.SignInOrFailAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Contains("Osannolik", await admin.GetStringAsync(RiskUrls.MatrixAdmin));

        // Bands that leave a gap (7–9 missing) are refused, and what was typed is shown again.
        var fields = Matrix5x3();
        fields["B[1].To"] = "6";
        var refused = await admin.PostFormAsync(RiskUrls.MatrixAdmin, RiskUrls.MatrixAdmin, fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Riskvärdet 7 ligger inte i något färgband.", html);
        Assert.Contains("value=\"Nästan säker\"", html);

        // A non-number band limit is refused too.
        fields = Matrix5x3();
        fields["B[0].From"] = "ett";
        Assert.Contains("ska vara heltal. Du angav &quot;ett&quot;", await (await admin.PostFormAsync(RiskUrls.MatrixAdmin, RiskUrls.MatrixAdmin, fields)).Content.ReadAsStringAsync());

        var saved = await admin.PostFormAsync(RiskUrls.MatrixAdmin, RiskUrls.MatrixAdmin, Matrix5x3());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = portal.CreateScope())
        {
            var matrix = await scope.ServiceProvider.GetRequiredService<RiskMatrixStore>().GetAsync();
            Assert.Equal((5, 3), (matrix.ProbabilityLevels, matrix.ConsequenceLevels));
            Assert.Equal("Hög", matrix.BandOf(5, 3)!.Name);
        }

        // Valuations follow the new scale: 5 is a probability now, a consequence of 4 is not.
        var item = await ItemAsync(portal, "Projekt ny e-tjänst");
        var karl = await SignedInAsync(portal, RiskPortal.Karl);
        var risk = await AddAsync(portal, karl, item, "Invånarna hittar inte e-tjänsten");
        Assert.Equal(HttpStatusCode.Redirect, (await ValueAsync(karl, risk, "Brutto", "5", "3", RiskUrls.Risk(risk))).StatusCode);
        var bad = await ValueAsync(karl, risk, "Brutto", "5", "4", RiskUrls.Risk(risk));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Konsekvens ska vara ett heltal från 1 till 3 på riskmatrisen. Du angav &quot;4&quot;.", await bad.Content.ReadAsStringAsync());
        var page = await karl.GetStringAsync(RiskUrls.ForItem(item));
        Assert.Equal([(5, 3, 1)], HeatMap(page, $"risker-{item}-brutto").Grid);
        Assert.Contains("risk-heatmap-cols-3", page);

        // Back to the shipped 4 × 4 for the other tests of this portal.
        Assert.Empty(await RestoreAsync());
    }

    [Fact]
    public async Task Only_administrators_reach_the_matrix_page()
    {
        var karl = await SignedInAsync(portal, RiskPortal.Karl);
        var response = await karl.GetAsync(RiskUrls.MatrixAdmin);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Spara riskmatrisen", await response.Content.ReadAsStringAsync());
        var post = await karl.PostFormAsync(RiskUrls.Register, RiskUrls.MatrixAdmin, new() { ["P[0].Name"] = "X", ["P[1].Name"] = "Y", ["C[0].Name"] = "X", ["C[1].Name"] = "Y", ["B[0].Name"] = "Alla", ["B[0].Colour"] = "gron", ["B[0].From"] = "1", ["B[0].To"] = "4" });
        Assert.NotEqual(RiskUrls.MatrixAdmin, post.Headers.Location?.OriginalString); // sent to the sign-in or access-denied page, not back to a saved matrix
        await using var scope = portal.CreateScope();
        Assert.Equal(4, (await scope.ServiceProvider.GetRequiredService<RiskMatrixStore>().GetAsync()).ProbabilityLevels);
    }

    private async Task<IReadOnlyList<string>> RestoreAsync()
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RiskMatrixStore>().SaveAsync(RiskMatrix.Default, null);
    }

    private static Dictionary<string, string> Matrix5x3() => new()
    {
        ["P[0].Name"] = "Mycket osannolik",
        ["P[1].Name"] = "Osannolik",
        ["P[2].Name"] = "Möjlig",
        ["P[3].Name"] = "Sannolik",
        ["P[4].Name"] = "Nästan säker",
        ["P[4].Definition"] = "Händer varje månad.",
        ["C[0].Name"] = "Liten",
        ["C[1].Name"] = "Märkbar",
        ["C[2].Name"] = "Allvarlig",
        ["B[0].Name"] = "Låg",
        ["B[0].Colour"] = "gron",
        ["B[0].From"] = "1",
        ["B[0].To"] = "4",
        ["B[1].Name"] = "Medel",
        ["B[1].Colour"] = "gul",
        ["B[1].From"] = "5",
        ["B[1].To"] = "9",
        ["B[2].Name"] = "Hög",
        ["B[2].Colour"] = "rod",
        ["B[2].From"] = "10",
        ["B[2].To"] = "15",
    };
}
