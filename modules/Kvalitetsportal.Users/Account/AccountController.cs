using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Users.Account;

[Route("konto")]
public sealed class AccountController(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IStringLocalizer<AccountController> localizer, ILogger<AccountController> logger) : Controller
{
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

        var result = await signIn.PasswordSignInAsync(model.Email.Trim(), model.Password, model.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account locked");
            ModelState.AddModelError(string.Empty, "Kontot är spärrat. Efter för många misslyckade försök öppnas det igen om 15 minuter; har en administratör spärrat det, kontakta din administratör.");
        }
        else
        {
            ModelState.AddModelError(string.Empty, "Fel e-postadress eller lösenord.");
        }

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
            // Checked like a sign-in, so that a left-open session cannot be used to guess the password.
            var check = await signIn.CheckPasswordSignInAsync(user, model.CurrentPassword, lockoutOnFailure: true);
            if (check.IsLockedOut)
            {
                logger.LogWarning("Password change refused: account {UserId} locked", user.Id);
                await signIn.SignOutAsync();
                TempData["Error"] = localizer["Kontot är spärrat efter för många försök med fel lösenord. Försök igen om 15 minuter."].Value;
                return LocalRedirect("/konto/logga-in");
            }

            if (!check.Succeeded)
            {
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
