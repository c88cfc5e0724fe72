using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kvalitetsportal.PublicDuties.RegisterExtracts;

/// <summary>
/// A person's own register extract. The routes take no person id: the extract is always the signed-in
/// user's, so there is nothing to change in a URL to reach someone else's.
/// </summary>
[Authorize]
[Route("konto/registerutdrag")]
public sealed class MyRegisterExtractController(RegisterExtractService extracts) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var extract = await extracts.ProduceAsync(UserId, cancellationToken);
        return extract is null ? NotFound() : View(extract);
    }

    [HttpGet("fil")]
    public async Task<IActionResult> Download(CancellationToken cancellationToken)
    {
        var extract = await extracts.ProduceAsync(UserId, cancellationToken);
        return extract is null
            ? NotFound()
            : File(RegisterExtractService.ToJson(extract), "application/json; charset=utf-8", $"registerutdrag-{extract.ProducedAt:yyyy-MM-dd}.json");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
