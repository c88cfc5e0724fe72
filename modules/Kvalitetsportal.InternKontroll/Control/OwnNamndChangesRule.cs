using Kvalitetsportal.Contents.Access;

namespace Kvalitetsportal.InternKontroll.Control;

/// <summary>
/// Seeing is the workflow's business (a state's unit roles see their own nämnd, its view roles see
/// all); changing internal control is always within the reader's own unit and the units below it.
/// The workflow's edit roles are not narrowed by unit, so without this rule one nämnd's
/// internkontrollansvarig could change another nämnd's plan through the API. Only narrows.
/// </summary>
public sealed class OwnNamndChangesRule(ReaderUnits readerUnits) : IContentAccessRule
{
    public async ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken)
    {
        if (request.Kind == ContentAccessKind.View || !ControlTypes.All.Contains(request.Type.Name))
        {
            return clauses;
        }

        var units = await readerUnits.ExpandAsync(request.User, UnitReach.OwnUnitAndBelow, cancellationToken);
        return [.. clauses.Select(clause => clause.Units is null ? clause with { Units = units } : clause with { Units = clause.Units.Intersect(units).ToHashSet() })];
    }
}
