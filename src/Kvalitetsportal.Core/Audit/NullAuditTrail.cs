namespace Kvalitetsportal.Audit;

/// <summary>Used when no module records the audit trail, so that Core works on its own.</summary>
public sealed class NullAuditTrail : IAuditTrail
{
    public static readonly NullAuditTrail Instance = new();

    public void Record(AuditEntry entry)
    {
    }
}
