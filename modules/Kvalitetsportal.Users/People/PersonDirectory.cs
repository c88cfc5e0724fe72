using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Users.People;

/// <summary>Lets the organisation tree name a unit's manager by e-mail without knowing the accounts.</summary>
public sealed class PersonDirectory(UserManager<PortalUser> users) : IPersonDirectory
{
    public async Task<PersonRef?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        return user is null ? null : From(user);
    }

    public async Task<PersonRef?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await users.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : From(user);
    }

    private static PersonRef From(PortalUser user) =>
        new(user.Id, user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? user.Id, user.Email);
}
