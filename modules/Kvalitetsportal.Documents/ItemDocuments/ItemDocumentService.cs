using System.Security.Claims;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Documents.Data;
using Kvalitetsportal.Documents.Merging;
using Kvalitetsportal.Documents.Templates;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Documents.ItemDocuments;

/// <summary>A filled document, ready to send.</summary>
public sealed record FilledDocument(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

/// <summary>
/// Fills a template with an item's data for a reader. The reader must reach the item as on its
/// page (<see cref="VisibleContentItems"/>: the same access check); otherwise, or when the template
/// is not the item type's, there is no document and the caller answers 404. Each document made is
/// in the audit log.
/// </summary>
public sealed class ItemDocumentService(
    IContentDefinitionStore definitions,
    VisibleContentItems visible,
    DocumentTemplates templates,
    DocumentDataSource data,
    PortalDbContext db,
    IAuditTrail audit,
    ILogger<ItemDocumentService> logger)
{
    public async Task<FilledDocument?> FillAsync(ClaimsPrincipal reader, string typeName, string contentItemId, int templateId, CancellationToken cancellationToken)
    {
        if (await definitions.FindAsync(typeName, cancellationToken) is not { } type
            || await visible.FindAsync(reader, type, contentItemId, cancellationToken) is not { } item
            || await templates.FindAsync(templateId, cancellationToken) is not { } template
            || template.ContentType != type.Name)
        {
            return null;
        }

        var values = await data.CollectAsync(reader, type, item, cancellationToken);
        var lists = (await data.FieldsOfAsync(type, cancellationToken)).Where(f => f.List is not null).Select(f => f.List!).ToHashSet(StringComparer.Ordinal);
        var content = DocxMerger.Merge(template.Content, values, lists);

        audit.Record(new AuditEntry(AuditCategories.Content, AuditActions.DocumentCreated, type.Name, item.ContentItemId, item.DisplayText)
        {
            Changes = [new AuditChange("document", "Dokument", null, template.Purpose)],
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Document from template {TemplateId} made for content item {ContentItemId}", template.Id, item.ContentItemId);
        return new FilledDocument(FileNameOf(template.Purpose, item), content);
    }

    /// <summary>"Beslut vid beslutspunkt 1A2B3C4D.docx": the purpose and the item's reference, nothing a file system refuses.</summary>
    public static string FileNameOf(string purpose, ContentItem item)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '<', '>', '|', ':', '*', '?', '\\', '/']).ToHashSet();
        var safe = new string([.. purpose.Select(c => invalid.Contains(c) || char.IsControl(c) ? ' ' : c)]).Trim();
        return $"{(safe.Length == 0 ? "Dokument" : safe)} {ContentItemUrls.Reference(item.ContentItemId)}.docx";
    }
}
