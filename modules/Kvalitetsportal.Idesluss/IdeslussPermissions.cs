using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;

namespace Kvalitetsportal.Idesluss;

public sealed class IdeslussPermissions : IPermissionProvider
{
    public const string ManageName = "Idesluss.Manage";
    public const string SeeGiversName = "Idesluss.SeeGivers";
    public const string AssessName = "Idesluss.Assess";
    public const string StatisticsName = "Idesluss.Statistics";

    public static readonly Permission Manage = new(ManageName, "Driva idéslussen",
        "Se tavlan och PICK-diagrammet, tilldela bedömare, slutplacera idéer i PICK, slå ihop dubbletter och markera goda exempel.");

    public static readonly Permission SeeGivers = new(SeeGiversName, "Se vem som gett idéer",
        "Se idégivarens namn även när idén prövas anonymt, och visa det för bedömaren.");

    public static readonly Permission Assess = new(AssessName, "Bedöma idéer",
        "Bedöma idéer (effekt, insats, nytta, rekommendation) och föra idéers handlingsplaner. Bedömare ser inte idégivarens namn.");

    public static readonly Permission Statistics = new(StatisticsName, "Se idéstatistik",
        "Se och exportera statistik över idéer per förvaltning, område, steg och ledtid.");

    public IEnumerable<Permission> GetPermissions() => [Manage, SeeGivers, Assess, Statistics];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class IdeslussNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Portal)
        {
            items.Add(new MenuItem("Idéer", IdeaUrls.Submit, 110));
            items.Add(new MenuItem("Idébanken", IdeaUrls.Bank, 111));
            items.Add(new MenuItem("Idétavlan", IdeaUrls.Board, 112, IdeslussPermissions.ManageName));
            items.Add(new MenuItem("Idéstatistik", IdeaUrls.Statistics, 113, IdeslussPermissions.StatisticsName));
        }
    }
}

/// <summary>The module's addresses, in one place so views, redirects and tests agree.</summary>
public static class IdeaUrls
{
    public const string Submit = "/ideer/ny";
    public const string Board = "/ideer/tavla";
    public const string Pick = "/ideer/pick";
    public const string Bank = "/idebank";
    public const string Statistics = "/ideer/statistik";
    public const string Campaigns = "/ideer/utmaningar";

    public static string Detail(string id) => "/ideer/" + id;

    public static string Receipt(string id) => "/ideer/" + id + "/kvitto";

    public static string Edit(string id) => "/ideer/" + id + "/andra";

    public static string Assess(string id) => "/ideer/" + id + "/bedom";

    /// <summary>The action plan's place on the idea page.</summary>
    public static string ActionPlan(string id) => Detail(id) + "#handlingsplan";

    public static string FinalPlacement(string id) => "/ideer/" + id + "/slutplacering";

    public static string SubmitTo(string campaignId) => Submit + "?utmaning=" + campaignId;
}
