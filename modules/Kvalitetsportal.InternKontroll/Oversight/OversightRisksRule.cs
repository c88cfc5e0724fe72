using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Riskanalys.Risks;

namespace Kvalitetsportal.InternKontroll.Oversight;

/// <summary>
/// Kommunstyrelsen's controllers see every nämnd's risks (uppsiktsplikt), read only. The Risk workflow
/// ships with Riskanalys, which cannot name this module's role in its states' view roles (a role that
/// does not exist yet fails the workflow's validation when Intern kontroll is off). So a reader who has
/// both the oversight permission and the Risk type's "see all" grant (the recipe grants both to
/// "Controller intern kontroll"; an administrator can take either away) gets one clause over all risks.
/// Registered after the Workflows feature's rule, so that rule does not narrow it to the states' roles;
/// secrecy and jäv still win (ContentAccessService puts closed items into every clause afterwards).
/// </summary>
public sealed class OversightRisksRule(IPermissionService permissions) : IContentAccessRule
{
    public async ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken)
    {
        if (request.Kind != ContentAccessKind.View || request.Type.Name != RiskTypes.Risk
            || !await permissions.HasPermissionAsync(request.User, InternKontrollPermissions.OverseeName, cancellationToken)
            || !await permissions.HasPermissionAsync(request.User, ContentPermissions.Name(RiskTypes.Risk, ContentAction.ViewAll), cancellationToken))
        {
            return clauses;
        }

        return [.. clauses, new ContentAccessClause(RiskTypes.Risk)];
    }
}
