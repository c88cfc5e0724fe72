using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Riskanalys.Matrix;

namespace Kvalitetsportal.Riskanalys;

public sealed class RiskanalysPermissions : IPermissionProvider
{
    public const string ValueName = "Riskanalys.Value";
    public const string ManageMatrixName = "Riskanalys.ManageMatrix";

    public static readonly Permission Value = new(ValueName, "Värdera och behandla risker",
        "Lägga till risker och värdera, behandla och sekretessmarkera de risker man ser (i sin egen enhet och enheterna under den).");

    public static readonly Permission ManageMatrix = new(ManageMatrixName, "Ställa in riskmatrisen",
        "Bestämma riskmatrisens skalor för sannolikhet och konsekvens, nivåernas definitioner och färgbanden.");

    public IEnumerable<Permission> GetPermissions() => [Value, ManageMatrix];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() =>
    [
        new("Chef", [Value]),
        new("Internkontrollansvarig", [Value]),
        new("Kvalitetsledare", [Value]),
    ];
}

public sealed class RiskanalysNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Portal)
        {
            items.Add(new MenuItem("Riskregister", RiskUrls.Register, 130, "Contents.Risk.ViewAll"));
        }
        else if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Riskmatris", RiskUrls.MatrixAdmin, 430, RiskanalysPermissions.ManageMatrixName, "Innehåll"));
        }
    }
}

/// <summary>The module's addresses, in one place so views, redirects, other modules and tests agree.</summary>
public static class RiskUrls
{
    public const string Register = "/riskanalys";
    public const string MatrixAdmin = "/admin/riskmatris";

    /// <summary>The risk list (heat map and table) of any item: a plan, a project, a procurement.</summary>
    public static string ForItem(string itemId) => $"/riskanalys/for/{itemId}";

    /// <summary>Add a risk to an item's list; <paramref name="returnUrl"/> (a local path) is where "Tillbaka" leads.</summary>
    public static string Add(string itemId, string? returnUrl = null) =>
        $"/riskanalys/for/{itemId}/ny" + (string.IsNullOrEmpty(returnUrl) ? "" : "?tillbaka=" + Uri.EscapeDataString(returnUrl));

    public static string Risk(string riskId) => $"/riskanalys/risker/{riskId}";

    public static string Value(string riskId) => $"/riskanalys/risker/{riskId}/vardering";

    public static string Treatment(string riskId) => $"/riskanalys/risker/{riskId}/behandling";

    public static string Secrecy(string riskId) => $"/riskanalys/risker/{riskId}/sekretess";
}
