using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Hosting;

public static class PortalHostingExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("sv-SE"), new("en")];

    /// <summary>Registers the framework and, once, the services of every feature of every referenced module.</summary>
    public static IMvcBuilder AddPortal(this IServiceCollection services, IConfiguration configuration, IModuleCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.AddScoped<IFeatureManager, FeatureManager>();
        services.AddScoped<IPermissionService, PermissionService>();
        services.AddScoped<INavigationManager, NavigationManager>();
        services.AddScoped<StartPageSections>();
        services.AddScoped<PageSections>();
        services.AddScoped<RecipeExecutor>();
        services.AddScoped<FeatureRecipeRunner>();
        services.AddScoped<IRecipeStepHandler, FeaturesStep>();
        services.AddSingleton<PortalInitializer>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();

        // Razor would otherwise write å, ä and ö as numeric entities.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("sv-SE");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
        });

        var mvc = services
            .AddControllersWithViews(options =>
            {
                options.Conventions.Add(new FeatureControllerConvention(catalog));
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                SwedishModelBindingMessages.Apply(options.ModelBindingMessageProvider);
            })
            // Validation is done on the server, where it cannot be bypassed; no client scripts needed.
            .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddViewLocalization()
            .AddDataAnnotationsLocalization()
            .AddRazorOptions(options => options.ViewLocationExpanders.Add(new FeatureFolderViewLocationExpander()));

        foreach (var assembly in catalog.ModuleAssemblies)
        {
            mvc.PartManager.ApplicationParts.Add(new Microsoft.AspNetCore.Mvc.ApplicationParts.AssemblyPart(assembly));
            if (mvc.PartManager.ApplicationParts.All(p => p.Name != assembly.GetName().Name + ".Views"))
            {
                foreach (var part in new Microsoft.AspNetCore.Mvc.ApplicationParts.CompiledRazorAssemblyApplicationPartFactory().GetApplicationParts(assembly))
                {
                    mvc.PartManager.ApplicationParts.Add(part);
                }
            }
        }

        foreach (var feature in catalog.Features)
        {
            StartupOf(feature).ConfigureServices(services, configuration);
        }

        // After the modules, so that an audit module's implementation wins; without one nothing is recorded.
        services.AddHttpContextAccessor();
        services.TryAddScoped<IAuditTrail>(_ => NullAuditTrail.Instance);

        return mvc;
    }

    /// <summary>Maps controllers and each feature's own endpoints, all gated by their feature.</summary>
    public static void MapPortal(this IEndpointRouteBuilder endpoints, IModuleCatalog catalog)
    {
        endpoints.MapControllers();
        foreach (var feature in catalog.Features)
        {
            var group = endpoints.MapGroup("");
            group.WithMetadata(new RequiresFeatureMetadata(feature.Id));
            StartupOf(feature).MapEndpoints(group);
        }
    }

    public static IApplicationBuilder UseFeatureGate(this IApplicationBuilder app) => app.UseMiddleware<FeatureGateMiddleware>();

    private static readonly Dictionary<Type, IFeatureStartup> Startups = [];

    private static IFeatureStartup StartupOf(FeatureDescriptor feature)
    {
        lock (Startups)
        {
            if (!Startups.TryGetValue(feature.StartupType, out var startup))
            {
                startup = (IFeatureStartup)Activator.CreateInstance(feature.StartupType)!;
                Startups[feature.StartupType] = startup;
            }

            return startup;
        }
    }
}
