using System.Globalization;
using System.Text;
using Kvalitetsportal.Organisation.Data;

namespace Kvalitetsportal.Organisation.Units;

/// <summary>
/// One unit to add or update by code, as written in a CSV file or a recipe: the values are kept
/// exactly as read so that a report can show them. <paramref name="LineNumber"/> is the line in
/// the file (or the position in the recipe); <paramref name="FormatProblem"/> is set when the
/// reader already found the line broken (e.g. a stray quote).
/// </summary>
public sealed record UnitImportRow(int LineNumber, string Code, string Name, string Type, string Parent, string? FormatProblem = null);

/// <summary>A row that passed every check, with its values cleaned and its kind read.</summary>
public sealed record AcceptedUnitRow(UnitImportRow Row, string Code, string Name, UnitKind Kind, string? ParentCode);

/// <summary>A row that will not be applied, and why (in Swedish, for the user).</summary>
public sealed record RejectedUnitRow(UnitImportRow Row, string Reason);

/// <summary>What an existing unit looks like to the validator.</summary>
public sealed record ExistingUnit(string Code, string Name, string? ParentCode, bool IsActive);

public sealed record UnitImportPlan(IReadOnlyList<AcceptedUnitRow> Accepted, IReadOnlyList<RejectedUnitRow> Rejected)
{
    public int RowCount => Accepted.Count + Rejected.Count;
}

/// <summary>
/// Checks a whole set of rows against each other and against the existing organisation, before
/// anything is changed. Rows are matched to units by code (ignoring case); a parent may be any
/// row of the set (before or after) or an existing unit. A row whose parent row is rejected is
/// rejected too, and no row may make the tree circular.
/// </summary>
public static class UnitImportValidator
{
    public static UnitImportPlan Validate(IReadOnlyList<UnitImportRow> rows, IReadOnlyCollection<ExistingUnit> existing)
    {
        var existingByCode = new Dictionary<string, ExistingUnit>(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in existing)
        {
            existingByCode.TryAdd(unit.Code, unit);
        }

        var states = rows.Select(Clean).ToList();

        // Codes that occur on more than one line: none of those lines can be trusted.
        foreach (var group in states.Where(s => s.Code.Length > 0).GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var lines = string.Join(", ", group.Select(s => s.Row.LineNumber.ToString(CultureInfo.InvariantCulture)));
            foreach (var state in group)
            {
                state.Reasons.Add($"Koden \"{state.Code}\" förekommer på flera rader i filen (rad {lines}).");
            }
        }

        var fileByCode = states
            .Where(s => s.Code.Length > 0)
            .GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        foreach (var state in states.Where(s => s.ParentCode is not null))
        {
            var parentCode = state.ParentCode!;
            existingByCode.TryGetValue(parentCode, out var existingParent);
            if (string.Equals(parentCode, state.Code, StringComparison.OrdinalIgnoreCase))
            {
                state.Reasons.Add("Enheten kan inte vara överordnad sig själv.");
            }
            else if (existingParent is null && !fileByCode.ContainsKey(parentCode))
            {
                state.Reasons.Add($"Överordnad \"{parentCode}\" finns varken i filen eller i organisationen.");
            }
            else if (existingParent is { IsActive: false } && WillBeActive(state, existingByCode))
            {
                // An import never changes whether a unit is active, so a retired parent stays retired.
                state.Reasons.Add($"Överordnad \"{parentCode}\" ({existingParent.Name}) är avvecklad. Välj en aktiv enhet eller återaktivera den först.");
            }
        }

        // Rows depending on rejected rows, and rows closing a circle, are rejected until nothing changes:
        // rejecting a row gives its code back its present parent, which may close a new circle.
        bool changed;
        do
        {
            changed = RejectRowsUnderRejectedParents(states, fileByCode);
            changed |= RejectCircles(states, fileByCode, existingByCode);
            if (!changed)
            {
                changed = RejectTooDeep(states, fileByCode, existingByCode);
            }
        }
        while (changed);

        var accepted = states
            .Where(s => s.IsValid)
            .Select(s => new AcceptedUnitRow(s.Row, s.Code, s.Name, s.Kind, s.ParentCode))
            .ToList();
        var rejected = states
            .Where(s => !s.IsValid)
            .Select(s => new RejectedUnitRow(s.Row, string.Join(" ", s.Reasons)))
            .ToList();
        return new UnitImportPlan(accepted, rejected);
    }

    private static RowState Clean(UnitImportRow row)
    {
        var state = new RowState(row)
        {
            Code = Normalise(row.Code),
            Name = Normalise(row.Name),
        };
        var type = Normalise(row.Type);
        var parent = Normalise(row.Parent);
        state.ParentCode = parent.Length == 0 ? null : parent;

        if (row.FormatProblem is not null)
        {
            state.Reasons.Add(row.FormatProblem);
        }

        if (state.Code.Length == 0)
        {
            state.Reasons.Add("Koden saknas.");
        }
        else if (state.Code.Length > OrganisationUnit.MaxCodeLength)
        {
            state.Reasons.Add($"Koden är för lång: högst {OrganisationUnit.MaxCodeLength} tecken, den har {state.Code.Length}.");
        }

        if (state.Name.Length == 0)
        {
            state.Reasons.Add("Namnet saknas.");
        }
        else if (state.Name.Length > OrganisationUnit.MaxNameLength)
        {
            state.Reasons.Add($"Namnet är för långt: högst {OrganisationUnit.MaxNameLength} tecken, det har {state.Name.Length}.");
        }

        if (type.Length == 0)
        {
            state.Reasons.Add($"Typ saknas. Skriv en av: {UnitKinds.AcceptedWords}.");
        }
        else if (UnitKinds.TryParse(type, out var kind))
        {
            state.Kind = kind;
        }
        else
        {
            state.Reasons.Add($"Okänd typ \"{type}\". Skriv en av: {UnitKinds.AcceptedWords}.");
        }

        if (HasControlCharacters(state.Code) || HasControlCharacters(state.Name) || HasControlCharacters(parent))
        {
            state.Reasons.Add("Raden innehåller otillåtna tecken (styrtecken).");
        }

        return state;
    }

    private static bool WillBeActive(RowState state, Dictionary<string, ExistingUnit> existingByCode) =>
        !existingByCode.TryGetValue(state.Code, out var unit) || unit.IsActive;

    /// <summary>Rejects, all the way down, the rows whose parent is a rejected row of the set.</summary>
    private static bool RejectRowsUnderRejectedParents(List<RowState> states, Dictionary<string, RowState> fileByCode)
    {
        var childrenOf = states.Where(s => s.ParentCode is not null).ToLookup(s => s.ParentCode!, StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<RowState>(fileByCode.Values.Where(s => !s.IsValid));
        var changed = false;
        while (queue.TryDequeue(out var parent))
        {
            foreach (var child in childrenOf[parent.Code].Where(c => c.IsValid))
            {
                child.Reasons.Add($"Överordnad \"{child.ParentCode}\" på rad {parent.Row.LineNumber} avvisades, så den här raden kan inte heller läsas in.");
                changed = true;
                if (fileByCode.TryGetValue(child.Code, out var childRow) && ReferenceEquals(childRow, child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return changed;
    }

    /// <summary>
    /// Follows parents as they would be after the import (a valid row's parent from the set, otherwise the
    /// present one) and rejects every row that lies on a circle. Each unit is visited once.
    /// </summary>
    private static bool RejectCircles(List<RowState> states, Dictionary<string, RowState> fileByCode, Dictionary<string, ExistingUnit> existingByCode)
    {
        string? ParentAfterImport(string code) =>
            fileByCode.TryGetValue(code, out var row) && row.IsValid
                ? row.ParentCode
                : existingByCode.TryGetValue(code, out var unit) ? unit.ParentCode : null;

        const int OnPath = 1, Done = 2;
        var visited = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rejected = new List<(RowState Row, string Reason)>();
        foreach (var start in states.Where(s => s.IsValid && s.ParentCode is not null))
        {
            var path = new List<string>();
            var current = start.Code;
            while (current is not null && !visited.ContainsKey(current))
            {
                visited[current] = OnPath;
                path.Add(current);
                current = ParentAfterImport(current);
            }

            if (current is not null && visited[current] == OnPath)
            {
                var circle = path[path.FindIndex(c => string.Equals(c, current, StringComparison.OrdinalIgnoreCase))..];
                for (var i = 0; i < circle.Count; i++)
                {
                    if (fileByCode.TryGetValue(circle[i], out var row) && row.IsValid)
                    {
                        var from = circle[i..].Concat(circle[..i]).Append(circle[i]);
                        rejected.Add((row, $"Överordnad ger en cirkel i trädet: {string.Join(" → ", from)}. En enhet kan inte ligga under sig själv."));
                    }
                }
            }

            foreach (var code in path)
            {
                visited[code] = Done;
            }
        }

        foreach (var (row, reason) in rejected)
        {
            row.Reasons.Add(reason);
        }

        return rejected.Count > 0;
    }

    /// <summary>Rejects rows that would end up deeper than <see cref="OrganisationUnit.MaxLevels"/>. Runs only on a tree without circles.</summary>
    private static bool RejectTooDeep(List<RowState> states, Dictionary<string, RowState> fileByCode, Dictionary<string, ExistingUnit> existingByCode)
    {
        string? ParentAfterImport(string code) =>
            fileByCode.TryGetValue(code, out var row) && row.IsValid
                ? row.ParentCode
                : existingByCode.TryGetValue(code, out var unit) ? unit.ParentCode : null;

        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int LevelOf(string code)
        {
            var chain = new List<string>();
            var current = code;
            while (current is not null && !levels.ContainsKey(current) && chain.Count <= fileByCode.Count + existingByCode.Count)
            {
                chain.Add(current);
                current = ParentAfterImport(current);
            }

            var level = current is not null && levels.TryGetValue(current, out var known) ? known : 0;
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                levels[chain[i]] = ++level;
            }

            return levels[code];
        }

        var changed = false;
        foreach (var state in states.Where(s => s.IsValid))
        {
            var level = LevelOf(state.Code);
            if (level > OrganisationUnit.MaxLevels)
            {
                state.Reasons.Add($"Enheten skulle hamna på nivå {level} i trädet. Högst {OrganisationUnit.MaxLevels} nivåer är tillåtna.");
                changed = true;
            }
        }

        return changed;
    }

    private static string Normalise(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value.Trim().Normalize(NormalizationForm.FormC);

    private static bool HasControlCharacters(string value) => value.Any(char.IsControl);

    private sealed class RowState(UnitImportRow row)
    {
        public UnitImportRow Row { get; } = row;

        public string Code { get; init; } = "";

        public string Name { get; init; } = "";

        public UnitKind Kind { get; set; }

        public string? ParentCode { get; set; }

        public List<string> Reasons { get; } = [];

        public bool IsValid => Reasons.Count == 0;
    }
}
