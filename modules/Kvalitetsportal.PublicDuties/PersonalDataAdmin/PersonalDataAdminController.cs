using System.Security.Claims;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.PublicDuties.Erasure;
using Kvalitetsportal.PublicDuties.RegisterExtracts;
using Kvalitetsportal.Users.UserAccounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.PublicDuties.PersonalDataAdmin;

/// <summary>
/// The administrator's side of a person's rights: find the person, produce their register extract,
/// erase or pseudonymise them on request. Every extract and erasure is in the audit log.
/// </summary>
[Admin]
[RequirePermission(PublicDutiesPermissions.ManagePersonalDataName)]
[Route("admin/personuppgifter")]
public sealed class PersonalDataAdminController(
    UserSearch search,
    RegisterExtractService extracts,
    PersonErasure erasure,
    IStringLocalizer<PersonalDataAdminController> localizer,
    ILogger<PersonalDataAdminController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken)
    {
        var text = q?.Trim() ?? "";
        var hits = text.Length == 0
            ? []
            : (await search.PageAsync(text, null, null, 1, 50, cancellationToken)).Users
                .Select(h => new PersonHit(h.User.Id, h.User.DisplayName, h.User.Email ?? "")).ToList();
        return View(new FindPersonPage(text, hits));
    }

    [HttpGet("{userId}")]
    public async Task<IActionResult> Person(string userId, CancellationToken cancellationToken)
    {
        var extract = await extracts.ProduceAsync(userId, cancellationToken);
        return extract is null ? NotFound() : View(new PersonPage(extract, new ErasureForm()));
    }

    [HttpGet("{userId}/fil")]
    public async Task<IActionResult> Download(string userId, CancellationToken cancellationToken)
    {
        var extract = await extracts.ProduceAsync(userId, cancellationToken);
        return extract is null
            ? NotFound()
            : File(RegisterExtractService.ToJson(extract), "application/json; charset=utf-8", $"registerutdrag-{extract.ProducedAt:yyyy-MM-dd}.json");
    }

    [HttpPost("{userId}/radera")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Erase(string userId, ErasureForm form, CancellationToken cancellationToken)
    {
        form.RequestReference = form.RequestReference?.Trim();
        if (string.IsNullOrEmpty(form.RequestReference))
        {
            ModelState.AddModelError(nameof(form.RequestReference), localizer["Skriv vilken begäran raderingen gäller, t.ex. ärendets diarienummer."]);
        }
        else if (form.RequestReference.Length > ErasureForm.ReferenceLength)
        {
            ModelState.AddModelError(nameof(form.RequestReference), localizer["Begäran får vara högst {0} tecken (nu {1}).", ErasureForm.ReferenceLength, form.RequestReference.Length]);
        }

        if (!form.Confirm)
        {
            ModelState.AddModelError(nameof(form.Confirm), localizer["Kryssa i att du har läst vad som raderas och vad som sparas."]);
        }

        if (ModelState.ErrorCount > 0)
        {
            return await RedisplayAsync(userId, form, cancellationToken);
        }

        var actorId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var result = await erasure.EraseAsync(userId, actorId, form.RequestReference!, cancellationToken);
        switch (result.Refusal)
        {
            case ErasureRefusal.NoSuchPerson:
                return NotFound();
            case ErasureRefusal.OwnAccount:
                ModelState.AddModelError(string.Empty, localizer["Du kan inte radera ditt eget konto. Be en annan administratör."]);
                return await RedisplayAsync(userId, form, cancellationToken);
            case ErasureRefusal.LastAdministrator:
                ModelState.AddModelError(string.Empty, localizer["Kontot är den enda administratören. Ge någon annan rollen Administratör först."]);
                return await RedisplayAsync(userId, form, cancellationToken);
            default:
                logger.LogInformation("Person {UserId} erased on request by {ActorId}", userId, actorId);
                return View("Erased", result);
        }
    }

    private async Task<IActionResult> RedisplayAsync(string userId, ErasureForm form, CancellationToken cancellationToken)
    {
        var extract = await extracts.ProduceAsync(userId, cancellationToken);
        if (extract is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Person", new PersonPage(extract, form));
    }
}

public sealed record PersonHit(string Id, string DisplayName, string Email);

public sealed record FindPersonPage(string Query, IReadOnlyList<PersonHit> Hits);

public sealed record PersonPage(RegisterExtract Extract, ErasureForm Form);

public sealed class ErasureForm
{
    public const int ReferenceLength = 200;

    [System.ComponentModel.DataAnnotations.Display(Name = "Begäran (t.ex. diarienummer)")]
    public string? RequestReference { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Jag har läst vad som raderas och vad som sparas")]
    public bool Confirm { get; set; }
}
