using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Documents.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Documents.Templates;

/// <summary>
/// Administrators upload a Word template per content type and purpose, see which fields it uses,
/// download it again and remove it. A refused upload shows every problem at once and keeps what
/// was typed; nothing is saved until the template passes <see cref="TemplateCheck"/>.
/// </summary>
[Admin]
[RequirePermission(DocumentPermissions.ManageTemplatesName)]
[BelongsToFeature(DocumentsStartup.FeatureId)]
[Route("admin/dokumentmallar")]
public sealed class TemplatesController(
    DocumentTemplates templates,
    IContentDefinitionStore definitions,
    DocumentDataSource data,
    IStringLocalizer<TemplatesController> localizer,
    ILogger<TemplatesController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ModelAsync(new TemplateUploadForm(), [], cancellationToken));

    [HttpPost("")]
    [RequestSizeLimit(TemplateCheck.MaxBytes * 4)]
    [RequestFormLimits(MultipartBodyLengthLimit = TemplateCheck.MaxBytes * 4)]
    public async Task<IActionResult> Upload([Bind(Prefix = "Form")] TemplateUploadForm form, CancellationToken cancellationToken)
    {
        var purpose = form.Purpose?.Trim() ?? "";
        var type = string.IsNullOrEmpty(form.ContentType) ? null : await definitions.FindAsync(form.ContentType, cancellationToken);
        if (!string.IsNullOrEmpty(form.ContentType) && type is null)
        {
            ModelState.AddModelError("Form.ContentType", localizer["Innehållstypen finns inte längre. Välj en annan."]);
        }

        if (form.File is null || form.File.Length == 0 && string.IsNullOrEmpty(form.File.FileName))
        {
            ModelState.AddModelError("Form.File", localizer["Välj en Word-fil (.docx) att ladda upp."]);
        }

        if (!ModelState.IsValid || type is null || form.File is null)
        {
            return View(nameof(Index), await ModelAsync(form, [], cancellationToken));
        }

        var fileName = Path.GetFileName(form.File.FileName);
        using var content = new MemoryStream();
        if (form.File.Length <= TemplateCheck.MaxBytes)
        {
            await form.File.CopyToAsync(content, cancellationToken);
            content.Position = 0;
        }

        var result = await TemplateCheck.CheckAsync(content, fileName, form.File.Length, type.DisplayName, await data.FieldsOfAsync(type, cancellationToken), cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Form.File", error);
            }

            logger.LogInformation("Document template for {ContentType} refused by the upload check ({Errors} problems)", type.Name, result.Errors.Count);
            return View(nameof(Index), await ModelAsync(form, result.Fields, cancellationToken));
        }

        bool replaced;
        try
        {
            replaced = await templates.SaveAsync(type.Name, purpose, fileName, content.ToArray(), result.Fields, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Document template for {ContentType} could not be saved", type.Name);
            ModelState.AddModelError(string.Empty, localizer["Mallen kunde inte sparas eftersom någon annan laddade upp en mall med samma syfte samtidigt. Ladda upp den igen."]);
            return View(nameof(Index), await ModelAsync(form, result.Fields, cancellationToken));
        }

        logger.LogInformation("Document template for {ContentType} saved (replaced: {Replaced})", type.Name, replaced);
        TempData["Message"] = replaced
            ? localizer["Mallen \"{0}\" för {1} är ersatt. Den använder {2} fält.", purpose, type.DisplayName, result.Fields.Count].Value
            : localizer["Mallen \"{0}\" för {1} är sparad. Den använder {2} fält.", purpose, type.DisplayName, result.Fields.Count].Value;
        return Redirect(DocumentsNavigation.Url);
    }

    [HttpGet("{id:int}/fil")]
    public async Task<IActionResult> Original(int id, CancellationToken cancellationToken) =>
        await templates.FindAsync(id, cancellationToken) is { } template
            ? File(template.Content, ItemDocuments.FilledDocument.ContentType, template.FileName)
            : NotFound();

    [HttpPost("{id:int}/ta-bort")]
    public async Task<IActionResult> Remove(int id, CancellationToken cancellationToken)
    {
        TempData["Message"] = await templates.RemoveAsync(id, cancellationToken)
            ? localizer["Mallen är borttagen."].Value
            : localizer["Mallen var redan borttagen."].Value;
        return Redirect(DocumentsNavigation.Url);
    }

    private async Task<TemplateAdminViewModel> ModelAsync(TemplateUploadForm form, IReadOnlyList<string> found, CancellationToken cancellationToken)
    {
        var types = new List<(ContentTypeDefinition, IReadOnlyList<DocumentField>)>();
        foreach (var type in (await definitions.GetAllAsync(cancellationToken)).Values.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture))
        {
            types.Add((type, await data.FieldsOfAsync(type, cancellationToken)));
        }

        return new TemplateAdminViewModel
        {
            Form = form,
            Templates = await templates.ListAsync(null, cancellationToken),
            Types = types,
            FoundFields = found,
        };
    }
}
