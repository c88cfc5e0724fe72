namespace Kvalitetsportal.Audit;

/// <summary>
/// Records who changed what. <see cref="Record"/> only adds the event to the caller's unit of work
/// (the scoped database context): it commits with the caller's next SaveChanges, together with the
/// change it describes, or not at all. A caller outside a save records and then saves itself.
/// </summary>
public interface IAuditTrail
{
    void Record(AuditEntry entry);
}

/// <summary>
/// One audited action. <see cref="ActorId"/> is the user's id; when it is null the signed-in user of
/// the current request is taken, and outside a request the action is the system's. Never put
/// passwords or other secrets in <see cref="Changes"/>.
/// </summary>
public sealed record AuditEntry(string Category, string Action, string SubjectType, string SubjectId, string SubjectTitle)
{
    public string? ActorId { get; init; }

    public IReadOnlyList<AuditChange> Changes { get; init; } = [];
}

/// <summary>One changed value as a reader sees it: the field's technical name, its label, before and after.</summary>
public sealed record AuditChange(string Field, string Label, string? Before, string? After);

/// <summary>The categories the audit log filters on (shown to administrators, hence Swedish).</summary>
public static class AuditCategories
{
    public const string Content = "Innehåll";
    public const string Permissions = "Behörigheter";
    public const string Users = "Användare";
    public const string Features = "Funktioner";
    public const string Workflows = "Arbetsflöden";
    public const string Recipes = "Recept";

    public static IReadOnlyList<string> All { get; } = [Content, Permissions, Users, Features, Workflows, Recipes];
}

/// <summary>The actions recorded; stable technical names, shown in Swedish by the audit log.</summary>
public static class AuditActions
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Published = "Published";
    public const string Removed = "Removed";
    public const string PermissionsChanged = "PermissionsChanged";
    public const string RolesChanged = "RolesChanged";
    public const string Locked = "Locked";
    public const string Unlocked = "Unlocked";
    public const string FeatureEnabled = "FeatureEnabled";
    public const string FeatureDisabled = "FeatureDisabled";
    public const string RecipeStepRun = "RecipeStepRun";
    public const string DocumentCreated = "DocumentCreated";
    public const string DecisionRecorded = "DecisionRecorded";

    /// <summary>Who an item is for changed: a member added or removed (jäv too), a secrecy marking set or lifted.</summary>
    public const string AccessChanged = "AccessChanged";

    /// <summary>A person's register extract was produced (GDPR art. 15), by the person or an administrator.</summary>
    public const string PersonalDataExtracted = "PersonalDataExtracted";

    /// <summary>A person was erased and pseudonymised on request (GDPR art. 17); what was kept stays.</summary>
    public const string PersonalDataErased = "PersonalDataErased";

    public static IReadOnlyList<string> All { get; } =
        [Created, Updated, Published, Removed, PermissionsChanged, RolesChanged, Locked, Unlocked, FeatureEnabled, FeatureDisabled, RecipeStepRun, DocumentCreated, DecisionRecorded, AccessChanged, PersonalDataExtracted, PersonalDataErased];
}

/// <summary>Subject types that are not content types.</summary>
public static class AuditSubjectTypes
{
    public const string Role = "Roll";
    public const string User = "Användare";
    public const string Feature = "Funktion";
    public const string ContentType = "Innehållstyp";
    public const string Workflow = "Arbetsflöde";
    public const string RecipeStep = "Receptsteg";
}

/// <summary>Helpers for building readable changes.</summary>
public static class AuditValues
{
    /// <summary>The changes whose before and after differ (empty counts as none).</summary>
    public static IReadOnlyList<AuditChange> Changes(params (string Field, string Label, string? Before, string? After)[] values) =>
        [.. values
            .Select(v => new AuditChange(v.Field, v.Label, string.IsNullOrEmpty(v.Before) ? null : v.Before, string.IsNullOrEmpty(v.After) ? null : v.After))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))];

    /// <summary>A list of names in a stable order, e.g. roles.</summary>
    public static string List(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));
}
