namespace Kvalitetsportal.PersonalData;

/// <summary>
/// One module's part of what the portal holds about a person (GDPR art. 15 register extract) and of
/// erasing it (art. 17). Each module reads and changes only its own tables, so the one-writer rule
/// holds; the register extract module asks every source and saves once.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>Where the section stands in the extract (lower first).</summary>
    int Order { get; }

    Task<PersonalDataSection> ExtractAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Stages the erasure in the request's unit of work (no SaveChanges: the caller saves every
    /// source's change and the audit event together) and says what was erased and what was kept and why.
    /// </summary>
    Task<PersonalDataErasure> EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken);
}

/// <summary>A heading, why the portal holds it (the purpose and legal ground), and the records.</summary>
public sealed record PersonalDataSection(string Title, string Purpose, IReadOnlyList<PersonalDataRecord> Records);

/// <summary>One row the portal holds: e.g. an item, a comment, an audit event.</summary>
public sealed record PersonalDataRecord(string Heading, IReadOnlyList<PersonalDataValue> Values);

public sealed record PersonalDataValue(string Label, string Value);

/// <summary>What one source erased (counts and kinds, no content) and what it kept, with the reason.</summary>
public sealed record PersonalDataErasure(string Title, IReadOnlyList<string> Erased, IReadOnlyList<string> Kept);
