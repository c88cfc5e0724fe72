using Kvalitetsportal.Data;
using Kvalitetsportal.Recurring.Schedules;
using Kvalitetsportal.Testing;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Platform;

/// <summary>
/// The default recipe as production runs it: no sample password (so no sample users) and the
/// administrator's address from configuration. It must still set the portal up; the yearly prize
/// round, owned by the sample prize coordinator elsewhere, falls back to the administrator.
/// </summary>
public sealed class ProductionSetupTests(ProductionSetupTests.ProductionPortal portal) : IClassFixture<ProductionSetupTests.ProductionPortal>
{
    public const string ConfiguredAdmin = "forvaltare@kommun.test";

    public sealed class ProductionPortal : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Setup:SamplePassword"] = "",
            ["Setup:AdminEmail"] = ConfiguredAdmin,
        };
    }

    [Fact]
    public async Task Without_sample_users_the_recipe_completes_and_the_prize_round_schedule_belongs_to_the_configured_administrator()
    {
        await using var scope = portal.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Null(await users.FindByEmailAsync("petra.priskoordinator@kvalitetsportal.local"));
        var admin = await users.FindByEmailAsync(ConfiguredAdmin);
        Assert.NotNull(admin);

        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var schedule = await db.Set<RecurringSchedule>().SingleAsync(s => s.Name == "Kvalitetspriset varje år");
        Assert.Equal(admin.Id, schedule.OwnerUserId);

        using var client = portal.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/konto/logga-in", UriKind.Relative))).StatusCode);
    }
}
