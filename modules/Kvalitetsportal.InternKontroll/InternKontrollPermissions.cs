using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;

namespace Kvalitetsportal.InternKontroll;

public sealed class InternKontrollPermissions : IPermissionProvider
{
    public const string UseName = "InternKontroll.Use";
    public const string OverseeName = "InternKontroll.Oversee";

    public static readonly Permission Use = new(UseName, "Arbeta med intern kontroll",
        "Öppna internkontrollplaner, rapportera kontroller och följa åtgärder för den egna nämnden.");

    public static readonly Permission Oversee = new(OverseeName, "Uppsikt över intern kontroll",
        "Se den samlade bilden av alla nämnders och bolags interna kontroll (Kommunstyrelsens uppsiktsplikt).");

    public IEnumerable<Permission> GetPermissions() => [Use, Oversee];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() =>
    [
        new("Internkontrollansvarig", [Use]),
        new("Förvaltningschef", [Use]),
        new("Controller intern kontroll", [Use, Oversee]),
    ];
}

public sealed class InternKontrollNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Portal)
        {
            items.Add(new MenuItem("Intern kontroll", InternKontrollUrls.Start, 130, InternKontrollPermissions.UseName));
            items.Add(new MenuItem("Intern kontroll i alla nämnder", InternKontrollUrls.Overview, 131, InternKontrollPermissions.OverseeName));
        }
    }
}

/// <summary>The module's addresses, in one place so views, redirects and tests agree.</summary>
public static class InternKontrollUrls
{
    public const string Start = "/internkontroll";
    public const string Overview = "/internkontroll/oversikt";

    public static string Plan(string id) => $"/internkontroll/plan/{id}";

    public static string Check(string id) => $"/internkontroll/kontroll/{id}";
}
