using System.Security.Claims;
using Kvalitetsportal.Contents.ContentRecipes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Recipes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Contents.TypeAdmin;

/// <summary>Content types out as a recipe file, and recipe files in through the recipe executor.</summary>
[Admin]
[RequirePermission(ContentPermissions.ManageContentTypesName)]
[Route("admin/innehallstyper")]
public sealed class TypeRecipesController(
    IContentDefinitionStore store,
    RecipeExecutor executor,
    ContentDefinitionCache cache,
    IStringLocalizer<TypeRecipesController> localizer,
    ILogger<TypeRecipesController> logger) : Controller
{
    /// <summary>The steps this page is for: content types and their permissions, nothing else (no accounts, roles or features).</summary>
    private static readonly IReadOnlyList<string> ImportedSteps = [ContentTypesStep.Name, ContentPermissionsStep.Name];

    /// <summary>A post (from the list's button), so the download is not an admin "page" and carries the antiforgery token.</summary>
    [HttpPost("exportera")]
    public async Task<IActionResult> Export([FromForm(Name = "typ")] List<string>? types, CancellationToken cancellationToken)
    {
        var all = await store.GetAllAsync(cancellationToken);
        var chosen = types is { Count: > 0 } ? all.Values.Where(t => types.Contains(t.Name)).ToList() : [.. all.Values];
        logger.LogInformation("{Count} content types exported by {ActorId}", chosen.Count, ActorId);
        return File(ContentRecipeExport.Write(chosen), "application/json", ContentRecipeExport.FileName);
    }

    [HttpGet("importera")]
    public IActionResult Import() => View("Import", new ImportForm());

    [HttpPost("importera")]
    [RequestSizeLimit(ImportForm.MaxBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportForm.MaxBytes + 64 * 1024)]
    public async Task<IActionResult> Import(ImportForm form, CancellationToken cancellationToken)
    {
        if (form.File is null || form.File.Length == 0)
        {
            ModelState.AddModelError(nameof(form.File), "Välj en receptfil att importera.");
            return View("Import", form);
        }

        if (form.File.Length > ImportForm.MaxBytes)
        {
            ModelState.AddModelError(nameof(form.File), "Filen är större än 1 MB. Dela upp receptet i flera filer.");
            return View("Import", form);
        }

        // First what the recipe will do, to be confirmed; nothing runs yet.
        using var buffer = new MemoryStream();
        await using (var stream = form.File.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        var fileName = Path.GetFileName(form.File.FileName);
        try
        {
            var steps = await executor.PreviewAsync(new MemoryStream(buffer.ToArray()), new RecipeRun(User, ImportedSteps, fileName), cancellationToken);
            return View("ConfirmImport", new ImportConfirmation { Recipe = Convert.ToBase64String(buffer.ToArray()), FileName = fileName, Steps = steps });
        }
        catch (RecipeException ex)
        {
            return Refused(form, ex);
        }
    }

    /// <summary>Runs the recipe the user saw listed and confirmed; it is checked again, as it came back from the browser.</summary>
    [HttpPost("importera/kor")]
    [RequestSizeLimit(ImportForm.MaxBytes * 2)]
    [RequestFormLimits(ValueLengthLimit = (int)ImportForm.MaxBytes * 2)]
    public async Task<IActionResult> RunImport(ImportConfirmation confirmation, CancellationToken cancellationToken)
    {
        var form = new ImportForm();
        byte[] recipe;
        try
        {
            recipe = Convert.FromBase64String(confirmation.Recipe ?? "");
        }
        catch (FormatException)
        {
            recipe = [];
        }

        if (recipe.Length == 0 || recipe.Length > ImportForm.MaxBytes)
        {
            ModelState.AddModelError(nameof(form.File), "Välj en receptfil att importera.");
            return View("Import", form);
        }

        try
        {
            await executor.ExecuteAsync(new MemoryStream(recipe), new RecipeRun(User, ImportedSteps, Path.GetFileName(confirmation.FileName)), cancellationToken: cancellationToken);
        }
        catch (RecipeException ex)
        {
            return Refused(form, ex);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Recipe import by {ActorId} failed while saving", ActorId);
            ModelState.AddModelError(nameof(form.File), "Receptet kunde inte sparas, och ingenting har ändrats. Försök igen.");
            return View("Import", form);
        }
        finally
        {
            cache.Invalidate();
        }

        logger.LogInformation("Recipe imported by {ActorId}", ActorId);
        TempData["Message"] = localizer["Receptet är importerat."].Value;
        return Redirect("/admin/innehallstyper");
    }

    private ViewResult Refused(ImportForm form, RecipeException ex)
    {
        logger.LogInformation("Recipe import by {ActorId} refused: {Reason}", ActorId, ex.Message);
        ModelState.AddModelError(nameof(form.File), $"Receptet importerades inte och ingenting har ändrats. {ex.Message}");
        return View("Import", form);
    }

    private string? ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
