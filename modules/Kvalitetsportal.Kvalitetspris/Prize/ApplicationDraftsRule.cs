using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.Kvalitetspris.Prize;

/// <summary>
/// An application that is still a draft (no workflow state yet) is its author's alone. The workflow
/// rule leaves items without a state to the type's grants, so a manager's or the coordinator's "see
/// all" would reach other people's drafts; this rule takes drafts out of every clause that is not
/// the reader's own. It only narrows: with no workflow it leaves others' items out altogether.
/// </summary>
public sealed class ApplicationDraftsRule(IWorkflowDefinitionStore workflows) : IContentAccessRule
{
    public async ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken)
    {
        if (request.Type.Name != PrizeTypes.Application)
        {
            return clauses;
        }

        var workflow = (await workflows.GetCurrentAsync(PrizeTypes.Application, cancellationToken))?.Definition;
        IReadOnlySet<string> states = workflow?.States.Select(s => s.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        return [.. clauses.Select(clause =>
            clause.ContentType != PrizeTypes.Application || clause.OwnerId == request.UserId ? clause
            : clause.States is null ? clause with { States = states, IncludeNoState = false }
            : clause with { IncludeNoState = false })];
    }
}
