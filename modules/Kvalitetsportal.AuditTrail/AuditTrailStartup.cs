using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail.Content;
using Kvalitetsportal.AuditTrail.Recording;
using Kvalitetsportal.AuditTrail.Retention;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.AuditTrail;

public sealed class AuditTrailStartup : IFeatureStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.Configure<AuditTrailOptions>(configuration.GetSection(AuditTrailOptions.Section));
        services.AddScoped<IAuditTrail, DatabaseAuditTrail>();
        services.AddScoped<IContentHandler, ContentAuditHandler>();
        services.AddScoped<AuditRetention>();
        services.AddScoped<Kvalitetsportal.PersonalData.IPersonalDataSource, PersonalData.AuditPersonalData>();
        services.AddHostedService<AuditRetentionService>();
        services.AddSingleton<IPermissionProvider, AuditTrailPermissions>();
        services.AddSingleton<INavigationProvider, AuditTrailNavigation>();
    }
}

/// <summary>Settings under "AuditTrail".</summary>
public sealed class AuditTrailOptions
{
    public const string Section = "AuditTrail";

    /// <summary>Events older than this are deleted. Ten years by default: decisions may be public records.</summary>
    public int RetentionDays { get; set; } = 3650;

    /// <summary>How long after start the first clean-up runs; then once a day.</summary>
    public int RetentionStartDelaySeconds { get; set; } = 60;
}

public sealed class AuditTrailPermissions : IPermissionProvider
{
    public const string ViewAuditTrailName = "ViewAuditTrail";

    public static readonly Permission ViewAuditTrail = new(ViewAuditTrailName, "Se granskningsloggen", "Se vem som har ändrat innehåll, behörigheter, användare och funktioner.");

    public IEnumerable<Permission> GetPermissions() => [ViewAuditTrail];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class AuditTrailNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Granskningslogg", "/admin/granskningslogg", 950, AuditTrailPermissions.ViewAuditTrailName, "Plattform"));
        }
    }
}
