using System.Text;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Platform;

public sealed class RecipeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<RecipeException> RunFailingAsync(string json)
    {
        await using var scope = portal.CreateScope();
        var executor = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
        return await Assert.ThrowsAsync<RecipeException>(() => executor.ExecuteAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    private async Task<int> CountUnitsAsync(string code)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OrganisationUnit>().CountAsync(u => u.Code == code);
    }

    [Fact]
    public async Task A_bad_step_rolls_back_the_steps_before_it_and_is_named()
    {
        var ex = await RunFailingAsync("""
            { "steps": [
              { "name": "organisation", "units": [ { "code": "RECEPT-1", "name": "Ny enhet", "kind": "Enhet", "parent": "KS" } ] },
              { "name": "organisation", "units": [ { "code": "RECEPT-2", "name": "Trasig", "kind": "Planet" } ] }
            ] }
            """);
        Assert.Contains("Steg 2", ex.Message);
        Assert.Contains("rad 3", ex.Message); // the line where the failing step starts
        Assert.Contains("Okänd typ \"Planet\"", ex.Message);
        Assert.Equal(0, await CountUnitsAsync("RECEPT-1"));
    }

    [Fact]
    public async Task Invalid_json_is_reported_with_its_line()
    {
        var ex = await RunFailingAsync("{ \"steps\": [\n  { \"name\": \"features\" \n ] }");
        Assert.Contains("inte giltig JSON", ex.Message);
        Assert.Contains("rad", ex.Message);
    }

    [Fact]
    public async Task A_step_with_values_of_the_wrong_shape_is_a_bad_recipe_not_a_crash()
    {
        var ex = await RunFailingAsync("""
            { "steps": [
              { "name": "users", "users": [ { "displayName": 42 } ] }
            ] }
            """);
        Assert.Contains("Steg 1 (\"users\", rad 2)", ex.Message);
    }

    [Fact]
    public async Task An_unknown_step_is_refused()
    {
        var ex = await RunFailingAsync("""{ "steps": [ { "name": "trolleri" } ] }""");
        Assert.Contains("okänt steg \"trolleri\"", ex.Message);
    }
}
