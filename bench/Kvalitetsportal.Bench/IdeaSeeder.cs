using System.Text;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Idesluss.Ideas;
using Kvalitetsportal.Lucene.Indexing;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Kvalitetsportal.Web.Data;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Bench;

/// <summary>What the Idésluss benchmark needs to know about the seeded data.</summary>
public sealed record IdeaSeed(
    IReadOnlyList<string> AllIdeaIds,
    IReadOnlyList<string> PublicIdeaIds,
    IReadOnlyList<int> ForvaltningIds,
    IReadOnlyList<string> Areas,
    int AnnasIdeas,
    int Assessments,
    IReadOnlyDictionary<string, int> PerState);

/// <summary>
/// Writes N ideas of the Idésluss module's own type ("Ide", from its recipe) straight into the
/// portal's SQLite database while the portal is stopped, as the module would have written them
/// over three years: the item row (state and holder columns), the idea projection
/// (<see cref="IdeaRecord"/>), the workflow instance and one history line per step taken, the
/// assessment items ("Bedomning") with the PICK quadrant for 10 per cent, some supporters and
/// comments, and one search change-log entry per item so the running portal indexes them.
/// Submitters are 2 000 generated employees (no password: they never sign in) plus Anna Andersson,
/// who gets a few ideas of her own for "Mina ärenden".
/// </summary>
public static class IdeaSeeder
{
    public const string SaraEmail = "sara.samordnare@kvalitetsportal.local";
    public const string LarsEmail = "lars.kvalitetsledare@kvalitetsportal.local";
    public const string KarlEmail = "karl.chef@kvalitetsportal.local";
    public const int Employees = 2_000;
    public const int ExtraAssessors = 24;
    public const int AnnaIdeas = 24;

    private const string Coordinator = "Idésluss-samordnare";

    // The default workflow (Recipes/idesluss.recipe.json): state, and the transitions out of it with their labels.
    private static readonly Dictionary<string, (string Id, string Label, string To)[]> Moves = new(StringComparer.Ordinal)
    {
        ["Inskickad"] = [("borja-prova", "Börja pröva", "Under prövning")],
        ["Under prövning"] = [("skicka-till-bedomning", "Skicka till bedömning", "Bedöms"), ("avsluta-provning", "Avsluta", "Avslutad"), ("overlamna-provning", "Lämna över till verksamheten", "Överlämnad till verksamhet")],
        ["Bedöms"] = [("testa", "Testa eller utred", "Utreds/Testas"), ("genomfor-direkt", "Genomför", "Genomförd"), ("avsluta-bedomning", "Avsluta", "Avslutad"), ("overlamna-bedomning", "Lämna över till verksamheten", "Överlämnad till verksamhet")],
        ["Utreds/Testas"] = [("genomford", "Genomförd", "Genomförd"), ("avsluta-test", "Avsluta", "Avslutad")],
        ["Genomförd"] = [("sprid", "Sprid", "Spridd")],
    };

    private static readonly HashSet<string> FinalStates = ["Spridd", "Avslutad", "Överlämnad till verksamhet"];

    /// <summary>States whose ideas every employee may read (the recipe's view roles are empty there).</summary>
    public static readonly HashSet<string> PublicStates = ["Utreds/Testas", "Genomförd", "Spridd", "Avslutad", "Överlämnad till verksamhet"];

    private static readonly string[] FirstNames = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Per", "Lena", "Mikael", "Emma", "Fredrik", "Ingrid", "Ali", "Fatima", "Mohammed", "Elin", "Oskar", "Sofia", "Nils", "Hanna", "Gustav", "Amira", "Jonas", "Malin", "Ahmed", "Linnea", "Mats"];
    private static readonly string[] LastNames = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Hassan", "Mohammadi", "Berg", "Lund", "Holm", "Sandberg"];

    private static readonly string[] Subjects =
    [
        "väntetiden i bygglov", "schemaläggningen i hemtjänsten", "introduktionen av nyanställda", "matsvinnet i skolköken", "kön till förskolan",
        "felanmälan av gatubelysning", "tolkbokningen", "arkiveringen av protokoll", "läkemedelshanteringen på äldreboendet", "informationen till nyanlända",
        "bokningen av lokaler", "utskicken till vårdnadshavare", "fakturahanteringen", "sjukfrånvaron i förskolan", "parkeringstillstånden",
        "snöröjningen vid skolor", "besöken hos biståndshandläggare", "e-tjänsten för försörjningsstöd", "överlämningen mellan skift", "rekryteringen av vikarier",
    ];

    private static readonly string[] TitleStarts = ["Kortare", "Enklare", "Digital", "Tydligare", "Gemensam", "Snabbare", "Tryggare", "Smartare", "Bättre"];

    private static readonly string[] Problems =
    [
        "Medarbetarna lägger mycket tid på att leta efter rätt blankett och ringa runt till kollegor.",
        "Invånarna får vänta onödigt länge på besked och hör av sig flera gånger till kontaktcenter.",
        "Schemat görs i dag för hand i ett kalkylark som bara två personer kan ändra.",
        "Brukarna möter många olika medarbetare under en vecka, vilket skapar otrygghet.",
        "Nyanställda får sin introduktion utspridd på flera veckor och saknar en checklista.",
        "Kökspersonalen väger matsvinnet varje dag men resultaten följs inte upp av någon.",
        "Felanmälningar kommer in via telefon, e-post och formulär och registreras dubbelt.",
        "Vårdnadshavare har svårt att förstå hur kön fungerar och när besked kommer.",
        "Protokollen skannas in två gånger eftersom diariet och arkivet använder olika system.",
        "Tolkar bokas med kort varsel och ibland kommer ingen tolk alls till mötet.",
        "Vi har mätt väntetiderna under våren och de har ökat med nästan en vecka.",
        "Samma uppgifter skrivs in i tre olika system, och det blir fel när någon glömmer ett av dem.",
        "Informationen på webben är inaktuell och stämmer inte med det vi säger i telefon.",
    ];

    private static readonly string[] Whom =
    [
        "Invånare som söker bygglov för första gången och inte vet vilka handlingar som behövs.",
        "Brukarna i hemtjänsten och deras anhöriga.",
        "Kollegor på enheten, särskilt de som arbetar kvällar och helger.",
        "Vårdnadshavare med barn i förskolan, inte minst de som inte har svenska som modersmål.",
        "Äldre personer som inte använder e-tjänster och vill kunna ringa.",
        "Nyanställda och vikarier som ska komma in i arbetet snabbt.",
        "Företagare som behöver besked innan de kan anställa.",
    ];

    private static readonly string[] Solutions =
    [
        "Vi föreslår en gemensam checklista som alla enheter använder och som uppdateras en gång i kvartalet.",
        "Samla alla uppgifter på ett ställe i ärendesystemet, så att ingen behöver fråga efter dem igen.",
        "Testa i liten skala under tre månader innan förändringen sprids till fler enheter.",
        "Inför fasta kontaktpersoner, så att varje brukare möter färre medarbetare.",
        "Skicka ett automatiskt sms när ärendet har kommit in och när det är klart.",
        "Låt en person per enhet ansvara för rutinen och följa upp den på arbetsplatsträffen.",
        "Gör om blanketten till en e-tjänst som kontrollerar att allt är ifyllt innan den skickas.",
        "Visa kötiden på webben och uppdatera den varje vecka.",
    ];

    private static readonly string[] Benefits =
    [
        "Förbättringen skulle frigöra ungefär en halv tjänst som kan läggas på direkt brukartid.",
        "Färre samtal till kontaktcenter och kortare handläggningstid, uppskattningsvis en vecka.",
        "Det skulle minska antalet fel i handläggningen och ge en jämnare kvalitet mellan enheterna.",
        "Tryggare brukare och anhöriga, och mindre stress i personalgruppen.",
        "Förslaget kräver ingen ny budget, bara att vi ändrar arbetssättet.",
        "Mindre matsvinn ger både lägre kostnader och mindre klimatpåverkan.",
    ];

    private static readonly string[] Comments =
    [
        "Bra idé! Vi har samma problem på vår enhet.",
        "Det här har vi provat i en annan kommun och det fungerade bra.",
        "Hur skulle det fungera för dem som inte har smarttelefon?",
        "Jag stöder förslaget, det skulle spara mycket tid för oss.",
        "Kanske kan man börja med en enhet och se hur det går?",
    ];

    public static async Task<IdeaSeed> SeedAsync(string dataFolder, int count)
    {
        var random = new Random(20261127);
        var now = DateTime.UtcNow;
        string annaId, saraId, larsId, karlId;
        List<int> units;
        List<int> forvaltningar;
        List<string> areas;
        int workflowVersion;
        await using (var db = Context(dataFolder))
        {
            var users = await db.Set<PortalUser>().Where(u => u.Email != null).ToDictionaryAsync(u => u.Email!, u => u.Id);
            annaId = users[PortalProcess.EmployeeEmail];
            saraId = users[SaraEmail];
            larsId = users[LarsEmail];
            karlId = users[KarlEmail];
            units = await db.Set<OrganisationUnit>().Where(u => u.Kind == UnitKind.Enhet).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync();
            forvaltningar = await db.Set<OrganisationUnit>().Where(u => u.Kind == UnitKind.Forvaltning).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync();
            var ideaType = await db.Set<Contents.Definitions.ContentTypeRecord>().SingleAsync(t => t.Name == IdeaTypes.Idea);
            var definition = System.Text.Json.JsonSerializer.Deserialize<Contents.Definitions.ContentTypeDefinition>(ideaType.Definition, Contents.Definitions.ContentDefinitionCache.Json)!;
            areas = definition.Field(IdeaTypes.Area)!.Choices;
            workflowVersion = await db.Set<WorkflowDefinitionRecord>().Where(w => w.ContentType == IdeaTypes.Idea).MaxAsync(w => w.Version);
        }

        // Employees who give ideas, and Kvalitetsledare who assess them.
        var employees = new List<string>(Employees);
        var assessors = new List<string> { larsId };
        await using (var db = Context(dataFolder))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var roles = await db.Set<PortalRole>().ToDictionaryAsync(r => r.Name!, r => r.Id);
            for (var i = 0; i < Employees + ExtraAssessors; i++)
            {
                var assessor = i >= Employees;
                var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
                var email = assessor ? $"kvalitetsledare{i - Employees + 1}@kommun.test" : $"medarbetare{i + 1}@kommun.test";
                var user = new PortalUser
                {
                    Id = Guid.NewGuid().ToString(),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    DisplayName = name,
                    OrganisationUnitId = units[random.Next(units.Count)],
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    CreatedAt = now.AddYears(-4),
                };
                db.Add(user);
                db.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles["Medarbetare"] });
                if (assessor)
                {
                    db.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles["Kvalitetsledare"] });
                    assessors.Add(user.Id);
                }
                else
                {
                    employees.Add(user.Id);
                }
            }

            await db.SaveChangesAsync();
        }

        var all = new List<string>(count);
        var publicIds = new List<string>();
        var perState = new Dictionary<string, int>(StringComparer.Ordinal);
        var assessed = 0;
        var annas = 0;
        const int batch = 5_000;
        for (var offset = 0; offset < count; offset += batch)
        {
            await using var db = Context(dataFolder);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = offset; i < Math.Min(count, offset + batch); i++)
            {
                // Every 4 000th idea is Anna's; ages spread evenly over three years, newest last.
                var owner = i % (count / AnnaIdeas) == 7 && annas < AnnaIdeas ? annaId : employees[random.Next(employees.Count)];
                annas += owner == annaId ? 1 : 0;
                var created = now.AddDays(-1095.0 * (count - i) / count).AddMinutes(-random.Next(600));
                var unit = units[random.Next(units.Count)];
                var area = random.Next(10) == 0 ? null : areas[random.Next(areas.Count)];
                var withAssessment = i % 10 == 3;
                var id = Guid.NewGuid().ToString("N");

                // Walk the workflow: older ideas have come further; an assessed idea has passed "Bedöms".
                var ageDays = (now - created).TotalDays;
                var state = "Inskickad";
                var at = created;
                var history = new List<WorkflowHistoryEntry>
                {
                    new() { ContentItemId = id, DefinitionVersion = workflowVersion, ToState = state, ActorId = owner, OccurredUtc = created },
                };
                string? assessorId = null;
                while (Moves.TryGetValue(state, out var moves))
                {
                    var mustReachAssessment = withAssessment && state is "Inskickad" or "Under prövning";
                    var stop = !mustReachAssessment && random.NextDouble() < (ageDays < 30 ? 0.6 : ageDays < 180 ? 0.3 : 0.12);
                    var next = at.AddDays(2 + random.NextDouble() * (state == "Utreds/Testas" ? 90 : 25));
                    if (stop || next > now)
                    {
                        break;
                    }

                    var move = state == "Under prövning" && mustReachAssessment ? moves[0]
                        : moves[random.NextDouble() < 0.6 ? 0 : random.Next(moves.Length)];
                    history.Add(new WorkflowHistoryEntry
                    {
                        ContentItemId = id, DefinitionVersion = workflowVersion, TransitionId = move.Id, TransitionLabel = move.Label,
                        FromState = state, ToState = move.To, ActorId = saraId, OccurredUtc = next,
                        Comment = random.Next(3) == 0 ? "Motivering: " + Benefits[random.Next(Benefits.Length)] : null,
                    });
                    state = move.To;
                    at = next;
                    if (state == "Bedöms")
                    {
                        assessorId = assessors[random.Next(assessors.Count)];
                    }
                }

                // The holder: the coordinators' role when submitted, the assessor once one is chosen,
                // nobody in a final state, the unit's manager when handed over (the recipe's "assign").
                var holder = state == "Överlämnad till verksamhet" ? Contents.Access.Assignee.User(karlId)
                    : FinalStates.Contains(state) ? null
                    : assessorId is not null ? Contents.Access.Assignee.User(assessorId)
                    : Contents.Access.Assignee.Role(Coordinator);
                var goodExample = state is "Spridd" || (state == "Genomförd" && random.Next(4) == 0);
                var namePublic = random.Next(3) > 0;
                var title = $"{TitleStarts[random.Next(TitleStarts.Length)]} {Subjects[random.Next(Subjects.Length)]}";
                var data = new JsonObject
                {
                    [IdeaTypes.Problem] = Sentences(random, Problems, 1, 4),
                    [IdeaTypes.ForWhom] = Whom[random.Next(Whom.Length)],
                    [IdeaTypes.Solution] = Sentences(random, Solutions, 1, 3),
                    [IdeaTypes.Benefit] = Sentences(random, Benefits, 1, 2),
                    [IdeaTypes.Area] = area,
                    [IdeaTypes.NamePublic] = namePublic,
                    [IdeaTypes.CampaignField] = null,
                    [IdeaTypes.GoodExample] = goodExample,
                    [IdeaTypes.WhatWasDone] = goodExample ? Solutions[random.Next(Solutions.Length)] : null,
                    [IdeaTypes.WhatItGave] = goodExample ? Benefits[random.Next(Benefits.Length)] : null,
                };
                db.Add(new ContentItem
                {
                    ContentItemId = id,
                    ContentType = IdeaTypes.Idea,
                    OwnerId = owner,
                    AuthorId = owner,
                    Latest = true,
                    Published = true,
                    DisplayText = title,
                    NormalizedTitle = title.ToLowerInvariant(),
                    OrganisationUnitId = unit,
                    WorkflowState = state,
                    AssignedTo = holder,
                    CreatedUtc = created,
                    ModifiedUtc = created,
                    PublishedUtc = created,
                    Data = data.ToJsonString(),
                });
                db.Add(new WorkflowInstance { ContentItemId = id, ContentType = IdeaTypes.Idea, DefinitionVersion = workflowVersion, StartedUtc = created, EnteredStateUtc = at, Revision = history.Count });
                foreach (var entry in history)
                {
                    db.Add(entry);
                }

                PickQuadrant? pick = null;
                if (withAssessment && assessorId is not null)
                {
                    var large = (Effect: random.Next(2) == 1, Effort: random.Next(2) == 1);
                    pick = (large.Effect, large.Effort) switch
                    {
                        (false, false) => PickQuadrant.Possible,
                        (true, false) => PickQuadrant.Implement,
                        (true, true) => PickQuadrant.Challenge,
                        _ => PickQuadrant.Kill,
                    };
                    var assessedAt = history.First(h => h.ToState == "Bedöms").OccurredUtc.AddDays(1 + random.Next(10));
                    var assessmentId = Guid.NewGuid().ToString("N");
                    var assessment = new JsonObject
                    {
                        [IdeaTypes.AssessedIdea] = id,
                        [IdeaTypes.Effect] = large.Effect ? "Stor effekt" : "Liten effekt",
                        [IdeaTypes.Effort] = large.Effort ? "Stor insats" : "Liten insats",
                        ["citizenBenefit"] = Sentences(random, Benefits, 1, 2),
                        ["feasibility"] = Sentences(random, Solutions, 1, 2),
                        ["recommendation"] = new[] { "Genomför", "Testa i liten skala", "Utred vidare", "Avsluta" }[random.Next(4)],
                        ["privateNote"] = random.Next(2) == 0 ? "Prata med enhetschefen innan beslut." : null,
                    };
                    var assessmentTitle = "Bedömning: " + title;
                    db.Add(new ContentItem
                    {
                        ContentItemId = assessmentId,
                        ContentType = IdeaTypes.Assessment,
                        OwnerId = assessorId,
                        AuthorId = assessorId,
                        Latest = true,
                        Published = true,
                        DisplayText = assessmentTitle,
                        NormalizedTitle = assessmentTitle.ToLowerInvariant(),
                        OrganisationUnitId = unit,
                        CreatedUtc = assessedAt,
                        ModifiedUtc = assessedAt,
                        PublishedUtc = assessedAt,
                        Data = assessment.ToJsonString(),
                    });
                    db.Add(new IndexingTask { ContentItemId = assessmentId, Kind = IndexingTask.Update, CreatedUtc = now });
                    assessed++;
                }

                // Supporters and comments on ideas everyone can read.
                var supporters = PublicStates.Contains(state) && random.Next(4) == 0 ? random.Next(1, 12) : 0;
                var supportedBy = new HashSet<string>(StringComparer.Ordinal);
                for (var s = 0; s < supporters; s++)
                {
                    var supporter = employees[random.Next(employees.Count)];
                    if (supporter != owner && supportedBy.Add(supporter))
                    {
                        db.Add(new IdeaReaction { ContentItemId = id, UserId = supporter, Kind = ReactionKind.Support, CreatedUtc = at });
                    }
                }

                if (PublicStates.Contains(state) && random.Next(8) == 0)
                {
                    for (var c = random.Next(1, 4); c > 0; c--)
                    {
                        db.Add(new IdeaComment { ContentItemId = id, AuthorId = employees[random.Next(employees.Count)], Text = Comments[random.Next(Comments.Length)], CreatedUtc = at.AddHours(c) });
                    }
                }

                db.Add(new IdeaRecord { ContentItemId = id, Area = area, NamePublic = namePublic, GoodExample = goodExample, AssessorId = assessorId, Pick = pick, Supporters = supportedBy.Count });
                db.Add(new IndexingTask { ContentItemId = id, Kind = IndexingTask.Update, CreatedUtc = now });
                all.Add(id);
                if (PublicStates.Contains(state))
                {
                    publicIds.Add(id);
                }

                perState[state] = perState.GetValueOrDefault(state) + 1;
            }

            await db.SaveChangesAsync();
        }

        return new IdeaSeed(all, publicIds, forvaltningar, areas, annas, assessed, perState);
    }

    private static string Sentences(Random random, string[] pool, int min, int max)
    {
        var text = new StringBuilder();
        for (var i = random.Next(min, max + 1); i > 0; i--)
        {
            text.Append(pool[random.Next(pool.Length)]).Append(' ');
        }

        return text.ToString().Trim();
    }

    internal static SqlitePortalDbContext Context(string dataFolder) => new(
        new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={Path.Combine(dataFolder, "kvalitetsportal.db")}").Options,
        ContentSeeder.Catalog());
}
