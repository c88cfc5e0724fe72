using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Recurring.Recipes;
using Kvalitetsportal.Recurring.Running;
using Kvalitetsportal.Recurring.Schedules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Recurring;

/// <summary>Schedules that create content items once per period (ADR 0025).</summary>
public sealed class RecurringStartup : IFeatureStartup
{
    public const string FeatureId = "Recurring";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatabaseWriteGate>();
        services.Configure<RecurringOptions>(configuration.GetSection(RecurringOptions.Section));
        services.AddSingleton<IPermissionProvider, RecurringPermissions>();
        services.AddSingleton<INavigationProvider, RecurringNavigation>();
        services.AddSingleton<TitleTemplates>();
        services.AddSingleton<RecurringSignal>();
        services.AddScoped<ScheduleValidator>();
        services.AddScoped<ScheduleRunner>();
        services.AddScoped<IRecipeStepHandler, RecurringStep>();
        services.AddHostedService<RecurringService>();
    }
}

public sealed class RecurringPermissions : IPermissionProvider
{
    public const string ManageRecurringName = "ManageRecurring";

    public static readonly Permission ManageRecurring = new(ManageRecurringName, "Hantera återkommande arbete",
        "Lägga upp, ändra, pausa och köra scheman som skapar ärenden varje period.");

    public IEnumerable<Permission> GetPermissions() => [ManageRecurring];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class RecurringNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Återkommande arbete", "/admin/aterkommande", 320, RecurringPermissions.ManageRecurringName, "Innehåll"));
        }
    }
}
