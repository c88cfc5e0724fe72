using System.Threading.RateLimiting;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.PublicDuties;

public sealed class PublicDutiesStartup : IFeatureStartup
{
    /// <summary>The anonymous barrier form's limit per client address (PublicDuties:BarrierReportsPerHour, 10).</summary>
    public const string BarrierReportRateLimit = "barrier-reports";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The report form is open to anyone, so one address cannot fill the table or the administrators' notices.
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(BarrierReportRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = configuration.GetValue("PublicDuties:BarrierReportsPerHour", 10),
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
            })));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RegisterExtracts.RegisterExtractService>();
        services.AddScoped<Erasure.PersonErasure>();
        services.AddScoped<AccessibilityStatement.AccessibilityStatementStore>();
        services.AddSingleton<IPermissionProvider, PublicDutiesPermissions>();
        services.AddSingleton<INavigationProvider, PublicDutiesNavigation>();
    }
}

public sealed class PublicDutiesPermissions : IPermissionProvider
{
    public const string ManagePersonalDataName = "ManagePersonalData";
    public const string EditAccessibilityStatementName = "EditAccessibilityStatement";

    public static readonly Permission ManagePersonalData = new(ManagePersonalDataName, "Hantera personuppgifter",
        "Ta fram en persons registerutdrag och radera eller pseudonymisera en person på begäran. Varje steg loggas.");

    public static readonly Permission EditAccessibilityStatement = new(EditAccessibilityStatementName, "Redigera tillgänglighetsredogörelsen",
        "Ändra texten i tillgänglighetsredogörelsen och läsa rapporterade brister.");

    public IEnumerable<Permission> GetPermissions() => [ManagePersonalData, EditAccessibilityStatement];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class PublicDutiesNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Personuppgifter", "/admin/personuppgifter", 220, PublicDutiesPermissions.ManagePersonalDataName, "Användare och behörigheter"));
            items.Add(new MenuItem("Tillgänglighetsredogörelse", "/admin/tillganglighet", 960, PublicDutiesPermissions.EditAccessibilityStatementName, "Plattform"));
        }
    }
}
