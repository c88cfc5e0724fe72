using Kvalitetsportal.Audit;

namespace Kvalitetsportal.AuditTrail.AuditLog;

/// <summary>The log's filters, as they appear in its address.</summary>
public sealed record AuditLogQuery(DateOnly? From, DateOnly? To, string? Category, string? Action, string? User, string? Subject, int Page);

public sealed record AuditRow(
    long Id,
    DateTime LocalTime,
    string Actor,
    string Category,
    string Action,
    string SubjectType,
    string SubjectId,
    string SubjectTitle,
    IReadOnlyList<AuditChange> Changes);

public sealed class AuditLogPage
{
    public const int PageSize = 50;

    public required AuditLogQuery Query { get; init; }

    public required IReadOnlyList<AuditRow> Rows { get; init; }

    public int TotalCount { get; init; }

    public int RetentionDays { get; init; }

    /// <summary>Set when the user filter names an e-mail address no account has.</summary>
    public bool UnknownUser { get; init; }

    public string TimeZoneName { get; init; } = "";

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public static IReadOnlyList<string> Categories => AuditCategories.All;

    public static IReadOnlyList<string> Actions => AuditActions.All;

    /// <summary>The action as administrators read it.</summary>
    public static string ActionText(string action) => action switch
    {
        AuditActions.Created => "Skapad",
        AuditActions.Updated => "Ändrad",
        AuditActions.Published => "Publicerad",
        AuditActions.Removed => "Borttagen",
        AuditActions.PermissionsChanged => "Behörigheter ändrade",
        AuditActions.RolesChanged => "Roller ändrade",
        AuditActions.Locked => "Spärrad",
        AuditActions.Unlocked => "Upplåst",
        AuditActions.FeatureEnabled => "Funktion aktiverad",
        AuditActions.FeatureDisabled => "Funktion avstängd",
        AuditActions.RecipeStepRun => "Receptsteg kört",
        AuditActions.DocumentCreated => "Dokument skapat",
        AuditActions.DecisionRecorded => "Beslut registrerat",
        AuditActions.AccessChanged => "Åtkomst ändrad",
        AuditActions.PersonalDataExtracted => "Registerutdrag framtaget",
        AuditActions.PersonalDataErased => "Person raderad och pseudonymiserad",
        _ => action,
    };

    /// <summary>The log's address with the current filters and another page number.</summary>
    public string PageUrl(int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("fran", Query.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("till", Query.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("kategori", Query.Category);
        Add("handelse", Query.Action);
        Add("anvandare", Query.User);
        Add("objekt", Query.Subject);
        parts.Add("sida=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/admin/granskningslogg?" + string.Join("&", parts);
    }
}
