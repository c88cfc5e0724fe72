using System.Security.Claims;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Users.Setup;

/// <summary>Adds the display name and organisation unit, so pages need not look the user up.</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> users,
    RoleManager<PortalRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(users, roles, options)
{
    public const string DisplayNameClaim = "name";
    public const string UnitClaim = "unit";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.OrganisationUnitId is int unitId)
        {
            identity.AddClaim(new Claim(UnitClaim, unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
