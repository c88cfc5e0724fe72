using Kvalitetsportal.Navigation;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Workflows.Decisions;

namespace Kvalitetsportal.Workflows;

public sealed class WorkflowPermissions : IPermissionProvider
{
    public const string ManageWorkflowsName = "ManageWorkflows";

    public static readonly Permission ManageWorkflows = new(ManageWorkflowsName, "Hantera arbetsflöden",
        "Forma arbetsflöden för innehållstyper, flytta pågående ärenden till en ny version och se stoppade timrar.");

    public IEnumerable<Permission> GetPermissions() => [ManageWorkflows];

    public IEnumerable<DefaultRoleGrant> GetDefaultGrants() => [];
}

public sealed class WorkflowsNavigation : INavigationProvider
{
    public void BuildNavigation(string menuName, ICollection<MenuItem> items)
    {
        if (menuName == Menus.Admin)
        {
            items.Add(new MenuItem("Arbetsflöden", "/admin/arbetsfloden", 310, WorkflowPermissions.ManageWorkflowsName, "Innehåll"));
            items.Add(new MenuItem("Beslutsutfall", DecisionOutcomesController.Path, 311, WorkflowPermissions.ManageWorkflowsName, "Innehåll"));
        }
    }
}
