using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Users.Account;

[Route("konto")]
public sealed class AccountController(SignInManager<PortalUser> signIn, ILogger<AccountController> logger) : Controller
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
            ModelState.AddModelError(string.Empty, "Kontot är spärrat efter för många misslyckade försök. Försök igen om 15 minuter eller kontakta din administratör.");
        }
        else
        {
            ModelState.AddModelError(string.Empty, "Fel e-postadress eller lösenord.");
        }

        model.Password = "";
        return View(model);
    }

    [HttpPost("logga-ut")]
    public async Task<IActionResult> SignOutUser()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/konto/logga-in");
    }
}
