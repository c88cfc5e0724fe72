using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.InternKontroll.Control;
using Kvalitetsportal.Workflows.Runtime;

namespace Kvalitetsportal.InternKontroll.Checks;

/// <summary>
/// The person holding a check (the workflow assigns it to the control point's responsible person,
/// copied by the quarterly schedule) may report it in the states where its owner may change it. The
/// workflow lets holders see what they hold and take transitions that allow the assignee, but gives
/// them no edit clause; this adds it for checks only. Registered before <see cref="OwnNamndChangesRule"/>,
/// which keeps it within the holder's own nämnd.
/// </summary>
public sealed class HolderReportsRule(WorkflowStateRules rules) : IContentAccessRule
{
    public async ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken)
    {
        if (request.Kind != ContentAccessKind.Edit || request.Type.Name != ControlTypes.Check
            || await rules.GetAsync(request.Type.Name, cancellationToken) is not { Count: > 0 } states)
        {
            return clauses;
        }

        var open = states.Values.Where(s => s.OwnerCanEdit).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return open.Count == 0 ? clauses : [.. clauses, new ContentAccessClause(request.Type.Name, States: open, AssignedTo: new HashSet<string>(StringComparer.Ordinal) { Assignee.User(request.UserId) })];
    }
}
