using Kvalitetsportal.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Users.UserAccounts;

public sealed record UserSearchHit(PortalUser User, IReadOnlyList<string> Roles);

public sealed record UserSearchResult(IReadOnlyList<UserSearchHit> Users, int TotalCount, int Page);

/// <summary>Finding accounts by name or e-mail, role and unit, a page at a time, with each account's roles.</summary>
public sealed class UserSearch(PortalDbContext db)
{
    /// <param name="unitIds">The unit and the units below it; null for every unit.</param>
    public async Task<UserSearchResult> PageAsync(string search, string? role, IReadOnlyCollection<int>? unitIds, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Set<PortalUser>().AsNoTracking();
        if (search.Length > 0)
        {
            var upper = search.ToUpperInvariant();
            var lower = search.ToLowerInvariant();
            // Case-insensitive in SQL (the StringComparison overloads are not translated). PostgreSQL's
            // UPPER knows å, ä and ö; SQLite's changes only a–z, so there LOWER catches "Sjöberg" for "sjö".
#pragma warning disable CA1862
            query = query.Where(u => u.DisplayName.ToUpper().Contains(upper)
                || u.DisplayName.ToLower().Contains(lower)
                || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)));
#pragma warning restore CA1862
        }

        if (!string.IsNullOrEmpty(role))
        {
            var roleId = await db.Set<PortalRole>().Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            query = query.Where(u => db.Set<IdentityUserRole<string>>().Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        if (unitIds is not null)
        {
            var ids = unitIds.ToList();
            query = query.Where(u => u.OrganisationUnitId != null && ids.Contains(u.OrganisationUnitId.Value));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var found = await query
            .OrderBy(u => u.DisplayName).ThenBy(u => u.NormalizedEmail)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);

        var userIds = found.Select(u => u.Id).ToList();
        var roleNames = (await (
                from ur in db.Set<IdentityUserRole<string>>()
                join r in db.Set<PortalRole>() on ur.RoleId equals r.Id
                where userIds.Contains(ur.UserId)
                select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name ?? "");

        return new UserSearchResult([.. found.Select(u => new UserSearchHit(u, [.. roleNames[u.Id].Order(StringComparer.CurrentCulture)]))], total, page);
    }

    /// <summary>Every role with its description, by name.</summary>
    public async Task<IReadOnlyList<(string Name, string Description)>> RolesAsync(CancellationToken cancellationToken) =>
        [.. (await db.Set<PortalRole>().AsNoTracking().Select(r => new { Name = r.Name ?? "", r.Description }).ToListAsync(cancellationToken))
            .Select(r => (r.Name, r.Description))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)];
}
