using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Contents.Queries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Kvalitetsportal.Contents.ContentExport;

/// <summary>
/// "Exportera" on a content list: the list's rows (same filters, same permission trimming) as an
/// Excel workbook or a CSV file. The list's paging (<c>sida</c>) is ignored: an export has every row.
/// </summary>
[Authorize]
[Route("innehall/{type}")]
public sealed class ContentExportController(
    IContentDefinitionStore definitions,
    ContentAuthorizer authorizer,
    ContentExporter exporter,
    TimeProvider clock,
    ILogger<ContentExportController> logger) : Controller
{
    [HttpGet("export.xlsx")]
    public async Task<IActionResult> Xlsx(string type, CancellationToken cancellationToken)
    {
        var (definition, refusal) = await AuthorizeAsync(type, cancellationToken);
        if (definition is null)
        {
            return refusal!;
        }

        var export = await exporter.OpenAsync(User, definition, ContentListParameters.Parse(Request.Query), cancellationToken);
        if (export is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        // The Open XML package completes the zip by seeking, so the workbook is written to a temporary file
        // (never to memory) and streamed from there; the file is deleted when the response is done.
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"kp-export-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await ContentExporter.WriteXlsxAsync(export, file, cancellationToken);
            await file.FlushAsync(cancellationToken);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        Log(definition, "xlsx");
        return File(file, ContentExporter.XlsxContentType, ContentExporter.FileName(definition, clock.GetUtcNow(), "xlsx"));
    }

    [HttpGet("export.csv")]
    public async Task<IActionResult> Csv(string type, CancellationToken cancellationToken)
    {
        var (definition, refusal) = await AuthorizeAsync(type, cancellationToken);
        if (definition is null)
        {
            return refusal!;
        }

        var export = await exporter.OpenAsync(User, definition, ContentListParameters.Parse(Request.Query), cancellationToken);
        if (export is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Log(definition, "csv");
        Response.StatusCode = StatusCodes.Status200OK;
        Response.ContentType = ContentExporter.CsvContentType;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = ContentExporter.FileName(definition, clock.GetUtcNow(), "csv"),
            FileName = ContentExporter.FileName(definition, clock.GetUtcNow(), "csv"),
        }.ToString();
        Response.Headers.CacheControl = "no-store";
        await ContentExporter.WriteCsvAsync(export, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>404 for a type that does not exist; 403 when the user may see none of its items.</summary>
    private async Task<(ContentTypeDefinition? Type, IActionResult? Refusal)> AuthorizeAsync(string type, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(type, cancellationToken);
        if (definition is null)
        {
            return (null, NotFound());
        }

        // Checked here too (not only by the query), so that "mina=1" never opens a type the user may not view.
        if (!await authorizer.CanViewAnyAsync(User, definition, cancellationToken))
        {
            logger.LogInformation("Export of {ContentType} refused for user {UserId}", definition.Name, ContentAuthorizer.UserId(User));
            return (null, StatusCode(StatusCodes.Status403Forbidden));
        }

        return (definition, null);
    }

    private void Log(ContentTypeDefinition type, string format) =>
        logger.LogInformation("Export of {ContentType} as {Format} by user {UserId}", type.Name, format, ContentAuthorizer.UserId(User));
}
