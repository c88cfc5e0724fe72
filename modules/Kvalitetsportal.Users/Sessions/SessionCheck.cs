using System.Security.Claims;
using Kvalitetsportal.Data;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Users.UserAccounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Users.Sessions;

/// <summary>
/// Ends a session on the server: every request's cookie must carry the account's current security
/// stamp, and the account must not be locked by an administrator (a lock after failed sign-ins does not
/// end sessions, so that guessing cannot throw the owner out). Signing out, a password change, a role removal and a
/// lock change the stamp, so every copy of an older cookie, on any device, stops working at once.
/// One small read per signed-in request; Identity's fuller refresh (roles and claims re-read) still
/// runs at its interval after this check passes.
/// </summary>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal is null || userId is null)
        {
            await next(context);
            return;
        }

        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var cookieStamp = principal.FindFirstValue(stampClaim);
        var account = await services.GetRequiredService<PortalDbContext>().Set<PortalUser>()
            .AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || cookieStamp is null || account.SecurityStamp != cookieStamp || LockState.Of(account.LockoutEnd, DateTimeOffset.UtcNow).Kind == LockKind.Administrator)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await next(context);
    }
}
