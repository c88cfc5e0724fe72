namespace Kvalitetsportal.Organisation.Data;

/// <summary>A person as the organisation pages show them.</summary>
public sealed record PersonRef(string Id, string Name, string? Email);

/// <summary>
/// Finds people for the organisation tree (a unit's manager). The Users module, which knows the
/// accounts and depends on Organisation, provides it; Organisation itself stores only user ids.
/// </summary>
public interface IPersonDirectory
{
    Task<PersonRef?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    Task<PersonRef?> FindByIdAsync(string id, CancellationToken cancellationToken = default);
}
