using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Organisation.Units;

/// <summary>The outcome of an import: the plan and what applying it changed.</summary>
public sealed record UnitImportResult(UnitImportPlan Plan, int Added, int Updated, int Unchanged, bool Saved);

/// <summary>
/// Adds or updates units by code from a set of rows (a CSV file, a recipe). The whole set is
/// validated first; only the valid rows are applied, all in one transaction. Units are never
/// deleted or retired by an import, and a retired unit stays retired.
/// </summary>
public sealed class UnitImporter(PortalDbContext db, IUnitDirectory directory, ILogger<UnitImporter> logger)
{
    /// <summary>Validates the rows and, unless <paramref name="validateOnly"/>, applies the valid ones in one transaction.</summary>
    public async Task<UnitImportResult> ImportAsync(IReadOnlyList<UnitImportRow> rows, bool validateOnly, CancellationToken cancellationToken = default)
    {
        if (validateOnly)
        {
            var plan = await ValidateAsync(rows, cancellationToken);
            return new UnitImportResult(plan, 0, 0, 0, Saved: false);
        }

        if (db.Database.CurrentTransaction is not null)
        {
            return await ApplyAsync(await ValidateAsync(rows, cancellationToken), cancellationToken);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await ApplyAsync(await ValidateAsync(rows, cancellationToken), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    public async Task<UnitImportPlan> ValidateAsync(IReadOnlyList<UnitImportRow> rows, CancellationToken cancellationToken = default)
    {
        var existing = await db.Set<OrganisationUnit>().AsNoTracking()
            .Select(u => new ExistingUnit(u.Code, u.Name, u.Parent == null ? null : u.Parent.Code, u.IsActive))
            .ToListAsync(cancellationToken);
        return UnitImportValidator.Validate(rows, existing);
    }

    /// <summary>Applies the accepted rows of a plan. Call inside a transaction if the plan should be applied atomically with other work.</summary>
    public async Task<UnitImportResult> ApplyAsync(UnitImportPlan plan, CancellationToken cancellationToken = default)
    {
        var units = await db.Set<OrganisationUnit>().ToListAsync(cancellationToken);
        var byCode = new Dictionary<string, OrganisationUnit>(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in units)
        {
            byCode.TryAdd(unit.Code, unit);
        }

        var added = new HashSet<OrganisationUnit>();
        foreach (var row in plan.Accepted)
        {
            if (!byCode.ContainsKey(row.Code))
            {
                var unit = new OrganisationUnit { Code = row.Code, Name = row.Name, Kind = row.Kind };
                db.Add(unit);
                byCode[row.Code] = unit;
                added.Add(unit);
            }
        }

        var updated = 0;
        foreach (var row in plan.Accepted)
        {
            var unit = byCode[row.Code];

            // The validator has made sure the parent is an accepted row or an existing unit.
            var parent = row.ParentCode is null ? null : byCode[row.ParentCode];
            if (!added.Contains(unit) && (unit.Name != row.Name || unit.Kind != row.Kind || (parent is not null && added.Contains(parent)) || unit.ParentId != parent?.Id))
            {
                updated++;
            }

            unit.Name = row.Name;
            unit.Kind = row.Kind;
            unit.Parent = parent;
            if (parent is null)
            {
                unit.ParentId = null;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();

        var unchanged = plan.Accepted.Count - added.Count - updated;
        logger.LogInformation(
            "Organisation import applied: {Added} added, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
            added.Count, updated, unchanged, plan.Rejected.Count);
        return new UnitImportResult(plan, added.Count, updated, unchanged, Saved: true);
    }
}
