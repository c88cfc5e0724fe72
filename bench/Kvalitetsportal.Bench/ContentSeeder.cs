using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Bench;

public sealed record SeedResult(int BusyUnitId, IReadOnlyList<string> ItemIds);

/// <summary>
/// Writes a content type and N items with realistic Swedish text straight into the portal's
/// SQLite database (the portal is stopped meanwhile). Half the items belong to one unit, so a
/// filtered list has hundreds of pages.
/// </summary>
public static class ContentSeeder
{
    public const string TypeName = "Forbattringsforslag";

    private static readonly string[] Subjects = ["väntetiden i bygglov", "schemaläggningen i hemtjänsten", "introduktionen av nyanställda", "matsvinnet i skolköken", "kön till förskolan", "felanmälan av gatubelysning", "tolkbokningen", "arkiveringen av protokoll", "samordningen kring äldres läkemedel", "informationen till nyanlända"];
    private static readonly string[] Verbs = ["Kortare", "Enklare", "Digital", "Tydligare", "Gemensam", "Snabbare"];
    private static readonly string[] Sentences =
    [
        "Medarbetarna lägger mycket tid på att leta efter rätt blankett och ringa runt till kollegor.",
        "Invånarna får vänta onödigt länge på besked och hör av sig flera gånger till kontaktcenter.",
        "Vi har provat att samla alla uppgifter på ett ställe och det gav färre missförstånd.",
        "Förslaget kräver ingen ny budget, bara att vi ändrar arbetssättet och utbildar handläggarna.",
        "Andra kommuner har infört liknande rutiner med goda resultat för både personal och brukare.",
        "Det skulle minska antalet fel i handläggningen och ge en jämnare kvalitet mellan enheterna.",
        "Äldre personer som inte använder e-tjänster måste fortfarande kunna få hjälp på telefon.",
        "Vi föreslår att förändringen testas i liten skala under tre månader innan den sprids.",
        "Schemaläggningen görs i dag för hand i ett kalkylark som bara två personer kan ändra.",
        "Brukarna i hemtjänsten möter många olika medarbetare under en vecka, vilket skapar otrygghet.",
        "Förbättringen skulle frigöra ungefär en halv tjänst som kan läggas på direkt brukartid.",
        "Nyanställda får sin introduktion utspridd på flera veckor och saknar en checklista.",
        "Kökspersonalen väger matsvinnet varje dag men resultaten följs inte upp av någon.",
        "Felanmälningar kommer in via telefon, e-post och formulär och registreras dubbelt.",
        "Vårdnadshavare har svårt att förstå hur kön till förskolan fungerar och när besked kommer.",
        "Protokollen skannas in två gånger eftersom diariet och arkivet använder olika system.",
        "En gemensam rutin för läkemedelshantering skulle minska risken för avvikelser.",
        "Tolkar bokas med kort varsel och ibland kommer ingen tolk alls till mötet.",
        "Handläggarna efterfrågar bättre stöd i det digitala ärendehanteringssystemet.",
        "Vi har mätt väntetiderna under våren och de har ökat med nästan en vecka.",
    ];

    /// <summary>Medarbetare may see their own items of the type, so a search as an employee is trimmed by owner.</summary>
    public static async Task SeedTypeAsync(string dataFolder)
    {
        await using var db = new SqlitePortalDbContext(Options(dataFolder), Catalog());
        db.Add(new ContentTypeRecord { Name = TypeName, DisplayName = Type.DisplayName, Definition = JsonSerializer.Serialize(Type, ContentDefinitionCache.Json), Revision = 1, UpdatedUtc = DateTime.UtcNow });
        db.Add(new RolePermissionGrant { RoleName = "Medarbetare", PermissionName = ContentPermissions.Name(TypeName, ContentAction.ViewOwn) });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// N items with 2–8 + 1–6 sentences of text (about 200–1 600 characters), a third of them owned by
    /// each of the administrator, Anna and Karl; with <paramref name="logTasks"/> each also gets an
    /// indexing log entry, as a save through the portal would write.
    /// </summary>
    public static async Task<SeedResult> SeedItemsAsync(string dataFolder, int count, bool logTasks)
    {
        var options = Options(dataFolder);
        var random = new Random(20261126);
        List<string> owners;
        List<int> units;
        await using (var db = new SqlitePortalDbContext(options, Catalog()))
        {
            owners = await db.Set<PortalUser>().Where(u => u.Email == PortalProcess.AdminEmail || u.Email == PortalProcess.EmployeeEmail || u.Email == "karl.chef@kvalitetsportal.local").Select(u => u.Id).ToListAsync();
            units = await db.Set<OrganisationUnit>().Where(u => u.Kind == UnitKind.Enhet).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync();
        }

        var busyUnit = units[0];
        var ids = new List<string>(count);
        var start = DateTime.UtcNow.AddYears(-3);
        const int batch = 5_000;
        for (var offset = 0; offset < count; offset += batch)
        {
            await using var db = new SqlitePortalDbContext(options, Catalog());
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = offset; i < Math.Min(count, offset + batch); i++)
            {
                var item = NewItem(random, i, owners[i % owners.Count], random.Next(2) == 0 ? busyUnit : units[random.Next(units.Count)], start, random.Next(2, 9), random.Next(1, 7));
                ids.Add(item.ContentItemId);
                db.Add(item);
                if (logTasks)
                {
                    db.Add(new IndexingTask { ContentItemId = item.ContentItemId, Kind = IndexingTask.Update, CreatedUtc = DateTime.UtcNow });
                }
            }

            await db.SaveChangesAsync();
        }

        return new SeedResult(busyUnit, ids);
    }

    private static readonly ContentTypeDefinition Type = new()
    {
        Name = TypeName,
        DisplayName = "Förbättringsförslag",
        Fields =
        [
            new() { Name = "problem", Label = "Vad är problemet?", Kind = FieldKind.LongText, Required = true, Order = 1, Searchable = true },
            new() { Name = "forslag", Label = "Ditt förslag", Kind = FieldKind.LongText, Order = 2, Searchable = true },
            new() { Name = "nytta", Label = "Förväntad nytta", Kind = FieldKind.Choice, Choices = ["Liten", "Stor", "Mycket stor"], Order = 3, ShowInList = true },
            new() { Name = "startdatum", Label = "Önskat startdatum", Kind = FieldKind.Date, Order = 4, ShowInList = true },
            new() { Name = "enhet", Label = "Berörd enhet", Kind = FieldKind.OrganisationUnit, Order = 5 },
        ],
    };

    /// <summary>EF caches one model per context type in a process, so every benchmark's tables are in this one catalog.</summary>
    internal static ModuleCatalog Catalog() => ModuleCatalog.FromAssemblies([typeof(ContentItem).Assembly, typeof(Idesluss.Data.IdeaRecord).Assembly, typeof(PortalUser).Assembly, typeof(OrganisationUnit).Assembly, typeof(IndexingTask).Assembly, typeof(Workflows.Instances.WorkflowInstance).Assembly, typeof(Notifications.Outbox.OutboxMessage).Assembly]);

    private static DbContextOptions<SqlitePortalDbContext> Options(string dataFolder) =>
        new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={Path.Combine(dataFolder, "kvalitetsportal.db")}").Options;

    private static ContentItem NewItem(Random random, int i, string ownerId, int unit, DateTime start, int problemSentences, int proposalSentences)
    {
        var title = $"{Verbs[random.Next(Verbs.Length)]} {Subjects[random.Next(Subjects.Length)]} ({i})";
        var data = new JsonObject
        {
            ["problem"] = Paragraph(random, problemSentences),
            ["forslag"] = Paragraph(random, proposalSentences),
            ["nytta"] = new[] { "Liten", "Stor", "Mycket stor" }[random.Next(3)],
            ["startdatum"] = DateOnly.FromDateTime(start.AddDays(random.Next(1200))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["enhet"] = unit,
        };
        var modified = start.AddMinutes(i * 15 + random.Next(10));
        return new ContentItem
        {
            ContentItemId = Guid.NewGuid().ToString("N"),
            ContentType = TypeName,
            OwnerId = ownerId,
            AuthorId = ownerId,
            Latest = true,
            Published = true,
            DisplayText = title,
            NormalizedTitle = title.ToLowerInvariant(),
            OrganisationUnitId = unit,
            CreatedUtc = modified,
            ModifiedUtc = modified,
            PublishedUtc = modified,
            Data = data.ToJsonString(),
        };
    }

    public static async Task<SeedResult> SeedAsync(string dataFolder, int count)
    {
        var catalog = Catalog();
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={Path.Combine(dataFolder, "kvalitetsportal.db")}").Options;
        var random = new Random(20261126);
        string ownerId;
        List<int> units;
        await using (var db = new SqlitePortalDbContext(options, catalog))
        {
            ownerId = await db.Set<PortalUser>().Where(u => u.Email == PortalProcess.AdminEmail).Select(u => u.Id).SingleAsync();
            units = await db.Set<OrganisationUnit>().Where(u => u.Kind == UnitKind.Enhet).Select(u => u.Id).ToListAsync();
            var type = new ContentTypeDefinition
            {
                Name = TypeName,
                DisplayName = "Förbättringsförslag",
                Fields =
                [
                    new() { Name = "problem", Label = "Vad är problemet?", Kind = FieldKind.LongText, Required = true, Order = 1, Searchable = true },
                    new() { Name = "forslag", Label = "Ditt förslag", Kind = FieldKind.LongText, Order = 2, Searchable = true },
                    new() { Name = "nytta", Label = "Förväntad nytta", Kind = FieldKind.Choice, Choices = ["Liten", "Stor", "Mycket stor"], Order = 3, ShowInList = true },
                    new() { Name = "startdatum", Label = "Önskat startdatum", Kind = FieldKind.Date, Order = 4, ShowInList = true },
                    new() { Name = "enhet", Label = "Berörd enhet", Kind = FieldKind.OrganisationUnit, Order = 5 },
                ],
            };
            db.Add(new ContentTypeRecord { Name = TypeName, DisplayName = type.DisplayName, Definition = JsonSerializer.Serialize(type, ContentDefinitionCache.Json), Revision = 1, UpdatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var busyUnit = units[0];
        var ids = new List<string>(count);
        var start = DateTime.UtcNow.AddYears(-3);
        const int batch = 5_000;
        for (var offset = 0; offset < count; offset += batch)
        {
            await using var db = new SqlitePortalDbContext(options, catalog);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = offset; i < Math.Min(count, offset + batch); i++)
            {
                var title = $"{Verbs[random.Next(Verbs.Length)]} {Subjects[random.Next(Subjects.Length)]} ({i})";
                var unit = random.Next(2) == 0 ? busyUnit : units[random.Next(units.Count)];
                var data = new JsonObject
                {
                    ["problem"] = Paragraph(random, 4),
                    ["forslag"] = Paragraph(random, 3),
                    ["nytta"] = new[] { "Liten", "Stor", "Mycket stor" }[random.Next(3)],
                    ["startdatum"] = DateOnly.FromDateTime(start.AddDays(random.Next(1200))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["enhet"] = unit,
                };
                var modified = start.AddMinutes(i * 15 + random.Next(10));
                var id = Guid.NewGuid().ToString("N");
                ids.Add(id);
                db.Add(new ContentItem
                {
                    ContentItemId = id,
                    ContentType = TypeName,
                    OwnerId = ownerId,
                    AuthorId = ownerId,
                    Latest = true,
                    Published = true,
                    DisplayText = title,
                    NormalizedTitle = title.ToLowerInvariant(),
                    OrganisationUnitId = unit,
                    CreatedUtc = modified,
                    ModifiedUtc = modified,
                    PublishedUtc = modified,
                    Data = data.ToJsonString(),
                });
            }

            await db.SaveChangesAsync();
        }

        return new SeedResult(busyUnit, ids);
    }

    private static string Paragraph(Random random, int sentences)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            text.Append(Sentences[random.Next(Sentences.Length)]).Append(' ');
        }

        return text.ToString().Trim();
    }
}
