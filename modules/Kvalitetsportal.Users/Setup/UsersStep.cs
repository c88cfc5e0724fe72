using System.Text.Json;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Users.Setup;

/// <summary>
/// { "name": "users", "users": [ { "email": "…", "displayName": "…", "unit": "KS", "roles": ["…"], "manages": ["KS"], "passwordSetting": "Setup:AdminPassword" } ] }
/// Passwords never live in a recipe: each user names the configuration key that holds it, and a
/// user whose key is unset is not created (so production never ships a known password).
/// "manages" makes the user the manager of those units (also for a user who already exists).
/// </summary>
public sealed class UsersStep(
    UserManager<PortalUser> users,
    PortalDbContext db,
    IConfiguration configuration,
    ILogger<UsersStep> logger) : IRecipeStepHandler
{
    public string StepName => "users";

    /// <summary>Creates accounts and gives them roles.</summary>
    public string? RequiredPermission => UsersPermissions.ManageUsersName;

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("users", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"users\" måste vara en lista med användare.");
        }

        foreach (var element in list.EnumerateArray())
        {
            var recipeEmail = element.GetProperty("email").GetString() ?? "";
            var email = recipeEmail;
            var emailSetting = element.TryGetProperty("emailSetting", out var es) ? es.GetString() : null;
            if (emailSetting is not null && configuration[emailSetting] is { Length: > 0 } configuredEmail)
            {
                email = configuredEmail;
            }

            if (await users.FindByEmailAsync(email) is { } existing)
            {
                context.AccountEmails[recipeEmail] = email;
                await SetManagedUnitsAsync(element, existing, cancellationToken);
                continue;
            }

            var passwordSetting = element.TryGetProperty("passwordSetting", out var ps) ? ps.GetString() : null;
            var password = passwordSetting is null ? null : configuration[passwordSetting];
            if (string.IsNullOrEmpty(password))
            {
                logger.LogWarning("Recipe user not created: configuration key {Setting} is not set", passwordSetting);
                continue;
            }

            int? unitId = null;
            if (element.TryGetProperty("unit", out var unitCode) && unitCode.GetString() is { Length: > 0 } code)
            {
                unitId = await db.Set<OrganisationUnit>().Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new RecipeException($"användaren {email} hör till enheten \"{code}\", som inte finns.");
            }

            var user = new PortalUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = element.TryGetProperty("displayName", out var dn) ? dn.GetString() ?? email : email,
                OrganisationUnitId = unitId,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new RecipeException($"användaren {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            if (element.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
            {
                var result = await users.AddToRolesAsync(user, roles.EnumerateArray().Select(r => r.GetString() ?? ""));
                if (!result.Succeeded)
                {
                    throw new RecipeException($"användaren {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                }
            }

            context.AccountEmails[recipeEmail] = email;
            await SetManagedUnitsAsync(element, user, cancellationToken);
        }
    }

    private async Task SetManagedUnitsAsync(JsonElement element, PortalUser user, CancellationToken cancellationToken)
    {
        if (!element.TryGetProperty("manages", out var manages) || manages.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var code in manages.EnumerateArray().Select(c => c.GetString() ?? ""))
        {
            var unit = await db.Set<OrganisationUnit>().FirstOrDefaultAsync(u => u.Code == code, cancellationToken)
                ?? throw new RecipeException($"användaren {user.Email} är chef för enheten \"{code}\", som inte finns.");
            unit.ManagerUserId = user.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
