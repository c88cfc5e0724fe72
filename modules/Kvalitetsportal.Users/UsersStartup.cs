using System.Threading.RateLimiting;
using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Users.Setup;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Users;

public sealed class UsersStartup : IFeatureStartup
{
    /// <summary>Rate-limiter policy for sign-in posts, partitioned by client address.</summary>
    public const string SignInRateLimit = "signin";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddIdentity<PortalUser, PortalRole>(options =>
            {
                // NIST SP 800-63B: length over composition, common passwords refused (CommonPasswordValidator).
                options.Password.RequiredLength = configuration.GetValue("Users:PasswordMinLength", 12);
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // Lockout stays enabled for an administrator's lock only: failed passwords slow (SignInThrottle), never lock.
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                options.User.RequireUniqueEmail = true;
                options.ClaimsIdentity.RoleClaimType = System.Security.Claims.ClaimTypes.Role;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<SwedishIdentityErrorDescriber>()
            .AddPasswordValidator<Passwords.CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        // A signed-in user's roles are re-read, and a locked or reset account signed out, this often
        // (Identity's default is 30 minutes, too slow for an administrator's lock to bite).
        services.Configure<SecurityStampValidatorOptions>(options =>
            options.ValidationInterval = TimeSpan.FromSeconds(configuration.GetValue("Users:SessionCheckSeconds", 60)));

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/konto/logga-in";
            options.LogoutPath = "/konto/logga-ut";
            options.AccessDeniedPath = "/fel/403";
            options.Cookie.Name = "kvalitetsportal.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // The JSON API (/api/...) answers 401 and 403 instead of redirecting to the sign-in page.
            // A session ends on the server: a cookie with an outdated security stamp is refused on its next request.
            var validatePrincipal = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = context => Sessions.SessionCheck.ValidateAsync(context, validatePrincipal);

            var redirectToLogin = options.Events.OnRedirectToLogin;
            var redirectToAccessDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? ApiStatusAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Du är inte inloggad.")
                : redirectToLogin(context);
            options.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? ApiStatusAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Du saknar behörighet.")
                : redirectToAccessDenied(context);
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Passwords.SignInThrottle>();
        services.Configure<RateLimiterOptions>(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = configuration.GetValue("Users:SignInAttemptsPerMinute", 20),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        services.AddSingleton<IPermissionProvider, UsersPermissions>();
        services.AddSingleton<INavigationProvider, UsersNavigation>();
        services.AddScoped<IRecipeStepHandler, RolesStep>();
        services.AddScoped<IRecipeStepHandler, UsersStep>();
        services.AddScoped<Organisation.Data.IPersonDirectory, People.PersonDirectory>();
        services.AddScoped<UserAccounts.UserSearch>();
        services.AddScoped<Kvalitetsportal.PersonalData.IPersonalDataSource, PersonalData.AccountPersonalData>();
        services.AddScoped<UserAccounts.UserAccountChanges>();
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>A status with a small problem+json body, so no HTML error page is put in its place.</summary>
    private static Task ApiStatusAsync(HttpContext context, int statusCode, string title)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new { title, status = statusCode }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}

public sealed class UsersPermissions : IPermissionProvider
{
    public const string ManageUsersName = "ManageUsers";
    public const string ManageRolesName = "ManageRoles";

    public static readonly Permission ManageUsers = new(ManageUsersName, "Hantera användare", "Skapa, ändra, spärra och låsa upp konton.");
    public static readonly Permission ManageRoles = new(ManageRolesName, "Hantera roller och behörigheter", "Skapa roller och ändra vilka behörigheter en roll har.");

    public IEnumerable<Permission> GetPermissions() => [ManageUsers, ManageRoles];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class UsersNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Användare", "/admin/anvandare", 200, UsersPermissions.ManageUsersName, "Användare och behörigheter"));
            items.Add(new MenuItem("Roller och behörigheter", "/admin/roller", 210, UsersPermissions.ManageRolesName, "Användare och behörigheter"));
        }
    }
}
