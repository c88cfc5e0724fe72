using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;

namespace Kvalitetsportal.Kvalitetspris;

public sealed class KvalitetsprisPermissions : IPermissionProvider
{
    public const string ApplyName = "Kvalitetspris.Apply";
    public const string ManageName = "Kvalitetspris.Manage";

    public static readonly Permission Apply = new(ApplyName, "Ansöka om kvalitetspriset",
        "Skriva och skicka in en ansökan om kvalitetspriset Nya steg för en verksamhet.");

    public static readonly Permission Manage = new(ManageName, "Driva kvalitetspriset",
        "Öppna prisomgångar, se alla inskickade ansökningar och registrera juryns beslut.");

    public IEnumerable<Permission> GetPermissions() => [Apply, Manage];

    // Every municipally funded operation may apply: the roles an employee has get the right to apply.
    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() =>
    [
        new("Medarbetare", [Apply]),
        new("Chef", [Apply]),
        new("Kvalitetsledare", [Apply]),
        new("Priskoordinator", [Apply, Manage]),
    ];
}

public sealed class KvalitetsprisNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Portal)
        {
            items.Add(new MenuItem("Kvalitetspriset", PrizeUrls.Start, 120, KvalitetsprisPermissions.ApplyName));
            items.Add(new MenuItem("Prisomgångar", PrizeUrls.Rounds, 121, KvalitetsprisPermissions.ManageName));
        }
    }
}

/// <summary>The module's addresses, in one place so views, redirects and tests agree.</summary>
public static class PrizeUrls
{
    public const string Start = "/kvalitetspris";
    public const string Rounds = "/kvalitetspris/omgangar";

    public static string Apply(string roundId) => $"/kvalitetspris/omgangar/{roundId}/ansok";

    public static string Round(string roundId) => $"/kvalitetspris/omgangar/{roundId}";

    public static string Application(string id) => $"/kvalitetspris/ansokan/{id}";

    public static string Autosave(string id) => $"/kvalitetspris/ansokan/{id}/autospara";

    public static string CoApplicants(string id) => $"/kvalitetspris/ansokan/{id}/medsokande";

    public static string Receipt(string id) => $"/kvalitetspris/ansokan/{id}/kvitto";

    public const string JuryQueue = "/kvalitetspris/jury";

    public static string RoundJury(string roundId) => $"/kvalitetspris/omgangar/{roundId}/jury";
}
