using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Documents.Templates;

/// <summary>The template list without the files, for pages.</summary>
public sealed record TemplateSummary(int Id, string ContentType, string Purpose, string FileName, string Fields, long Size, DateTime UploadedUtc);

/// <summary>Reads and writes document templates; the only writer of the table. Uploads and removals are audited.</summary>
public sealed class DocumentTemplates(PortalDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public const string AuditSubjectType = "Dokumentmall";

    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(string? contentType, CancellationToken cancellationToken)
    {
        var query = db.Set<DocumentTemplate>().AsNoTracking();
        if (contentType is not null)
        {
            query = query.Where(t => t.ContentType == contentType);
        }

        var rows = await query
            .Select(t => new TemplateSummary(t.Id, t.ContentType, t.Purpose, t.FileName, t.Fields, t.Content.Length, t.UploadedUtc))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(t => t.ContentType, StringComparer.Ordinal).ThenBy(t => t.Purpose, StringComparer.CurrentCulture)];
    }

    public Task<DocumentTemplate?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Set<DocumentTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Saves the template; one with the same type and purpose (in any case) is replaced. Returns whether it replaced one.</summary>
    public async Task<bool> SaveAsync(string contentType, string purpose, string fileName, byte[] content, IReadOnlyList<string> fields, string? userId, CancellationToken cancellationToken)
    {
        var existing = (await db.Set<DocumentTemplate>().Where(t => t.ContentType == contentType).ToListAsync(cancellationToken))
            .FirstOrDefault(t => string.Equals(t.Purpose, purpose, StringComparison.OrdinalIgnoreCase));
        var template = existing ?? new DocumentTemplate { ContentType = contentType, Purpose = purpose, FileName = fileName, Content = content };
        var before = existing?.FileName;
        template.Purpose = purpose;
        template.FileName = fileName;
        template.Content = content;
        template.Fields = string.Join(", ", fields);
        template.UploadedUtc = clock.GetUtcNow().UtcDateTime;
        template.UploadedById = userId;
        if (existing is null)
        {
            db.Add(template);
        }

        audit.Record(new AuditEntry(AuditCategories.Content, existing is null ? AuditActions.Created : AuditActions.Updated, AuditSubjectType, contentType, $"{contentType}: {purpose}")
        {
            Changes = AuditValues.Changes(("file", "Fil", before, fileName), ("fields", "Fält", null, template.Fields)),
        });
        await db.SaveChangesAsync(cancellationToken);
        return existing is not null;
    }

    public async Task<bool> RemoveAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Set<DocumentTemplate>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } template)
        {
            return false;
        }

        db.Remove(template);
        audit.Record(new AuditEntry(AuditCategories.Content, AuditActions.Removed, AuditSubjectType, template.ContentType, $"{template.ContentType}: {template.Purpose}"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
