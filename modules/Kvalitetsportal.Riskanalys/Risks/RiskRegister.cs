using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Riskanalys.Data;
using Kvalitetsportal.Riskanalys.Matrix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Riskanalys.Risks;

/// <summary>
/// The register (see <see cref="IRiskRegister"/>): risks are content items of the type "Risk"
/// (Contents writes them and decides who sees them); this class adds the matrix valuations, the
/// history and the typed projection the heat maps read.
/// </summary>
public sealed class RiskRegister(
    PortalDbContext db,
    IContentQuery query,
    IContentManager contents,
    IContentDefinitionStore definitions,
    ContentAccessService access,
    ContentAuthorizer authorizer,
    IContentMembers members,
    IPermissionService permissions,
    IUnitDirectory units,
    IEnumerable<IPersonDirectory> people,
    RiskMatrixStore matrices,
    TimeProvider clock,
    ILogger<RiskRegister> logger) : IRiskRegister
{
    public const int MaxTitleLength = 300;
    public const int MaxTextLength = 4000;
    public const int MaxLegalGroundLength = 200;

    /// <summary>The membership role of those who keep a secret risk (who marked it, the risk owner).</summary>
    public const string RiskGroupRole = "riskgrupp";

    // A class with settable members (not a positional record): EF translates filters and ordering on it.
    private sealed class Row
    {
        public required ContentItem Item { get; init; }

        public RiskRecord? Record { get; init; }
    }

    public Task<RiskMatrix> MatrixAsync(CancellationToken cancellationToken = default) => matrices.GetAsync(cancellationToken);

    public Task<bool> MayChangeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        permissions.HasPermissionAsync(user, RiskanalysPermissions.ValueName, cancellationToken);

    public async Task<IReadOnlyList<RiskSummary>> ForItemAsync(ClaimsPrincipal reader, string contentItemId, CancellationToken cancellationToken = default) =>
        ContentItemIds.IsWellFormed(contentItemId)
            ? await SearchAsync(reader, new RiskFilter { ItemId = contentItemId }, 1000, cancellationToken)
            : [];

    public async Task<IReadOnlyList<RiskSummary>> SearchAsync(ClaimsPrincipal reader, RiskFilter filter, int take = 500, CancellationToken cancellationToken = default)
    {
        var rows = await FilteredAsync(reader, filter, cancellationToken);
        if (rows is null)
        {
            return [];
        }

        // Highest gross value first; unvalued risks last.
        var page = await rows
            .OrderBy(r => r.Record!.GrossProbability == null || r.Record.GrossConsequence == null ? 1 : 0) // same on every provider (NULLs sort differently)
            .ThenByDescending(r => r.Record!.GrossProbability * r.Record.GrossConsequence)
            .ThenBy(r => r.Item.DisplayText)
            .Take(Math.Clamp(take, 1, 5000))
            .ToListAsync(cancellationToken);
        return [.. page.Select(Summary)];
    }

    public async Task<HeatMapCounts> HeatMapAsync(ClaimsPrincipal reader, RiskFilter filter, ValuationKind kind, CancellationToken cancellationToken = default)
    {
        var rows = await FilteredAsync(reader, filter, cancellationToken);
        if (rows is null)
        {
            return new HeatMapCounts(kind, new Dictionary<RiskPosition, int>());
        }

        var records = rows.Select(r => r.Record!);
        var cells = kind == ValuationKind.Gross
            ? await records.Where(r => r.GrossProbability != null && r.GrossConsequence != null)
                .GroupBy(r => new { P = r.GrossProbability!.Value, C = r.GrossConsequence!.Value })
                .Select(g => new { g.Key.P, g.Key.C, Count = g.Count() }).ToListAsync(cancellationToken)
            : await records.Where(r => r.ResidualProbability != null && r.ResidualConsequence != null)
                .GroupBy(r => new { P = r.ResidualProbability!.Value, C = r.ResidualConsequence!.Value })
                .Select(g => new { g.Key.P, g.Key.C, Count = g.Count() }).ToListAsync(cancellationToken);
        return new HeatMapCounts(kind, cells.ToDictionary(c => new RiskPosition(c.P, c.C), c => c.Count));
    }

    public async Task<RiskSummary?> FindAsync(ClaimsPrincipal reader, string riskId, CancellationToken cancellationToken = default)
    {
        if (!ContentItemIds.IsWellFormed(riskId))
        {
            return null;
        }

        var rows = await VisibleAsync(reader, cancellationToken);
        var row = rows is null ? null : await rows.FirstOrDefaultAsync(r => r.Item.ContentItemId == riskId, cancellationToken);
        return row is null ? null : Summary(row);
    }

    public async Task<bool> MaySeeItemAsync(ClaimsPrincipal reader, string contentItemId, CancellationToken cancellationToken = default)
    {
        if (!ContentItemIds.IsWellFormed(contentItemId))
        {
            return false;
        }

        var item = await contents.GetLatestAsync(contentItemId, cancellationToken);
        return item is not null
            && await definitions.GetAsync(item.ContentType, cancellationToken) is { } type
            && await authorizer.CanAsync(reader, type, item, ContentAction.ViewOwn, cancellationToken);
    }

    public async Task<RiskChangeResult> AddAsync(ClaimsPrincipal actor, string contentItemId, NewRisk input, CancellationToken cancellationToken = default)
    {
        if (!await MaySeeItemAsync(actor, contentItemId, cancellationToken))
        {
            return RiskChangeResult.Missing;
        }

        if (!await MayChangeAsync(actor, cancellationToken) || ContentAuthorizer.UserId(actor) is not { } actorId)
        {
            return RiskChangeResult.Refused;
        }

        var type = await TypeAsync(cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = input.Title.Trim();
        if (title.Length == 0)
        {
            errors[RiskInputs.Title] = "Skriv vad som kan hända (risken).";
        }
        else if (title.Length > MaxTitleLength)
        {
            errors[RiskInputs.Title] = FieldValues.TooLongLine("Risken", MaxTitleLength, title);
        }

        var data = new JsonObject();
        Parse(type, RiskTypes.Cause, input.Cause, RiskInputs.Cause, data, errors);
        Parse(type, RiskTypes.Consequence, input.Consequence, RiskInputs.Consequence, data, errors);
        Parse(type, RiskTypes.Category, input.Category, RiskInputs.Category, data, errors);
        Parse(type, RiskTypes.Goal, input.Goal, RiskInputs.Goal, data, errors);

        int? unitId = null;
        var tree = await units.LoadAsync(cancellationToken);
        if (!int.TryParse(input.UnitId, NumberStyles.None, CultureInfo.InvariantCulture, out var unit) || tree.NameOf(unit) is null)
        {
            errors[RiskInputs.UnitId] = "Välj den enhet som risken hör till.";
        }
        else
        {
            unitId = unit;
            data[RiskTypes.Unit] = unit;
        }

        var ownerEmail = input.OwnerEmail.Trim();
        if (ownerEmail.Length > 0)
        {
            var owner = ownerEmail.Length <= 256 && people.FirstOrDefault() is { } directory ? await directory.FindByEmailAsync(ownerEmail, cancellationToken) : null;
            if (owner is null)
            {
                errors[RiskInputs.OwnerEmail] = $"Det finns ingen användare med e-postadressen {ownerEmail}. Skriv riskägarens e-postadress.";
            }
            else
            {
                data[RiskTypes.Owner] = owner.Id;
            }
        }

        if (errors.Count > 0)
        {
            return new RiskChangeResult(errors);
        }

        data[RiskTypes.Item] = contentItemId;
        var created = await contents.CreateAsync(type, new ContentChange(title, unitId, data), actorId, publish: true, cancellationToken);
        logger.LogInformation("Risk {RiskId} added to item {ContentItemId} by user {UserId}", created.ContentItemId, contentItemId, actorId);
        return RiskChangeResult.Done(created.ContentItemId);
    }

    public async Task<RiskChangeResult> ValueAsync(ClaimsPrincipal actor, string riskId, ValuationKind kind, string? probability, string? consequence, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(actor, riskId, cancellationToken) is null)
        {
            return RiskChangeResult.Missing;
        }

        if (!await MayChangeAsync(actor, cancellationToken) || ContentAuthorizer.UserId(actor) is not { } actorId)
        {
            return RiskChangeResult.Refused;
        }

        var matrix = await matrices.GetAsync(cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var (p, probabilityError) = RiskMatrix.ParseLevel(probability, matrix.ProbabilityLevels, "Sannolikhet");
        var (c, consequenceError) = RiskMatrix.ParseLevel(consequence, matrix.ConsequenceLevels, "Konsekvens");
        if (probabilityError is not null)
        {
            errors[RiskInputs.Probability] = probabilityError;
        }

        if (consequenceError is not null)
        {
            errors[RiskInputs.ConsequenceLevel] = consequenceError;
        }

        if (errors.Count > 0)
        {
            return new RiskChangeResult(errors);
        }

        var record = await db.Set<RiskRecord>().FirstOrDefaultAsync(r => r.RiskId == riskId, cancellationToken);
        if (record is null)
        {
            record = new RiskRecord { RiskId = riskId };
            db.Add(record);
        }

        var from = kind == ValuationKind.Gross
            ? RiskPosition.Of(record.GrossProbability, record.GrossConsequence)
            : RiskPosition.Of(record.ResidualProbability, record.ResidualConsequence);
        var to = new RiskPosition(p!.Value, c!.Value);
        if (from == to)
        {
            return RiskChangeResult.Done(riskId); // nothing changed: no history line
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (kind == ValuationKind.Gross)
        {
            (record.GrossProbability, record.GrossConsequence) = (to.Probability, to.Consequence);
        }
        else
        {
            (record.ResidualProbability, record.ResidualConsequence) = (to.Probability, to.Consequence);
        }

        record.ModifiedUtc = now;
        db.Add(new RiskValuationChange
        {
            RiskId = riskId,
            Kind = kind,
            FromProbability = from?.Probability,
            FromConsequence = from?.Consequence,
            ToProbability = to.Probability,
            ToConsequence = to.Consequence,
            ByUserId = actorId,
            AtUtc = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Risk {RiskId} valued ({Kind}) {Probability}×{Consequence} by user {UserId}", riskId, kind, to.Probability, to.Consequence, actorId);
        return RiskChangeResult.Done(riskId);
    }

    public async Task<RiskChangeResult> TreatAsync(ClaimsPrincipal actor, string riskId, RiskTreatmentInput input, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(actor, riskId, cancellationToken) is null)
        {
            return RiskChangeResult.Missing;
        }

        if (!await MayChangeAsync(actor, cancellationToken) || ContentAuthorizer.UserId(actor) is not { } actorId)
        {
            return RiskChangeResult.Refused;
        }

        var type = await TypeAsync(cancellationToken);
        var item = await contents.GetLatestAsync(riskId, cancellationToken);
        if (item is null)
        {
            return RiskChangeResult.Missing;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var data = item.GetData();
        Parse(type, RiskTypes.Treatment, input.Treatment, RiskInputs.Treatment, data, errors, required: true);
        Parse(type, RiskTypes.TreatmentText, input.Description, RiskInputs.TreatmentText, data, errors);
        Parse(type, RiskTypes.AcceptedUntil, input.AcceptedUntil, RiskInputs.AcceptedUntil, data, errors);
        Parse(type, RiskTypes.Cost, input.Cost, RiskInputs.Cost, data, errors);
        Parse(type, RiskTypes.Complexity, input.Complexity, RiskInputs.Complexity, data, errors);
        if (!errors.ContainsKey(RiskInputs.Treatment) && !errors.ContainsKey(RiskInputs.AcceptedUntil)
            && input.Treatment.Trim() == RiskTypes.Accept && data[RiskTypes.AcceptedUntil] is null)
        {
            errors[RiskInputs.AcceptedUntil] = "En accepterad risk behöver ett datum då den ska värderas igen. Ange \"Accepterad till och med\".";
        }

        if (errors.Count > 0)
        {
            return new RiskChangeResult(errors);
        }

        try
        {
            await contents.UpdateAsync(type, riskId, input.Revision > 0 ? input.Revision : item.Revision, new ContentChange(item.DisplayText, item.OrganisationUnitId, data), actorId, publish: true, cancellationToken);
        }
        catch (ContentConcurrencyException)
        {
            return new RiskChangeResult(new Dictionary<string, string> { [RiskInputs.Form] = "Någon annan har ändrat risken medan du skrev. Läs den nya versionen och ange behandlingen igen." });
        }

        logger.LogInformation("Risk {RiskId} treatment set by user {UserId}", riskId, actorId);
        return RiskChangeResult.Done(riskId);
    }

    public async Task<RiskChangeResult> SetSecrecyAsync(ClaimsPrincipal actor, string riskId, string? legalGround, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(actor, riskId, cancellationToken) is not { } risk)
        {
            return RiskChangeResult.Missing;
        }

        if (!await MayChangeAsync(actor, cancellationToken) || ContentAuthorizer.UserId(actor) is not { } actorId)
        {
            return RiskChangeResult.Refused;
        }

        var ground = legalGround?.Trim() ?? "";
        if (ground.Length > MaxLegalGroundLength)
        {
            return new RiskChangeResult(new Dictionary<string, string> { [RiskInputs.LegalGround] = FieldValues.TooLongLine("Sekretessgrunden", MaxLegalGroundLength, ground) });
        }

        var type = await TypeAsync(cancellationToken);
        if (ground.Length > 0)
        {
            // A secret risk is closed to everyone but its members and the confidential roles: the one
            // who marks it and the risk owner become members first, so they keep the risk they work on.
            await members.AddAsync(type, riskId, actorId, RiskGroupRole, actorId, cancellationToken);
            if (risk.OwnerUserId is { } ownerId && ownerId != actorId)
            {
                await members.AddAsync(type, riskId, ownerId, RiskGroupRole, actorId, cancellationToken);
            }
        }

        await members.SetSecrecyAsync(type, riskId, ground.Length == 0 ? null : ground, actorId, cancellationToken);
        logger.LogInformation("Risk {RiskId} secrecy {Marking} by user {UserId}", riskId, ground.Length == 0 ? "lifted" : "set", actorId);
        return RiskChangeResult.Done(riskId);
    }

    public async Task<string?> SecrecyAsync(string riskId, CancellationToken cancellationToken = default) =>
        (await members.GetSecrecyAsync(riskId, cancellationToken))?.LegalGround;

    public async Task<IReadOnlyList<RiskValuationEntry>> HistoryAsync(ClaimsPrincipal reader, string riskId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(reader, riskId, cancellationToken) is null)
        {
            return [];
        }

        var changes = await db.Set<RiskValuationChange>().AsNoTracking().Where(c => c.RiskId == riskId)
            .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(500).ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var directory = people.FirstOrDefault();
        foreach (var userId in changes.Select(c => c.ByUserId).Distinct())
        {
            names[userId] = directory is null ? userId : (await directory.FindByIdAsync(userId, cancellationToken))?.Name ?? userId;
        }

        return [.. changes.Select(c => new RiskValuationEntry(c.Kind, RiskPosition.Of(c.FromProbability, c.FromConsequence), new RiskPosition(c.ToProbability, c.ToConsequence), c.ByUserId, names[c.ByUserId], c.AtUtc))];
    }

    private async Task<ContentTypeDefinition> TypeAsync(CancellationToken cancellationToken) =>
        await definitions.GetAsync(RiskTypes.Risk, cancellationToken)
        ?? throw new InvalidOperationException("The content type Risk is missing; the Riskanalys feature's recipe has not run.");

    // The latest version of every risk the reader may see, with its projection row.
    private async Task<IQueryable<Row>?> VisibleAsync(ClaimsPrincipal reader, CancellationToken cancellationToken)
    {
        if (await definitions.GetAsync(RiskTypes.Risk, cancellationToken) is not { } type)
        {
            return null;
        }

        var scope = await access.ScopeAsync(reader, type, ContentAccessKind.View, cancellationToken);
        if (scope.IsEmpty)
        {
            return null;
        }

        var items = query.Latest.Where(i => i.ContentType == RiskTypes.Risk && i.Published).Where(scope.ToPredicate());
        return from item in items
               join record in db.Set<RiskRecord>().AsNoTracking() on item.ContentItemId equals record.RiskId into records
               from record in records.DefaultIfEmpty()
               select new Row { Item = item, Record = record };
    }

    private async Task<IQueryable<Row>?> FilteredAsync(ClaimsPrincipal reader, RiskFilter filter, CancellationToken cancellationToken)
    {
        var rows = await VisibleAsync(reader, cancellationToken);
        if (rows is null)
        {
            return null;
        }

        if (filter.ItemId is { Length: > 0 } itemId)
        {
            rows = rows.Where(r => r.Record!.ItemId == itemId);
        }

        if (filter.Goal is { Length: > 0 } goal)
        {
            rows = rows.Where(r => r.Record!.Goal == goal);
        }

        if (filter.Category is { Length: > 0 } category)
        {
            rows = rows.Where(r => r.Record!.Category == category);
        }

        if (filter.UnitId is int unitId)
        {
            var subtree = (await units.LoadAsync(cancellationToken)).SelfAndDescendants(unitId).Select(u => (int?)u).ToList();
            rows = rows.Where(r => subtree.Contains(r.Item.OrganisationUnitId));
        }

        return rows;
    }

    private static void Parse(ContentTypeDefinition type, string fieldName, string typed, string input, JsonObject data, Dictionary<string, string> errors, bool required = false)
    {
        if (type.Field(fieldName) is not { } field)
        {
            return;
        }

        var (value, error) = FieldValues.Parse(field, new FieldInput([typed]));
        if (error is null && required && value is null)
        {
            error = $"{field.Label} måste fyllas i.";
        }

        if (error is not null)
        {
            errors[input] = error;
        }
        else
        {
            data[fieldName] = value;
        }
    }

    private static RiskSummary Summary(Row row)
    {
        var data = row.Item.GetData();
        return new RiskSummary
        {
            Id = row.Item.ContentItemId,
            Title = row.Item.DisplayText,
            Cause = RiskTypes.Text(data[RiskTypes.Cause]) ?? "",
            Consequence = RiskTypes.Text(data[RiskTypes.Consequence]) ?? "",
            Category = RiskTypes.Text(data[RiskTypes.Category]),
            Goal = RiskTypes.Text(data[RiskTypes.Goal]),
            OwnerUserId = RiskTypes.Text(data[RiskTypes.Owner]),
            UnitId = row.Item.OrganisationUnitId,
            ItemId = RiskTypes.Text(data[RiskTypes.Item]),
            Gross = RiskPosition.Of(row.Record?.GrossProbability, row.Record?.GrossConsequence),
            Residual = RiskPosition.Of(row.Record?.ResidualProbability, row.Record?.ResidualConsequence),
            Treatment = RiskTypes.Text(data[RiskTypes.Treatment]),
            TreatmentText = RiskTypes.Text(data[RiskTypes.TreatmentText]),
            AcceptedUntil = RiskTypes.Date(data[RiskTypes.AcceptedUntil]),
            Cost = RiskTypes.Text(data[RiskTypes.Cost]),
            Complexity = RiskTypes.Text(data[RiskTypes.Complexity]),
            Revision = row.Item.Revision,
            ModifiedUtc = row.Item.ModifiedUtc,
        };
    }
}
