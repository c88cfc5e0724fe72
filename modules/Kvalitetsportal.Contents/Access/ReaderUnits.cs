using System.Globalization;
using System.Security.Claims;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Setup;

namespace Kvalitetsportal.Contents.Access;

/// <summary>How far a unit rule reaches from the reader's own unit.</summary>
public enum UnitReach
{
    /// <summary>No unit rule.</summary>
    None = 0,

    /// <summary>Items of the reader's own unit.</summary>
    OwnUnit = 1,

    /// <summary>Items of the reader's unit and every unit below it (a nämnd sees its förvaltningar's items).</summary>
    OwnUnitAndBelow = 2,
}

/// <summary>
/// Expands a unit rule for one reader into the set of unit ids a clause filters on (<see
/// cref="ContentAccessClause.Units"/>). The reader's unit comes from their sign-in (the "unit"
/// claim); the tree from the cached <see cref="IUnitDirectory"/>, so a moved unit is seen when the
/// tree is. The set is part of the clause's key, so caches keyed by it never mix two readers' reach.
/// </summary>
public sealed class ReaderUnits(IUnitDirectory units)
{
    private readonly Dictionary<(string Unit, UnitReach Reach), IReadOnlySet<int>> expanded = [];

    /// <summary>The reader's reach; empty (nothing) when the reader has no unit.</summary>
    public async Task<IReadOnlySet<int>> ExpandAsync(ClaimsPrincipal reader, UnitReach reach, CancellationToken cancellationToken = default)
    {
        if (reach == UnitReach.None
            || reader.FindFirstValue(PortalClaimsPrincipalFactory.UnitClaim) is not { } claim
            || !int.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var unit))
        {
            return new HashSet<int>();
        }

        if (!expanded.TryGetValue((claim, reach), out var set))
        {
            set = reach == UnitReach.OwnUnit ? new HashSet<int> { unit } : (await units.LoadAsync(cancellationToken)).SelfAndDescendants(unit);
            expanded[(claim, reach)] = set;
        }

        return set;
    }
}
