using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Data;
using Microsoft.AspNetCore.Http;

namespace Kvalitetsportal.AuditTrail.Recording;

/// <summary>
/// Adds the event to the request's database context; it is written by the caller's SaveChanges, in
/// the same transaction as the change it describes. There is deliberately no SaveChanges here.
/// </summary>
public sealed class DatabaseAuditTrail(PortalDbContext db, IHttpContextAccessor http, TimeProvider clock) : IAuditTrail
{
    // Events recorded outside a request (recipes, background work) share one id per scope.
    private readonly string _scopeCorrelationId = Guid.NewGuid().ToString("N");

    public void Record(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var context = http.HttpContext;
        var actorId = entry.ActorId ?? context?.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var title = Cut(entry.SubjectTitle, AuditEvent.SubjectTitleLength) ?? "";
        db.Set<AuditEvent>().Add(new AuditEvent
        {
            OccurredUtc = clock.GetUtcNow().UtcDateTime,
            ActorId = Cut(actorId, AuditEvent.ActorIdLength),
            Category = Cut(entry.Category, AuditEvent.CategoryLength)!,
            Action = Cut(entry.Action, AuditEvent.ActionLength)!,
            SubjectType = Cut(entry.SubjectType, AuditEvent.SubjectTypeLength)!,
            SubjectId = Cut(entry.SubjectId, AuditEvent.SubjectIdLength)!,
            SubjectTitle = title,
            NormalizedSubjectTitle = title.ToLowerInvariant(),
            Changes = AuditJson.Write(entry.Changes),
            CorrelationId = Cut(context?.TraceIdentifier is { Length: > 0 } traceId ? traceId : _scopeCorrelationId, AuditEvent.CorrelationIdLength),
        });
    }

    private static string? Cut(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..(length - 1)] + "…";
}

/// <summary>The stored form of <see cref="AuditChange"/> lists.</summary>
public static class AuditJson
{
    /// <summary>A changed value longer than this is shortened; the item's versions keep the whole text.</summary>
    public const int MaxValueLength = 4000;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Keeps å, ä and ö readable in the stored JSON.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Write(IEnumerable<AuditChange> changes) =>
        JsonSerializer.Serialize(changes.Select(c => c with { Before = Shorten(c.Before), After = Shorten(c.After) }).ToList(), Options);

    public static IReadOnlyList<AuditChange> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<AuditChange>>(json, Options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Shorten(string? value) =>
        value is null || value.Length <= MaxValueLength ? value : value[..MaxValueLength] + "…";
}
