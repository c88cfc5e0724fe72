using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.PersonalData;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;

namespace Kvalitetsportal.PublicDuties.RegisterExtracts;

/// <summary>A person's register extract: every module's section, in the modules' order.</summary>
public sealed record RegisterExtract(string UserId, string DisplayName, DateTimeOffset ProducedAt, IReadOnlyList<PersonalDataSection> Sections);

/// <summary>
/// Asks every <see cref="IPersonalDataSource"/> for what it holds about one person, and records that an
/// extract was produced (who asked, for whom) in the audit log. Who may ask for whom is the caller's
/// check: the person's own page passes only the signed-in user's id.
/// </summary>
public sealed class RegisterExtractService(
    IEnumerable<IPersonalDataSource> sources,
    UserManager<PortalUser> users,
    IAuditTrail audit,
    PortalDbContext db,
    TimeProvider clock)
{
    public const string ExtractedAction = AuditActions.PersonalDataExtracted;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The extract, or null when there is no such account.</summary>
    public async Task<RegisterExtract?> ProduceAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        var sections = new List<PersonalDataSection>();
        foreach (var source in sources.OrderBy(s => s.Order))
        {
            sections.Add(await source.ExtractAsync(userId, cancellationToken));
        }

        audit.Record(new AuditEntry(AuditCategories.Users, ExtractedAction, AuditSubjectTypes.User, user.Id, user.DisplayName));
        await db.SaveChangesAsync(cancellationToken);
        return new RegisterExtract(user.Id, user.DisplayName, clock.GetUtcNow(), sections);
    }

    /// <summary>The extract as a JSON file the person can keep or take elsewhere.</summary>
    public static byte[] ToJson(RegisterExtract extract) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        registerutdrag = "Registerutdrag enligt dataskyddsförordningen artikel 15",
        personuppgiftsansvarig = "Kommunen (se tillgänglighets- och dataskyddsinformationen i portalen)",
        framtaget = extract.ProducedAt,
        person = new { id = extract.UserId, namn = extract.DisplayName },
        delar = extract.Sections.Select(s => new
        {
            rubrik = s.Title,
            syfte = s.Purpose,
            uppgifter = s.Records.Select(r => new
            {
                rubrik = r.Heading,
                varden = r.Values.Select(v => new { falt = v.Label, varde = v.Value }),
            }),
        }),
    }, Json);
}
