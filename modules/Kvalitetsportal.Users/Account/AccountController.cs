using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Users.Passwords;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Users.Account;

[Route("konto")]
public sealed class AccountController(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, SignInThrottle throttle, IStringLocalizer<AccountController> localizer, ILogger<AccountController> logger) : Controller
{
    public const string WrongCredentials = "Fel e-postadress eller lösenord.";

    // A real hash to verify against when no account has the address, so that an unknown address costs
    // the same time as a wrong password and the timing does not tell which accounts exist.
    private static readonly Lazy<string> TimingHash = new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Guid.NewGuid().ToString()));

    [AllowAnonymous]
    [HttpGet("logga-in")]
    public IActionResult SignIn(string? returnUrl = null) => View(new SignInModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("logga-in")]
    [EnableRateLimiting(UsersStartup.SignInRateLimit)]
    public async Task<IActionResult> SignIn(SignInModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var email = model.Email.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (throttle.WaitBefore(email, address) is { } wait)
        {
            return TooSoon(model, wait);
        }

        // No lockout: wrong passwords slow the next attempt (SignInThrottle), whoever the account is.
        var user = await users.FindByEmailAsync(email);
        bool passwordRight;
        if (user is null)
        {
            _ = users.PasswordHasher.VerifyHashedPassword(new PortalUser(), TimingHash.Value, model.Password);
            passwordRight = false;
        }
        else
        {
            passwordRight = await users.CheckPasswordAsync(user, model.Password);
        }

        if (!passwordRight)
        {
            throttle.Failed(email, address);
            logger.LogInformation("Sign-in failed");
            ModelState.AddModelError(string.Empty, WrongCredentials);
            model.Password = "";
            return View(model);
        }

        // Only someone who knows the password learns that the account is switched off.
        if (await users.IsLockedOutAsync(user!) || !await signIn.CanSignInAsync(user!))
        {
            logger.LogWarning("Sign-in refused: account {UserId} is locked by an administrator", user!.Id);
            ModelState.AddModelError(string.Empty, "Kontot är spärrat. Kontakta din administratör.");
            model.Password = "";
            return View(model);
        }

        throttle.Succeeded(email);
        await signIn.SignInAsync(user!, model.RememberMe);
        return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl! : "/");
    }

    private ViewResult TooSoon(SignInModel model, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ModelState.AddModelError(string.Empty, $"För många misslyckade försök. Vänta {seconds} sekunder och försök igen.");
        model.Password = "";
        return View(model);
    }

    [Authorize]
    [HttpGet("losenord")]
    public IActionResult ChangePassword() => View(new ChangePasswordModel());

    [Authorize]
    [HttpPost("losenord")]
    public async Task<IActionResult> ChangePassword(ChangePasswordModel model)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            await signIn.SignOutAsync();
            return LocalRedirect("/konto/logga-in");
        }

        if (ModelState.IsValid)
        {
            // Throttled like a sign-in, so that a left-open session cannot be used to guess the password.
            var address = HttpContext.Connection.RemoteIpAddress?.ToString();
            if (throttle.WaitBefore(user.Email ?? user.Id, address) is { } wait)
            {
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ModelState.AddModelError(nameof(model.CurrentPassword), localizer["För många försök med fel lösenord. Vänta {0} sekunder och försök igen.", seconds].Value);
            }
            else if (!await users.CheckPasswordAsync(user, model.CurrentPassword))
            {
                throttle.Failed(user.Email ?? user.Id, address);
                ModelState.AddModelError(nameof(model.CurrentPassword), "Det nuvarande lösenordet är fel.");
            }
            else
            {
                var result = await users.ChangePasswordAsync(user, model.CurrentPassword, model.NewPassword);
                if (result.Succeeded)
                {
                    await signIn.RefreshSignInAsync(user);
                    logger.LogInformation("User {UserId} changed their password", user.Id);
                    TempData["Message"] = localizer["Ditt lösenord är bytt."].Value;
                    return LocalRedirect("/");
                }

                ModelState.AddIdentityErrors(result, passwordField: nameof(model.NewPassword));
            }
        }

        return View(new ChangePasswordModel());
    }

    // Anyone may sign out: a session that has already ended must still be able to clear its cookie.
    [AllowAnonymous]
    [HttpPost("logga-ut")]
    public async Task<IActionResult> SignOutUser()
    {
        // A new security stamp ends every session of the account, also a copied cookie's.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/konto/logga-in");
    }
}
